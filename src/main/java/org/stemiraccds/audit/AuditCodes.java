package org.stemiraccds.audit;

import ca.uhn.fhir.storage.interceptor.balp.BalpConstants;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.StringType;
import org.stemiraccds.conformance.ConformanceResources;

/**
 * The conventions of this server's AuditEvents, one place for all of them. FHIR REST: type
 * audit-event-type|rest, subtype restful-interaction|&lt;interaction&gt; (IHE BALP, as HAPI writes them). CDS
 * Hooks: type DICOM 110100 "Application Activity", subtype {@link #CDS_HOOKS}|service-call or |feedback
 * (feedback also carries the card's rule as a second subtype). Outcome: 0 success, 4 a 4xx, 8 a 5xx
 * (FHIR R4 AuditEvent.outcome), with "HTTP &lt;status&gt;" in outcomeDesc. Entities as BALP: the patient
 * (type 1 Person, role 1 Patient) and the data (type 2 System Object, role 4 Domain Resource).
 */
public final class AuditCodes {
	public static final Coding REST = new Coding(BalpConstants.CS_AUDIT_EVENT_TYPE, "rest", "Restful Operation");
	public static final Coding APPLICATION_ACTIVITY = new Coding("http://dicom.nema.org/resources/ontology/DCM",
			"110100", "Application Activity");
	/** Our code system for CDS Hooks interactions (AuditEvent.subtype is extensible). */
	public static final String CDS_HOOKS = ConformanceResources.CANONICAL_BASE + "/CodeSystem/audit-cds-hooks";
	public static final Coding SERVICE_CALL = new Coding(CDS_HOOKS, "service-call", "CDS Hooks service call");
	public static final Coding FEEDBACK = new Coding(CDS_HOOKS, "feedback", "CDS Hooks feedback");
	/** Entity detail of a CDS call: one per card issued, the card's rule (what the alert statistics count as fired). */
	public static final String RULE_DETAIL = "rule";
	/** Entity detail of a CDS call and of feedback: the organisation the cards count for (cds/analytics/AlertAttribution). */
	public static final String ORGANIZATION_DETAIL = "organization";

	private AuditCodes() {}

	/** FHIR R4 AuditEvent.outcome for an HTTP status: 0 success, 4 minor failure (4xx), 8 serious failure (5xx). */
	public static AuditEvent.AuditEventOutcome outcome(int status) {
		if (status < 400) return AuditEvent.AuditEventOutcome._0;
		return status < 500 ? AuditEvent.AuditEventOutcome._4 : AuditEvent.AuditEventOutcome._8;
	}

	/** Outcome and outcomeDesc ("HTTP 404") of an event for a request that ended with this status. */
	public static void setOutcome(AuditEvent event, int status) {
		event.setOutcome(outcome(status)).setOutcomeDesc("HTTP " + status);
	}

	public static AuditEventEntityComponent addPatient(AuditEvent event, String patientReference) {
		AuditEventEntityComponent entity = event.addEntity();
		entity.getType().setSystem(BalpConstants.CS_AUDIT_ENTITY_TYPE).setCode(BalpConstants.CS_AUDIT_ENTITY_TYPE_1_PERSON)
				.setDisplay(BalpConstants.CS_AUDIT_ENTITY_TYPE_1_PERSON_DISPLAY);
		entity.getRole().setSystem(BalpConstants.CS_OBJECT_ROLE).setCode(BalpConstants.CS_OBJECT_ROLE_1_PATIENT)
				.setDisplay(BalpConstants.CS_OBJECT_ROLE_1_PATIENT_DISPLAY);
		entity.getWhat().setReference(patientReference);
		return entity;
	}

	public static AuditEventEntityComponent addData(AuditEvent event) {
		AuditEventEntityComponent entity = event.addEntity();
		entity.getType().setSystem(BalpConstants.CS_AUDIT_ENTITY_TYPE).setCode(BalpConstants.CS_AUDIT_ENTITY_TYPE_2_SYSTEM_OBJECT)
				.setDisplay(BalpConstants.CS_AUDIT_ENTITY_TYPE_2_SYSTEM_OBJECT_DISPLAY);
		entity.getRole().setSystem(BalpConstants.CS_OBJECT_ROLE).setCode(BalpConstants.CS_OBJECT_ROLE_4_DOMAIN_RESOURCE)
				.setDisplay(BalpConstants.CS_OBJECT_ROLE_4_DOMAIN_RESOURCE_DISPLAY);
		return entity;
	}

	public static void detail(AuditEventEntityComponent entity, String type, String value) {
		if (value != null) entity.addDetail().setType(type).setValue(new StringType(value));
	}
}
