package org.stemiraccds.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Resource;
import org.stemiraccds.fhir.FhirHttp;

/**
 * A FHIR Bulk Data Access 2.0 client as a registry would run it: kick-off with Prefer: respond-async, poll the
 * Content-Location until the manifest, download each NDJSON file and parse every line with HAPI's parser.
 */
final class BulkExportClient {
	static final Duration EXPORT_DEADLINE = Duration.ofMinutes(5);
	private static final HttpClient client = HttpClient.newHttpClient();
	private static final ObjectMapper json = new ObjectMapper();
	private final String base;
	private final String bearer;

	BulkExportClient(int port, String bearer) {
		this.base = "http://localhost:" + port;
		this.bearer = bearer;
	}

	record Answer(int status, String body, Map<String, List<String>> headers) {
		String header(String name) {
			return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
					.flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
		}

		/** As a FHIR answer, JSON or XML by its Content-Type (an error to an NDJSON request is an XML OperationOutcome). */
		FhirHttp.Response asFhir() {
			String contentType = header("Content-Type");
			return new FhirHttp.Response(status, body, contentType == null ? "application/fhir+json" : contentType);
		}
	}

	/** The kick-off request (GET with query parameters, as the spec's examples), with Prefer: respond-async. */
	Answer kickOff(String pathAndQuery) {
		return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery))
				.header("Accept", "application/fhir+json").header("Prefer", "respond-async").GET());
	}

	Answer get(String url, String accept) {
		return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).GET());
	}

	/** Polls the status URL until the export is complete; returns the manifest. */
	JsonNode manifest(String statusUrl) throws InterruptedException {
		Instant deadline = Instant.now().plus(EXPORT_DEADLINE);
		while (true) {
			Answer poll = get(statusUrl, "application/json");
			if (poll.status() == 200) return read(poll.body());
			assertThat(poll.status()).as(poll.body()).isEqualTo(202);
			assertThat(Instant.now()).as("export done in time").isBefore(deadline);
			Thread.sleep(500);
		}
	}

	/** Every resource of every file of the manifest, each line parsed as a resource. */
	List<Resource> download(JsonNode manifest) {
		List<Resource> resources = new ArrayList<>();
		for (JsonNode output : manifest.path("output")) {
			Answer file = get(output.path("url").asText(), "application/fhir+ndjson");
			assertThat(file.status()).as(file.body()).isEqualTo(200);
			for (String line : file.body().split("\n")) {
				if (line.isBlank()) continue;
				Resource resource = (Resource) FhirHttp.R4.newJsonParser().parseResource(line);
				assertThat(resource.fhirType()).isEqualTo(output.path("type").asText());
				resources.add(resource);
			}
		}
		return resources;
	}

	private static JsonNode read(String body) {
		try {
			return json.readTree(body);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private Answer send(HttpRequest.Builder request) {
		if (bearer != null) request.header("Authorization", "Bearer " + bearer);
		try {
			HttpResponse<byte[]> response = client.send(request.build(), BodyHandlers.ofByteArray());
			return new Answer(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8), response.headers().map());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}
