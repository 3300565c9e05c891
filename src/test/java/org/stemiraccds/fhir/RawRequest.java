package org.stemiraccds.fhir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** One HTTP request with any method, headers and bytes (PATCH, Content-Encoding, Origin…), for FhirHttp.Response. */
final class RawRequest {
	private static final HttpClient client = HttpClient.newHttpClient();
	private final String url;
	private final String method;
	private final Map<String, String> headers = new LinkedHashMap<>();
	private byte[] body;

	private RawRequest(String method, String url) {
		this.method = method;
		this.url = url;
	}

	static RawRequest of(String method, FhirHttp http, String path) {
		return new RawRequest(method, http.fhirBase().replaceFirst("/fhir$", "") + path).header("Accept", FhirHttp.FHIR_JSON);
	}

	RawRequest header(String name, String value) {
		headers.put(name, value);
		return this;
	}

	RawRequest body(String contentType, String text) {
		return body(contentType, text.getBytes(StandardCharsets.UTF_8));
	}

	RawRequest body(String contentType, byte[] bytes) {
		header("Content-Type", contentType);
		body = bytes;
		return this;
	}

	FhirHttp.Response send() {
		return exchange().response();
	}

	/** The response and its headers. */
	Exchange exchange() {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
				.method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body));
		headers.forEach(request::header);
		try {
			HttpResponse<String> response = client.send(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new Exchange(new FhirHttp.Response(response.statusCode(), response.body(),
					response.headers().firstValue("Content-Type").orElse("")), response.headers().map());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	record Exchange(FhirHttp.Response response, Map<String, java.util.List<String>> headers) {
		java.util.Optional<String> header(String name) {
			return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name))
					.flatMap(h -> h.getValue().stream()).findFirst();
		}
	}
}
