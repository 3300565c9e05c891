package org.stemiraccds.errors;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Sends a {@link FuzzCase}: java.net.http for well-formed requests, a plain socket for raw bytes. */
final class FuzzHttp {
	/** The "status" of an HTTP/0.9 answer, which has none. */
	static final int HTTP_09 = 9;
	private static final Duration TIMEOUT = Duration.ofSeconds(60);
	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
	private final int port;

	FuzzHttp(int port) {
		this.port = port;
	}

	/**
	 * What came back; status 0 when the server closed the connection without an answer. {@code locations}: the
	 * Location and Content-Location headers, which name what a write stored ({@link FuzzLedger}).
	 */
	record Answer(int status, String contentType, String body, List<String> locations) {
		Answer(int status, String contentType, String body) {
			this(status, contentType, body, List.of());
		}
	}

	Answer send(FuzzCase fuzzCase) throws IOException, InterruptedException {
		return fuzzCase.isRaw() ? sendRaw(fuzzCase.raw()) : sendWellFormed(fuzzCase);
	}

	private Answer sendWellFormed(FuzzCase fuzzCase) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + fuzzCase.target()))
				.timeout(TIMEOUT)
				.method(fuzzCase.method(), fuzzCase.body() == null ? HttpRequest.BodyPublishers.noBody()
						: HttpRequest.BodyPublishers.ofByteArray(fuzzCase.body()));
		fuzzCase.headers().forEach(h -> request.header(h[0], h[1]));
		HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		List<String> locations = new ArrayList<>(response.headers().allValues("Location"));
		locations.addAll(response.headers().allValues("Content-Location"));
		return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
				new String(response.body(), StandardCharsets.UTF_8), locations);
	}

	/** One request per connection (the raw bytes are expected to end the request), read to the end. */
	private Answer sendRaw(byte[] request) throws IOException {
		try (Socket socket = new Socket("localhost", port)) {
			socket.setSoTimeout((int) TIMEOUT.toMillis());
			OutputStream out = socket.getOutputStream();
			try {
				out.write(request);
				out.flush();
				socket.shutdownOutput();
			} catch (IOException closedEarly) {
				// the server may answer and close before reading all of an over-long request
			}
			return parse(readAll(socket.getInputStream()));
		}
	}

	private static byte[] readAll(InputStream in) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			for (int n; (n = in.read(buffer)) != -1; ) bytes.write(buffer, 0, n);
		} catch (java.net.SocketException reset) {
			// a reset after the answer: what was read is the answer
		}
		return bytes.toByteArray();
	}

	/** Status line, headers, and the body (de-chunked when chunked). */
	private static Answer parse(byte[] response) {
		String head = new String(response, StandardCharsets.ISO_8859_1);
		int end = head.indexOf("\r\n\r\n");
		if (!head.startsWith("HTTP/") || end < 0) {
			// a request line without a version is HTTP/0.9, whose answer is the bare body
			return new Answer(response.length == 0 ? 0 : HTTP_09, "", new String(response, StandardCharsets.UTF_8));
		}
		String[] lines = head.substring(0, end).split("\r\n");
		int status = Integer.parseInt(lines[0].split(" ")[1]);
		String contentType = "";
		boolean chunked = false;
		List<String> locations = new ArrayList<>();
		for (String line : lines) {
			String lower = line.toLowerCase(Locale.ROOT);
			if (lower.startsWith("content-type:")) contentType = line.substring(13).trim();
			if (lower.startsWith("location:") || lower.startsWith("content-location:")) {
				locations.add(line.substring(line.indexOf(':') + 1).trim());
			}
			if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) chunked = true;
		}
		byte[] body = java.util.Arrays.copyOfRange(response, end + 4, response.length);
		return new Answer(status, contentType, new String(chunked ? dechunk(body) : body, StandardCharsets.UTF_8), locations);
	}

	private static byte[] dechunk(byte[] chunked) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		String text = new String(chunked, StandardCharsets.ISO_8859_1);
		int at = 0;
		while (at < text.length()) {
			int lineEnd = text.indexOf("\r\n", at);
			if (lineEnd < 0) break;
			int size = Integer.parseInt(text.substring(at, lineEnd).split(";")[0].trim(), 16);
			if (size == 0) break;
			int start = lineEnd + 2;
			body.write(chunked, start, Math.min(size, chunked.length - start));
			at = start + size + 2;
		}
		return body.toByteArray();
	}
}
