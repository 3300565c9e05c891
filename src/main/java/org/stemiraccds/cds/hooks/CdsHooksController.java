package org.stemiraccds.cds.hooks;

import ca.uhn.hapi.fhir.cdshooks.api.CDSHooksVersion;
import ca.uhn.hapi.fhir.cdshooks.api.ICdsServiceRegistry;
import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceJson;
import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceResponseJson;
import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServicesJson;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.server.cdshooks.CdsServiceRequestJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.stemiraccds.cds.CdsHooksError;
import org.stemiraccds.cds.cards.RuleTexts;
import org.stemiraccds.cds.feedback.CardFeedback;

/**
 * CDS Hooks 2.0 over HTTP: discovery (HAPI's registry), the services, feedback. Requests are checked here
 * (JSON, the fields CDS Hooks 2.0 requires, the service's hook) so that bad input gets a 4xx JSON
 * error naming what is wrong, then parsed into HAPI's request model (HookRequests) and evaluated.
 */
@RestController
@RequestMapping(CdsHooksController.BASE)
public class CdsHooksController {
	public static final String BASE = "/cds-services";

	private final ICdsServiceRegistry registry;
	private final ObjectMapper mapper;
	/** Reads request bodies: the CDS Hooks mapper with FHIR's decimals (HookRequests hands its trees to HAPI's parser). */
	private final ObjectMapper reader;
	private final CardFeedback feedback;
	private final StemiracHookServices services;
	private final FhirContext fhirContext;
	private final boolean requireHttps;
	private final CdsHooksLimits limits;

	public CdsHooksController(ICdsServiceRegistry registry,
			@Qualifier(ca.uhn.hapi.fhir.cdshooks.config.CdsHooksConfig.CDS_HOOKS_OBJECT_MAPPER_FACTORY) ObjectMapper mapper,
			CardFeedback feedback, StemiracHookServices services, FhirContext fhirContext, CDSHooksVersion version,
			CdsHooksLimits limits) {
		this.registry = registry;
		this.mapper = mapper;
		this.reader = HookRequests.reader(mapper);
		this.feedback = feedback;
		this.services = services;
		this.fhirContext = fhirContext;
		this.requireHttps = version != CDSHooksVersion.V_1_1;
		this.limits = limits;
	}

	@GetMapping
	public CdsServicesJson discovery() {
		return registry.getCdsServicesJson();
	}

	@PostMapping(value = "/{serviceId}", consumes = MediaType.ALL_VALUE)
	public CdsServiceResponseJson call(@PathVariable String serviceId, HttpServletRequest body,
			@RequestHeader(value = "Accept-Language", required = false) String acceptLanguage) {
		LocaleContextHolder.setLocale(RuleTexts.locale(acceptLanguage));
		CdsServiceJson service = service(serviceId);
		JsonNode request = json(CdsRequestBody.read(body, limits.maxRequestBytes()));
		requireText(request, "hook");
		requireText(request, "hookInstance");
		if (!request.path("context").isObject()) throw CdsHooksError.missingField("context");
		requireText(request.get("context"), "patientId", "context.patientId");
		requireText(request.get("context"), "userId", "context.userId");
		String hook = request.get("hook").asText();
		if (!hook.equals(service.getHook())) throw CdsHooksError.wrongHook(service.getHook(), hook);
		// all before any read: the ids go into search URLs, the lists are bounded, fhirServer is the client's own
		HookRequestChecks.hookInstance(request);
		HookRequestChecks.contextIds(request.get("context"), fhirContext);
		HookRequestChecks.caps(request, limits);
		HookRequestChecks.fhirServer(request);
		CdsServiceRequestJson parsed = HookRequests.parse(request, fhirContext, mapper);
		if (requireHttps && parsed.getFhirServer() != null && !parsed.getFhirServer().startsWith("https:")) {
			throw new CdsHooksError(HttpStatus.BAD_REQUEST, "bad-request", Map.of(), "CDS Hooks 2.0: fhirServer must be https");
		}
		return services.evaluate(serviceId, StemiracHookServices.SERVICES.get(serviceId), parsed);
	}

	@PostMapping(value = "/{serviceId}/feedback", consumes = MediaType.ALL_VALUE)
	public Map<String, Object> feedback(@PathVariable String serviceId, HttpServletRequest body,
			@RequestHeader(value = "Accept-Language", required = false) String acceptLanguage) {
		LocaleContextHolder.setLocale(RuleTexts.locale(acceptLanguage));
		service(serviceId);
		JsonNode request = json(CdsRequestBody.read(body, limits.maxRequestBytes()));
		JsonNode items = request.has("feedback") ? request.get("feedback") : mapper.createArrayNode().add(request);
		if (!items.isArray() || items.isEmpty()) throw CdsHooksError.missingField("feedback");
		HookRequestChecks.feedbackItems(items, limits);
		List<String> recorded = feedback.record(serviceId, items);
		return Map.of("recorded", recorded.size(), "auditEvents", recorded);
	}

	private CdsServiceJson service(String serviceId) {
		if (!StemiracHookServices.SERVICES.containsKey(serviceId)) throw CdsHooksError.unknownService(serviceId);
		return registry.getCdsServiceJson(serviceId);
	}

	private JsonNode json(byte[] body) {
		if (body.length == 0) throw CdsHooksError.malformedJson("empty body");
		try {
			JsonNode node = reader.readTree(body);
			if (!node.isObject()) throw CdsHooksError.malformedJson("the body must be a JSON object");
			return node;
		} catch (JsonProcessingException e) {
			throw CdsHooksError.malformedJson(e.getOriginalMessage());
		} catch (IOException e) {
			throw CdsHooksError.malformedJson("the body could not be read");
		}
	}

	private static void requireText(JsonNode node, String field) {
		requireText(node, field, field);
	}

	private static void requireText(JsonNode node, String field, String name) {
		if (!node.path(field).isTextual() || node.get(field).asText().isBlank()) throw CdsHooksError.missingField(name);
	}
}
