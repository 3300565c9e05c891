package org.stemiraccds.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** What a server has stored of one run: resources carrying the run's tag, counted per bundle tag. */
final class StoredBundles {
	private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5)).build();
	private static final ObjectMapper JSON = new ObjectMapper();

	private StoredBundles() {
	}

	/** Bundle id → number of its resources stored, over every resource type a bundle writes. */
	static Map<String, Integer> count(String fhirBase, String runId) throws IOException, InterruptedException {
		Map<String, Integer> perBundle = new HashMap<>();
		for (String type : TaggedTransactions.RESOURCE_TYPES) {
			String page = fhirBase + "/" + type + "?_count=200&_tag="
					+ URLEncoder.encode(TaggedTransactions.RUN_TAG + "|" + runId, StandardCharsets.UTF_8);
			while (page != null) {
				JsonNode bundle = read(page);
				for (JsonNode entry : bundle.path("entry")) {
					for (JsonNode tag : entry.path("resource").path("meta").path("tag")) {
						if (TaggedTransactions.BUNDLE_TAG.equals(tag.path("system").asText())) {
							perBundle.merge(tag.path("code").asText(), 1, Integer::sum);
						}
					}
				}
				page = next(bundle);
			}
		}
		return perBundle;
	}

	private static JsonNode read(String url) throws IOException, InterruptedException {
		// no-cache: HAPI would otherwise answer a repeated search from its cache of recent results
		HttpRequest get = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2))
				.header("Accept", "application/fhir+json").header("Cache-Control", "no-cache").build();
		HttpResponse<String> response = CLIENT.send(get, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("GET " + url + ": " + response.statusCode() + " " + response.body());
		}
		return JSON.readTree(response.body());
	}

	private static String next(JsonNode bundle) {
		for (JsonNode link : bundle.path("link")) {
			if ("next".equals(link.path("relation").asText())) return link.path("url").asText();
		}
		return null;
	}
}
