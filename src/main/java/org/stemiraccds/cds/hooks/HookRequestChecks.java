package org.stemiraccds.cds.hooks;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.regex.Pattern;
import org.stemiraccds.cds.CdsHooksError;
import org.stemiraccds.cds.feedback.IssuedCards;
import org.stemiraccds.security.Caller;

/**
 * What a hook call's JSON must satisfy before anything is parsed, read or evaluated: the context ids are FHIR
 * ids (they are put into this server's and the EHR's search URLs, so nothing else may get in), hookInstance a
 * token that fits where it is stored, the lists within their caps, and fhirServer a URL the calling CDS client
 * is registered for.
 */
final class HookRequestChecks {
	/** FHIR R4 § 2.24.0.1 id: [A-Za-z0-9\-\.]{1,64}. */
	private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
	/** CDS Hooks 2.0 calls hookInstance a UUID; any plain token of that kind (urn:uuid:… too) is accepted. */
	private static final Pattern HOOK_INSTANCE = Pattern.compile("[A-Za-z0-9\\-._:~]{1," + IssuedCards.HOOK_INSTANCE_LENGTH + "}");

	private HookRequestChecks() {}

	static void hookInstance(JsonNode request) {
		if (!HOOK_INSTANCE.matcher(request.get("hookInstance").asText()).matches()) {
			throw CdsHooksError.invalidHookInstance(IssuedCards.HOOK_INSTANCE_LENGTH);
		}
	}

	/** context.patientId an id, context.userId and (when present) context.encounterId "Type/id" or an id. */
	static void contextIds(JsonNode context, FhirContext fhirContext) {
		if (!isId(context.get("patientId"))) throw CdsHooksError.invalidId("context.patientId");
		if (!isReference(context.get("userId"), fhirContext)) throw CdsHooksError.invalidId("context.userId");
		if (context.has("encounterId") && !isId(context.get("encounterId"))) throw CdsHooksError.invalidId("context.encounterId");
	}

	/** The lists a call may carry, each within its cap; prefetch keys by count (unknown keys are not read). */
	static void caps(JsonNode request, CdsHooksLimits limits) {
		JsonNode context = request.get("context");
		cap(context.path("draftOrders").path("entry"), "context.draftOrders", limits.maxDraftOrders());
		cap(context.path("selections"), "context.selections", limits.maxDraftOrders());
		if (request.path("prefetch").size() > limits.maxPrefetchKeys()) {
			throw CdsHooksError.tooMany("prefetch", limits.maxPrefetchKeys());
		}
	}

	static void feedbackItems(JsonNode items, CdsHooksLimits limits) {
		cap(items, "feedback", limits.maxFeedbackItems());
	}

	/**
	 * fhirServer, when named: an absolute http(s) URL with no user info, query or fragment, on the calling CDS
	 * client's list (CDS Hooks 2.0 § Trusting CDS Clients: the service reads only where it was told it may).
	 */
	static void fhirServer(JsonNode request) {
		if (!request.hasNonNull("fhirServer")) return;
		if (!request.get("fhirServer").isTextual() || !isBaseUrl(request.get("fhirServer").asText())) {
			throw CdsHooksError.invalidFhirServer();
		}
		String fhirServer = request.get("fhirServer").asText();
		if (!Caller.current().mayUse(fhirServer)) throw CdsHooksError.fhirServerNotAllowed(fhirServer);
	}

	private static void cap(JsonNode list, String field, int max) {
		if (list.isArray() && list.size() > max) throw CdsHooksError.tooMany(field, max);
	}

	private static boolean isId(JsonNode value) {
		return value != null && value.isTextual() && FHIR_ID.matcher(value.asText()).matches();
	}

	/** "Type/id" with a resource type this FHIR version knows. */
	private static boolean isReference(JsonNode value, FhirContext fhirContext) {
		if (value == null || !value.isTextual()) return false;
		String[] parts = value.asText().split("/", -1);
		return parts.length == 2 && fhirContext.getResourceTypes().contains(parts[0]) && FHIR_ID.matcher(parts[1]).matches();
	}

	private static boolean isBaseUrl(String url) {
		try {
			URI uri = new URI(url);
			return uri.isAbsolute() && ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
					&& uri.getHost() != null && uri.getRawUserInfo() == null && uri.getRawQuery() == null
					&& uri.getRawFragment() == null;
		} catch (java.net.URISyntaxException notAUrl) {
			return false;
		}
	}
}
