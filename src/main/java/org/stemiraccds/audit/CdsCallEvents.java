package org.stemiraccds.audit;

import ca.uhn.fhir.storage.interceptor.balp.BalpConstants;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.Reference;
import org.stemiraccds.security.Caller;

/**
 * The AuditEvent of one CDS Hooks call: type Application Activity, subtype service-call (or feedback, for a
 * refused feedback call), the EHR as requestor (the CDS client's iss and sub), the EHR's user
 * (context.userId) as a second agent, the patient (context.patientId), and the call itself as an entity
 * named by its hookInstance with the service, hook, fhirServer and number of cards as details, and per card its
 * rule, with the organisation the cards count for (the alert statistics read these: issued cards are purged after
 * their lifetime, AuditEvents are not).
 */
final class CdsCallEvents {
	private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
	private CdsCallEvents() {}

	/** What a call's response issued: the rule of each card, and the organisation they count for (may be null). */
	record Issued(List<String> rules, String organization) {
		static final Issued NOTHING = new Issued(List.of(), null);
	}

	static AuditEvent of(String serviceId, boolean feedback, JsonNode body, Integer cards, int status, Caller caller,
			String remoteAddress) {
		return of(serviceId, feedback, body, cards, Issued.NOTHING, status, caller, remoteAddress);
	}

	static AuditEvent of(String serviceId, boolean feedback, JsonNode body, Integer cards, Issued issued, int status,
			Caller caller, String remoteAddress) {
		AuditEvent event = new AuditEvent();
		event.setType(AuditCodes.APPLICATION_ACTIVITY.copy());
		event.addSubtype(feedback ? AuditCodes.FEEDBACK.copy() : AuditCodes.SERVICE_CALL.copy());
		event.setAction(AuditEvent.AuditEventAction.E);
		event.setRecorded(new Date());
		AuditCodes.setOutcome(event, status);
		event.getSource().setSite(serviceId).setObserver(new Reference().setDisplay("stemirac-cds"));
		AuditEventAgentComponent requestor = AuditAgents.requestor(caller);
		event.addAgent(requestor);
		requestor.getNetwork().setAddress(remoteAddress).setType(BalpConstants.AUDIT_EVENT_AGENT_NETWORK_TYPE_IP_ADDRESS);
		JsonNode context = body == null ? null : body.path("context");
		String userId = text(context, "userId");
		if (userId != null) {
			// the EHR's user: a reference into the EHR, not this server, so kept as a display and name only
			event.addAgent().setRequestor(false).setName(userId).setWho(new Reference().setDisplay(userId));
		}
		String patientId = text(context, "patientId");
		if (patientId != null) patient(event, patientId);
		AuditEventEntityComponent call = call(event, serviceId, body, cards);
		issued.rules().forEach(rule -> AuditCodes.detail(call, AuditCodes.RULE_DETAIL, rule));
		AuditCodes.detail(call, AuditCodes.ORGANIZATION_DETAIL, issued.organization());
		return event;
	}

	/** A reference when the id is a FHIR id (FHIR R4 § 2.24.0.1 id); anything else is kept as text, cut short. */
	private static void patient(AuditEvent event, String patientId) {
		if (FHIR_ID.matcher(patientId).matches()) AuditCodes.addPatient(event, "Patient/" + patientId);
		else AuditCodes.addPatient(event, null).getWhat().setDisplay(patientId.substring(0, Math.min(64, patientId.length())));
	}

	private static AuditEventEntityComponent call(AuditEvent event, String serviceId, JsonNode body, Integer cards) {
		AuditEventEntityComponent call = AuditCodes.addData(event).setDescription("CDS Hooks call");
		String hookInstance = text(body, "hookInstance");
		if (hookInstance != null) call.setName(hookInstance);
		AuditCodes.detail(call, "service", serviceId);
		AuditCodes.detail(call, "hook", text(body, "hook"));
		AuditCodes.detail(call, "hookInstance", hookInstance);
		AuditCodes.detail(call, "fhirServer", text(body, "fhirServer"));
		if (cards != null) AuditCodes.detail(call, "cards", String.valueOf(cards));
		return call;
	}

	private static String text(JsonNode node, String field) {
		return node != null && node.path(field).isTextual() ? node.get(field).asText() : null;
	}
}
