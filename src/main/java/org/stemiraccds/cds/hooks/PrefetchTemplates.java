package org.stemiraccds.cds.hooks;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.server.cdshooks.CdsServiceRequestContextJson;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.hapi.fhir.cdshooks.svc.prefetch.PrefetchTemplateUtil;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.IdType;
import org.stemiraccds.cds.record.PatientRecordLoader;

/**
 * The services' prefetch templates and their tokens. Every template stays within the query subset CDS Hooks
 * 2.0 recommends (§ Prefetch Template, "Prefetch query restrictions"): instance reads, and type-level
 * searches by the patient reference with token parameters, so that any EHR's FHIR server can answer them.
 * Hence one search per resource type, no _include/_revinclude and no search parameter of our own: the lot's
 * Medication and the role's Practitioner and Organization are read by reference afterwards.
 */
final class PrefetchTemplates {
	static final String PATIENT = "patient";
	private static final String PATIENT_TOKEN = "{{context.patientId}}";
	/** CDS Hooks 2.0 § Prefetch tokens: the id of context.userId, by the type it names. */
	private static final Map<String, String> USER_TOKENS = Map.of(
			"userPractitionerId", "Practitioner",
			"userPractitionerRoleId", "PractitionerRole",
			"userPatientId", "Patient",
			"userRelatedPersonId", "RelatedPerson");
	private static final Pattern TOKEN = Pattern.compile("\\{\\{(\\w+)}}");

	/** Key → template, in the order they are read. */
	static final Map<String, String> TEMPLATES = templates();

	private PrefetchTemplates() {}

	private static Map<String, String> templates() {
		Map<String, String> templates = new LinkedHashMap<>();
		templates.put(PATIENT, "Patient/" + PATIENT_TOKEN);
		templates.put("conditions", "Condition?patient=" + PATIENT_TOKEN);
		templates.put("allergies", "AllergyIntolerance?patient=" + PATIENT_TOKEN);
		templates.put("observations", "Observation?patient=" + PATIENT_TOKEN + "&code=" + PatientRecordLoader.OBSERVATION_CODES);
		templates.put("procedures", "Procedure?patient=" + PATIENT_TOKEN);
		templates.put("serviceRequests", "ServiceRequest?patient=" + PATIENT_TOKEN);
		templates.put("medicationRequests", "MedicationRequest?patient=" + PATIENT_TOKEN);
		templates.put("medicationAdministrations", "MedicationAdministration?patient=" + PATIENT_TOKEN);
		templates.put("consents", "Consent?patient=" + PATIENT_TOKEN);
		templates.put("episodes", "EpisodeOfCare?patient=" + PATIENT_TOKEN);
		// R4's AdverseEvent has no "patient" search parameter: its subject, by the patient's reference
		templates.put("adverseEvents", "AdverseEvent?subject=Patient/" + PATIENT_TOKEN);
		// The physician and facility rules: the user's role (its practitioner and organization are read by
		// reference), or the user as a practitioner. Only the one matching context.userId's type is filled.
		templates.put("userRole", "PractitionerRole/{{userPractitionerRoleId}}");
		templates.put("userPractitioner", "Practitioner/{{userPractitionerId}}");
		return Collections.unmodifiableMap(templates);
	}

	/** The resource type a template reads: "Consent" for "Consent?patient=…", "Patient" for "Patient/…". */
	static String resourceType(String template) {
		return template.split("[/?]", 2)[0];
	}

	/**
	 * The template as a relative FHIR URL for this request, or empty when one of its tokens cannot be filled
	 * (e.g. the user is a Practitioner and the template names a PractitionerRole): CDS Hooks 2.0 leaves such a
	 * key out of the prefetch, so it is skipped rather than refused.
	 */
	static Optional<String> url(String template, CdsServiceRequestContextJson context, FhirContext fhirContext) {
		Optional<String> withUser = userTokens(template, context.getString("userId"));
		if (withUser.isEmpty()) return Optional.empty();
		try {
			// HAPI fills {{context.*}} (and fails on a context field that is missing)
			return Optional.of(PrefetchTemplateUtil.substituteTemplate(withUser.get(), context, fhirContext));
		} catch (InvalidRequestException unfillable) {
			return Optional.empty();
		}
	}

	/** Fills the user tokens, which HAPI 8.6.1's PrefetchTemplateUtil does not know. */
	static Optional<String> userTokens(String template, String userId) {
		Optional<IdType> user = Optional.ofNullable(userId).map(IdType::new).filter(IdType::hasIdPart);
		StringBuilder filled = new StringBuilder();
		Matcher token = TOKEN.matcher(template);
		while (token.find()) {
			String type = USER_TOKENS.get(token.group(1));
			if (type == null) continue; // not a user token: left as it is
			if (user.isEmpty() || !type.equals(user.get().getResourceType())) return Optional.empty();
			token.appendReplacement(filled, Matcher.quoteReplacement(user.get().getIdPart()));
		}
		token.appendTail(filled);
		return Optional.of(filled.toString());
	}
}
