package org.stemiraccds.fhir;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;

/** Raw HTTP against the running server, for the cases a FHIR client would refuse to send. */
public final class FhirHttp {
	public static final String FHIR_JSON = "application/fhir+json";
	public static final FhirContext R4 = FhirContext.forR4Cached();
	private static final HttpClient client = HttpClient.newHttpClient();
	private final String base;
	/** Sent as "Authorization: Bearer …" on every request when set. */
	private final String bearer;

	public FhirHttp(int port) {
		this("http://localhost:" + port, null);
	}

	private FhirHttp(String base, String bearer) {
		this.base = base;
		this.bearer = bearer;
	}

	/** The same server, every request carrying this bearer token. */
	public FhirHttp withBearer(String token) {
		return new FhirHttp(base, token);
	}

	public String fhirBase() {
		return base + "/fhir";
	}

	public Response get(String path) {
		return send(HttpRequest.newBuilder(uri(path)).header("Accept", FHIR_JSON).GET());
	}

	public Response get(String path, String accept) {
		return send(HttpRequest.newBuilder(uri(path)).header("Accept", accept).GET());
	}

	public Response post(String path, String body) {
		return post(path, body, FHIR_JSON);
	}

	public Response post(String path, String body, String contentType) {
		return send(request(path, contentType).POST(BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
	}

	public Response post(String path, String body, String contentType, String acceptLanguage) {
		return send(request(path, contentType).header("Accept-Language", acceptLanguage)
				.POST(BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
	}

	/** A request with FHIR JSON as body (null: none) and expected answer, unless the headers say otherwise (e.g. Accept, Prefer). */
	public Response send(String method, String path, String body, java.util.Map<String, String> headers) {
		BodyPublisher content = body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body, StandardCharsets.UTF_8);
		HttpRequest.Builder request = request(path, FHIR_JSON).method(method, content);
		headers.forEach(request::setHeader);
		return send(request);
	}

	/** Any request with these headers (e.g. X-Forwarded-Host, as a load balancer sends it); no body when null. */
	public Response send(String method, String path, String body, String contentType, java.util.Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Accept", "application/json, " + FHIR_JSON)
				.method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		if (body != null) request.header("Content-Type", contentType);
		headers.forEach(request::header);
		return send(request);
	}

	public Response put(String path, String body) {
		return send(request(path, FHIR_JSON).PUT(BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
	}

	public Response delete(String path) {
		return send(HttpRequest.newBuilder(uri(path)).DELETE());
	}

	/** A body sent without Content-Length (chunked transfer encoding). */
	public Response postChunked(String path, byte[] body) {
		BodyPublisher chunked = BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body));
		return send(request(path, FHIR_JSON).POST(chunked));
	}

	private HttpRequest.Builder request(String path, String contentType) {
		return HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType).header("Accept", FHIR_JSON);
	}

	private URI uri(String path) {
		return URI.create(escapeQuery(path.startsWith("http") ? path : base + path));
	}

	/** Percent-encodes what java.net.URI refuses in a query (|, spaces, non-ASCII such as 山田). */
	private static String escapeQuery(String url) {
		StringBuilder out = new StringBuilder();
		for (byte b : url.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xff;
			if (c > 127 || c == '|' || c == ' ') out.append(String.format("%%%02X", c));
			else out.append((char) c);
		}
		return out.toString();
	}

	private Response send(HttpRequest.Builder request) {
		if (bearer != null) request.header("Authorization", "Bearer " + bearer);
		try {
			HttpResponse<InputStream> response = client.send(request.build(), BodyHandlers.ofInputStream());
			try (InputStream in = response.body()) {
				return new Response(response.statusCode(), new String(in.readAllBytes(), StandardCharsets.UTF_8),
						response.headers().firstValue("Content-Type").orElse(""));
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	public record Response(int status, String body, String contentType) {
		public <T extends IBaseResource> T resource(Class<T> type) {
			return type.cast(parse());
		}

		public IBaseResource parse() {
			return contentType.contains("xml")
					? R4.newXmlParser().parseResource(body)
					: R4.newJsonParser().parseResource(body);
		}

		public OperationOutcome outcome() {
			return resource(OperationOutcome.class);
		}

		/** Every diagnostics text of the OperationOutcome, joined. */
		public String diagnostics() {
			StringBuilder all = new StringBuilder();
			outcome().getIssue().forEach(issue -> all.append(issue.getDiagnostics()).append('\n'));
			return all.toString();
		}
	}
}
