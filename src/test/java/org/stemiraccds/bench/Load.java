package org.stemiraccds.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Closed-loop load: {@code total} requests from {@code concurrency} clients, each sending its next request when
 * its last one returned, every latency recorded. Two generators: hey (a Go program, far lighter than a JVM
 * client on the same cores; needs one fixed request) and java.net.http (needed when every request differs, e.g.
 * a CDS client JWT with a fresh jti per call). A row's servers are always measured with the same one.
 */
final class Load {
	static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5)).build();

	enum Generator { HEY, JAVA }

	/** One HTTP request; body null for a GET. */
	record Call(String method, String url, String body, String contentType, Map<String, String> headers) {
		static Call get(String url, Map<String, String> headers) {
			return new Call("GET", url, null, null, headers);
		}

		static Call post(String url, String body, String contentType, Map<String, String> headers) {
			return new Call("POST", url, body, contentType, headers);
		}

		Call withMethod(String other) {
			return new Call(other, url, body, contentType, headers);
		}

		HttpRequest request() {
			HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(15));
			headers.forEach(builder::header);
			if (body == null) return builder.method(method, HttpRequest.BodyPublishers.noBody()).build();
			return builder.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body)).build();
		}

		/** Sends it once and returns the answer, whatever its status. */
		HttpResponse<String> sendAny() throws Exception {
			return CLIENT.send(request(), HttpResponse.BodyHandlers.ofString());
		}

		/** Sends it once and returns the answer, which must have one of these statuses. */
		HttpResponse<String> send(int... expected) throws Exception {
			HttpResponse<String> response = sendAny();
			for (int status : expected) if (response.statusCode() == status) return response;
			throw new IllegalStateException(method + " " + url + " -> " + response.statusCode() + ": " + abbreviate(response.body()));
		}
	}

	private Load() {}

	static Generator defaultGenerator() {
		String chosen = System.getProperty("bench.client", "");
		if (chosen.equals("java")) return Generator.JAVA;
		if (chosen.equals("hey") || onPath("hey")) return Generator.HEY;
		return Generator.JAVA;
	}

	/** The same request {@code total} times. */
	static Stats run(Generator generator, String name, Call call, int expected, int total, int concurrency) throws Exception {
		if (total <= 0) return null;
		return generator == Generator.HEY ? hey(name, call, expected, total, concurrency)
				: java(name, i -> call.request(), expected, total, concurrency);
	}

	/** Request i from {@code calls} (built before the clock starts, so building costs the clients nothing). */
	static Stats runEach(String name, IntFunction<HttpRequest> calls, int expected, int total, int concurrency) throws Exception {
		if (total <= 0) return null;
		HttpRequest[] requests = new HttpRequest[total];
		for (int i = 0; i < total; i++) requests[i] = calls.apply(i);
		return java(name, i -> requests[i], expected, total, concurrency);
	}

	private static Stats java(String name, IntFunction<HttpRequest> requests, int expected, int total, int concurrency)
			throws Exception {
		long[] nanos = new long[total];
		AtomicInteger next = new AtomicInteger();
		ExecutorService clients = Executors.newFixedThreadPool(concurrency);
		try {
			long started = System.nanoTime();
			List<Future<?>> running = new ArrayList<>();
			for (int c = 0; c < concurrency; c++) {
				running.add(clients.submit(() -> {
					for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
						long t = System.nanoTime();
						HttpResponse<String> response = CLIENT.send(requests.apply(i), HttpResponse.BodyHandlers.ofString());
						nanos[i] = System.nanoTime() - t;
						if (response.statusCode() != expected) {
							throw new IllegalStateException(name + ": " + response.statusCode() + " " + abbreviate(response.body()));
						}
					}
					return null;
				}));
			}
			for (Future<?> f : running) f.get();
			return Stats.of(name, nanos, System.nanoTime() - started);
		} finally {
			clients.shutdownNow();
		}
	}

	/** hey -o csv: one line per request, its latency (s), status and offset from the start (s). */
	private static Stats hey(String name, Call call, int expected, int requested, int concurrency) throws Exception {
		// hey sends n / c requests from each of its c clients: n rounded up to a multiple of c
		int total = (requested + concurrency - 1) / concurrency * concurrency;
		Path body = call.body() == null ? null : Files.writeString(Files.createTempFile("bench-body", ".json"), call.body());
		List<String> command = heyCommand(call, body, "-n", String.valueOf(total), "-c", String.valueOf(concurrency), "-t", "600",
				"-o", "csv");
		try {
			Process hey = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
			List<String> rows = new String(hey.getInputStream().readAllBytes()).lines().skip(1).toList();
			if (hey.waitFor() != 0 || rows.size() != total) {
				throw new IllegalStateException(name + ": hey answered " + rows.size() + " of " + total + " requests");
			}
			long[] nanos = new long[rows.size()];
			double end = 0;
			for (int i = 0; i < rows.size(); i++) {
				String[] columns = rows.get(i).split(",");
				if (Integer.parseInt(columns[6]) != expected) throw new IllegalStateException(name + ": status " + columns[6]);
				double seconds = Double.parseDouble(columns[0]);
				nanos[i] = (long) (seconds * 1e9);
				end = Math.max(end, Double.parseDouble(columns[7]) + seconds);
			}
			return Stats.of(name, nanos, (long) (end * 1e9));
		} finally {
			if (body != null) Files.deleteIfExists(body);
		}
	}

	/**
	 * hey sending this call from {@code concurrency} clients for {@code seconds} (hey -z), its summary written to
	 * {@code output} (read with {@link HeySummary#read}), the body beside it. The summary, not -o csv: only the
	 * summary counts the requests that got no answer (connection errors, timeouts).
	 */
	static Process heyFor(Call call, long seconds, int concurrency, Path output) throws IOException {
		Path body = call.body() == null ? null : Files.writeString(Path.of(output + ".body"), call.body());
		// a request still unanswered after 60 s counts as an error
		List<String> command = heyCommand(call, body, "-z", seconds + "s", "-c", String.valueOf(concurrency), "-t", "60");
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
	}

	/** hey with these options (-n/-z, -c, …), the call's method, headers and body (from a file), and its URL. */
	private static List<String> heyCommand(Call call, Path body, String... options) {
		List<String> command = new ArrayList<>(List.of("hey"));
		command.addAll(List.of(options));
		command.addAll(List.of("-m", call.method()));
		call.headers().forEach((header, value) -> command.addAll(List.of("-H", header + ": " + value)));
		if (body != null) command.addAll(List.of("-T", call.contentType(), "-D", body.toString()));
		command.add(call.url());
		return command;
	}

	private static boolean onPath(String program) {
		return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
				.anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
	}

	static String abbreviate(String text) {
		return text.length() <= 500 ? text : text.substring(0, 500) + "…";
	}
}
