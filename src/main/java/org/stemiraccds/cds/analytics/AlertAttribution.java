package org.stemiraccds.cds.analytics;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.stemiraccds.cds.facts.FactsAssembler;
import org.stemiraccds.guideline.PatientFacts;

/**
 * Which organisation a hook call's cards, and the feedback on them, count for in the alert statistics: the
 * organisation the rules judged as treating (PatientFacts.facility: the responsible physician's, else the
 * ordering one, else the hook user's PractitionerRole's), else the patient's managingOrganization, else none.
 * Decided once, when the cards are issued, and kept with them (the CDS call's AuditEvent and the issued-card
 * row, from which the feedback's AuditEvent takes it), so a later change of the record does not move old counts.
 */
public final class AlertAttribution {
	private static final String ATTRIBUTE = AlertAttribution.class.getName() + ".organization";

	private AlertAttribution() {}

	/** "Organization/id", or empty when neither the facts nor the patient name one. */
	public static Optional<String> organization(PatientFacts facts, Patient patient) {
		return facts.facility().map(PatientFacts.Facility::id)
				.or(() -> Optional.ofNullable(patient).filter(Patient::hasManagingOrganization)
						.map(p -> FactsAssembler.referenceId(p.getManagingOrganization()))
						.filter(reference -> reference.startsWith("Organization/")));
	}

	/** Keeps the organisation for the AuditEvent of the current CDS Hooks call (written when the call completes). */
	public static void remember(Optional<String> organization) {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		if (attributes != null) organization.ifPresent(o -> attributes.setAttribute(ATTRIBUTE, o, RequestAttributes.SCOPE_REQUEST));
	}

	/** The organisation the call's cards were attributed to, or null. */
	public static String ofRequest(HttpServletRequest request) {
		return request.getAttribute(ATTRIBUTE) instanceof String organization ? organization : null;
	}
}
