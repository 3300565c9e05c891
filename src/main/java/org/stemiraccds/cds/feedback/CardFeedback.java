package org.stemiraccds.cds.feedback;

import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.stemiraccds.cds.feedback.IssuedCards.IssuedCard;
import org.stemiraccds.cds.facts.FhirCodes;
import org.stemiraccds.cds.CdsHooksError;
import org.stemiraccds.audit.AuditAgents;
import org.stemiraccds.audit.AuditCodes;
import org.stemiraccds.security.Caller;

/**
 * CDS Hooks feedback, checked against the cards this server issued and kept as AuditEvents, one per item:
 * subtype = the card's rule, entity[0] = the patient, entity[1] named by the card's uuid with the outcome,
 * override reason, comment, accepted suggestions and the client's timestamp as details. So feedback is
 * queried like any FHIR data, e.g. {@code AuditEvent?entity-name=<card uuid>} or
 * {@code AuditEvent?subtype=<rule system>|DOSE-PER-KG}. All items are checked before any is stored, and they
 * are stored in one transaction.
 */
@Component
public class CardFeedback {
	/** DICOM "Application Activity": an application (the EHR's user, through it) acted on our output. */
	private static final Coding TYPE = new Coding("http://dicom.nema.org/resources/ontology/DCM", "110100", "Application Activity");
	public static final String ACCEPTED = "accepted";
	public static final String OVERRIDDEN = "overridden";
	private static final Set<String> OUTCOMES = Set.of(ACCEPTED, OVERRIDDEN);
	/** The names of the card entity's details that the alert statistics read. */
	public static final String OUTCOME_DETAIL = "outcome";
	public static final String OVERRIDE_REASON_DETAIL = "overrideReason";

	private final IssuedCards issued;
	private final IFhirSystemDao<Bundle, ?> systemDao;

	public CardFeedback(IssuedCards issued, IFhirSystemDao<Bundle, ?> systemDao) {
		this.issued = issued;
		this.systemDao = systemDao;
	}

	/** Checks every item, stores them together, and returns the AuditEvent ids. */
	public List<String> record(String serviceId, JsonNode items) {
		List<AuditEvent> events = new ArrayList<>();
		for (JsonNode item : items) events.add(auditEvent(serviceId, item));
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		events.forEach(e -> transaction.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(e)
				.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("AuditEvent"));
		Bundle response = systemDao.transaction(new SystemRequestDetails(), transaction);
		return response.getEntry().stream().map(e -> e.getResponse().getLocation().replaceAll("/_history/.*", "")).toList();
	}

	private AuditEvent auditEvent(String serviceId, JsonNode item) {
		String uuid = text(item, "card");
		IssuedCard card = issued.find(uuid).orElseThrow(() ->
				new CdsHooksError(HttpStatus.NOT_FOUND, "unknown-card", Map.of("card", uuid), null));
		if (!card.serviceId().equals(serviceId)) {
			throw CdsHooksError.feedback("card " + uuid + " was issued by " + card.serviceId() + ", not " + serviceId);
		}
		String outcome = text(item, "outcome");
		if (!OUTCOMES.contains(outcome)) throw CdsHooksError.feedback("outcome must be accepted or overridden, not " + outcome);
		String timestamp = text(item, "outcomeTimestamp");
		try {
			OffsetDateTime.parse(timestamp);
		} catch (DateTimeParseException e) {
			throw CdsHooksError.feedback("outcomeTimestamp is not an ISO 8601 date-time with offset: " + timestamp);
		}
		AuditEvent event = new AuditEvent();
		event.setType(TYPE);
		event.addSubtype(new Coding(FhirCodes.RULE_SYSTEM, card.ruleId(), null));
		event.addSubtype(AuditCodes.FEEDBACK.copy());
		event.setAction(AuditEvent.AuditEventAction.E);
		event.setRecorded(new Date());
		event.setOutcome(AuditEvent.AuditEventOutcome._0);
		event.addAgent(AuditAgents.requestor(Caller.current()));
		event.getSource().setSite(serviceId).setObserver(new Reference().setDisplay("stemirac-cds"));
		event.addEntity().setWhat(new Reference(card.patient()));
		AuditEvent.AuditEventEntityComponent entity = event.addEntity().setName(uuid).setDescription("CDS Hooks card");
		detail(entity, OUTCOME_DETAIL, outcome);
		detail(entity, "outcomeTimestamp", timestamp);
		detail(entity, "hookInstance", card.hookInstance());
		if (card.organization() != null) detail(entity, AuditCodes.ORGANIZATION_DETAIL, card.organization());
		if (outcome.equals(ACCEPTED)) acceptedSuggestions(item, card).forEach(id -> detail(entity, "acceptedSuggestion", id));
		if (outcome.equals(OVERRIDDEN)) overrideReason(item, card, entity);
		return event;
	}

	/** CDS Hooks 2.0 § Feedback: acceptedSuggestions is required for an accepted outcome. */
	private static List<String> acceptedSuggestions(JsonNode item, IssuedCard card) {
		JsonNode suggestions = item.path("acceptedSuggestions");
		if (!suggestions.isArray() || suggestions.isEmpty()) {
			throw CdsHooksError.feedback("outcome accepted needs acceptedSuggestions (card " + card.uuid() + ")");
		}
		List<String> accepted = new ArrayList<>();
		for (JsonNode suggestion : suggestions) {
			String id = suggestion.path("id").asText();
			if (!card.suggestions().contains(id)) {
				throw CdsHooksError.feedback("suggestion " + id + " is not one of card " + card.uuid() + "'s suggestions");
			}
			accepted.add(id);
		}
		return accepted;
	}

	/**
	 * CDS Hooks 2.0 § Overridden guidance: the reason (a coding the card offered) and the user's comment are
	 * each optional; a comment alone is a valid override reason.
	 */
	private static void overrideReason(JsonNode item, IssuedCard card, AuditEvent.AuditEventEntityComponent entity) {
		JsonNode reason = item.path("overrideReason");
		if (reason.isMissingNode() || reason.isNull()) return;
		if (reason.hasNonNull("reason")) {
			String code = reason.path("reason").path("code").asText();
			if (!card.overrideReasons().contains(code)) {
				throw CdsHooksError.feedback("override reason " + code + " was not offered on card " + card.uuid()
						+ " (offered: " + card.overrideReasons() + ")");
			}
			detail(entity, OVERRIDE_REASON_DETAIL, code);
		}
		if (reason.hasNonNull("userComment")) detail(entity, "userComment", reason.get("userComment").asText());
	}

	private static void detail(AuditEvent.AuditEventEntityComponent entity, String type, String value) {
		entity.addDetail().setType(type).setValue(new org.hl7.fhir.r4.model.StringType(value));
	}

	private static String text(JsonNode item, String field) {
		if (!item.path(field).isTextual()) throw CdsHooksError.missingField("feedback." + field);
		return item.get(field).asText();
	}
}
