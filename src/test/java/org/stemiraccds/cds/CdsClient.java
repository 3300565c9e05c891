package org.stemiraccds.cds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.stemiraccds.fhir.FhirHttp;

/** What an EHR does: discovery, hook calls with or without prefetch, feedback; plain JSON over HTTP. */
public final class CdsClient {
	public static final ObjectMapper JSON = new ObjectMapper();
	private static final HttpClient client = HttpClient.newHttpClient();
	private final String base;
	private final FhirHttp fhir;

	public CdsClient(int port, FhirHttp fhir) {
		this.base = "http://localhost:" + port + "/cds-services";
		this.fhir = fhir;
	}

	public record Response(int status, JsonNode json, String raw) {
		public List<String> ruleIds() {
			List<String> ids = new ArrayList<>();
			json.path("cards").forEach(card -> ids.add(card.path("source").path("topic").path("code").asText()));
			return ids;
		}

		public JsonNode card(String ruleId) {
			for (JsonNode card : json.path("cards")) {
				if (card.path("source").path("topic").path("code").asText().equals(ruleId)) return card;
			}
			throw new AssertionError("no card " + ruleId + " in " + raw);
		}
	}

	public Response discovery() {
		return send(HttpRequest.newBuilder(URI.create(base)).header("Accept", "application/json").GET());
	}

	public Response call(String serviceId, JsonNode request) {
		return call(serviceId, request.toString(), null);
	}

	public Response call(String serviceId, String body, String acceptLanguage) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/" + serviceId))
				.header("Content-Type", "application/json").header("Accept", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		if (acceptLanguage != null) request.header("Accept-Language", acceptLanguage);
		return send(request);
	}

	public Response feedback(String serviceId, JsonNode body) {
		return send(HttpRequest.newBuilder(URI.create(base + "/" + serviceId + "/feedback"))
				.header("Content-Type", "application/json").header("Accept", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)));
	}

	/** A hook request without prefetch; draft orders (order hooks) as a Bundle. */
	public static ObjectNode request(String hook, String patientId, Resource... draftOrders) {
		ObjectNode request = JSON.createObjectNode();
		request.put("hook", hook);
		request.put("hookInstance", UUID.randomUUID().toString());
		ObjectNode context = request.putObject("context");
		context.put("userId", "PractitionerRole/demo-role");
		context.put("patientId", patientId);
		if (!hook.equals("patient-view")) {
			Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
			for (Resource order : draftOrders) bundle.addEntry().setResource(order);
			context.set("draftOrders", json(bundle));
		}
		return request;
	}

	/**
	 * Fills the prefetch as an EHR would: each template of the discovery document whose tokens the request can
	 * fill, read from the FHIR server; a template with a token it cannot fill is left out (CDS Hooks 2.0).
	 */
	public ObjectNode withFullPrefetch(ObjectNode request, String serviceId) {
		ObjectNode prefetch = request.putObject("prefetch");
		service(serviceId).path("prefetch").fields().forEachRemaining(t ->
				prefetchUrl(t.getValue().asText(), request.path("context")).ifPresent(url -> prefetch.set(t.getKey(), read(url))));
		return request;
	}

	/** A relative FHIR URL read from this server as JSON (a search: its first page). */
	public JsonNode read(String url) {
		FhirHttp.Response read = fhir.get("/fhir/" + url);
		if (read.status() != 200) throw new AssertionError(url + ": " + read.body());
		return parse(read.body());
	}

	/**
	 * A template with its tokens filled from the context: {{context.*}} and the user tokens of CDS Hooks 2.0
	 * (§ Prefetch tokens), e.g. {{userPractitionerRoleId}} = the id of a context.userId "PractitionerRole/…".
	 */
	public static Optional<String> prefetchUrl(String template, JsonNode context) {
		String url = template;
		for (var field : (Iterable<Map.Entry<String, JsonNode>>) context::fields) {
			if (field.getValue().isTextual()) url = url.replace("{{context." + field.getKey() + "}}", field.getValue().asText());
		}
		String[] user = context.path("userId").asText().split("/", 2);
		if (user.length == 2) url = url.replace("{{user" + user[0] + "Id}}", user[1]);
		return url.contains("{{") ? Optional.empty() : Optional.of(url);
	}

	public JsonNode service(String serviceId) {
		for (JsonNode service : discovery().json().path("services")) {
			if (service.path("id").asText().equals(serviceId)) return service;
		}
		throw new AssertionError("no service " + serviceId);
	}

	public static ArrayNode selections(ObjectNode request, String... ids) {
		ArrayNode selections = ((ObjectNode) request.get("context")).putArray("selections");
		for (String id : ids) selections.add(id);
		return selections;
	}

	public static JsonNode json(IBaseResource resource) {
		return parse(FhirHttp.R4.newJsonParser().encodeResourceToString(resource));
	}

	public static JsonNode parse(String json) {
		try {
			return JSON.readTree(json);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static Response send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			JsonNode json = response.body().isBlank() ? JSON.createObjectNode() : parseLenient(response.body());
			return new Response(response.statusCode(), json, response.body());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private static JsonNode parseLenient(String body) {
		try {
			return JSON.readTree(body);
		} catch (IOException notJson) {
			return JSON.createObjectNode().put("notJson", body);
		}
	}
}
