package org.stemiraccds.cds.hooks;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IJsonLikeParser;
import ca.uhn.fhir.parser.json.jackson.JacksonStructure;
import ca.uhn.fhir.rest.api.server.cdshooks.CdsServiceRequestAuthorizationJson;
import ca.uhn.fhir.rest.api.server.cdshooks.CdsServiceRequestContextJson;
import ca.uhn.fhir.rest.api.server.cdshooks.CdsServiceRequestJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * A hook request's JSON → HAPI's CdsServiceRequestJson, each FHIR resource (context and prefetch) parsed
 * once with HAPI's parser. HAPI's own request deserializer converts the whole tree several times before it
 * parses a resource; on the order-sign path that conversion cost more than the rules. The body is read once
 * into a tree ({@link #reader}) and HAPI's parser builds each resource from its subtree, as it would from the
 * tree it reads itself: the prefetch is not written back to text and read a second time.
 */
final class HookRequests {
	private HookRequests() {}

	/**
	 * {@code mapper} reading numbers as HAPI's JSON parser does (FHIR decimals keep their digits: 0.80 stays
	 * 0.80, R4 § decimal), so that its trees can go to HAPI's parser as they are.
	 */
	static ObjectMapper reader(ObjectMapper mapper) {
		ObjectMapper reader = mapper.copy();
		reader.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
		reader.setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
		return reader;
	}

	static CdsServiceRequestJson parse(JsonNode body, FhirContext fhirContext, ObjectMapper mapper) {
		IJsonLikeParser parser = (IJsonLikeParser) fhirContext.newJsonParser();
		CdsServiceRequestJson request = new CdsServiceRequestJson();
		request.setHook(body.get("hook").asText());
		request.setHookInstance(body.get("hookInstance").asText());
		if (body.hasNonNull("fhirServer")) request.setFhirServer(body.get("fhirServer").asText());
		if (body.hasNonNull("fhirAuthorization")) request.setServiceRequestAuthorizationJson(authorization(body, mapper));
		CdsServiceRequestContextJson context = new CdsServiceRequestContextJson();
		for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) () -> body.get("context").fields()) {
			context.put(field.getKey(), contextValue(field.getValue(), parser));
		}
		request.setContext(context);
		for (Map.Entry<String, JsonNode> key : (Iterable<Map.Entry<String, JsonNode>>) () -> body.path("prefetch").fields()) {
			if (!PrefetchTemplates.TEMPLATES.containsKey(key.getKey())) continue; // not one of ours: not parsed, not used
			request.addPrefetch(key.getKey(), key.getValue().isNull() ? null : resource(key.getValue(), parser));
		}
		return request;
	}

	private static Object contextValue(JsonNode value, IJsonLikeParser parser) {
		if (value.isObject()) return resource(value, parser);
		if (value.isArray()) {
			List<Object> items = new ArrayList<>();
			value.forEach(item -> items.add(item.isTextual() ? item.asText() : item.toString()));
			return items;
		}
		return value.asText();
	}

	private static IBaseResource resource(JsonNode value, IJsonLikeParser parser) {
		if (!value.isObject() || !value.path("resourceType").isTextual()) {
			throw new IllegalArgumentException("not a FHIR resource: " + abbreviated(value));
		}
		JacksonStructure tree = new JacksonStructure();
		tree.setNativeObject((ObjectNode) value);
		return parser.parseResource(tree);
	}

	private static CdsServiceRequestAuthorizationJson authorization(JsonNode body, ObjectMapper mapper) {
		try {
			return mapper.treeToValue(body.get("fhirAuthorization"), CdsServiceRequestAuthorizationJson.class);
		} catch (JsonProcessingException e) {
			throw new IllegalArgumentException("fhirAuthorization: " + e.getOriginalMessage());
		}
	}

	private static String abbreviated(JsonNode value) {
		String text = value.toString();
		return text.length() > 80 ? text.substring(0, 80) + "…" : text;
	}
}
