package org.stemiraccds.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.junit.jupiter.api.Test;
import org.stemiraccds.cds.CdsClient;
import org.stemiraccds.cds.facts.FhirCodes;
import org.stemiraccds.cds.writes.StemiracAdministrations;
import org.stemiraccds.conformance.Examples;
import org.stemiraccds.fhir.FhirHttp;
import org.stemiraccds.fhir.ServerTestBase;
import org.stemiraccds.guideline.rules.process.ProAeReport;

/**
 * PRO-AE-REPORT on patient-view, end to end: the profiled AdverseEvent of examples/valid written for a treated patient
 * without its report date gets the info card (Japanese, English), read from the database and from the prefetch; once
 * reported, or marked entered in error, or for a patient not treated, none.
 */
class AdverseEventCardIT extends ServerTestBase {
	private static final String SERVICE = "stemirac-patient-view";
	private static final String RULE = ProAeReport.class.getAnnotation(org.stemiraccds.guideline.RuleDefinition.class).id();

	@Test
	void aTreatedPatientsUnreportedAdverseEventGetsTheCardUntilItIsReported() {
		loadDemoBundle();
		StemiracAdministrations administrations = new StemiracAdministrations(http);
		String patient = administrations.newPatient("ae-card");
		MedicationAdministration given = StemiracAdministrations.administration(patient, "2026-11-20T10:00:00+09:00");
		assertThat(http.post("/fhir/MedicationAdministration", encode(given)).status()).isEqualTo(201);
		AdverseEvent event = unreported(patient);
		FhirHttp.Response created = http.post("/fhir/AdverseEvent", encode(event));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		event.setId(created.resource(AdverseEvent.class).getIdElement().toUnqualifiedVersionless());

		CdsClient cds = new CdsClient(port, http);
		JsonNode card = cds.call(SERVICE, CdsClient.request("patient-view", patient)).card(RULE);
		assertThat(card.path("indicator").asText()).isEqualTo("info");
		assertThat(card.path("summary").asText()).contains("未報告の有害事象が1件");
		assertThat(card.path("detail").asText()).contains("§4 ②");
		JsonNode english = cds.call(SERVICE, CdsClient.request("patient-view", patient).toString(), "en").card(RULE);
		assertThat(english.path("summary").asText()).isEqualTo("1 adverse event(s) not yet reported");
		ObjectNode prefetched = cds.withFullPrefetch(CdsClient.request("patient-view", patient), SERVICE);
		assertThat(prefetched.path("prefetch").path("adverseEvents").path("total").asInt()).isEqualTo(1);
		assertThat(cds.call(SERVICE, prefetched).ruleIds()).contains(RULE);

		event.addExtension(FhirCodes.ADVERSE_EVENT_REPORTED_EXTENSION, new DateTimeType("2026-11-24"));
		assertThat(http.put("/fhir/" + event.getIdElement().getValue(), encode(event)).status()).isEqualTo(200);
		assertThat(cds.call(SERVICE, CdsClient.request("patient-view", patient)).ruleIds()).doesNotContain(RULE);
	}

	@Test
	void noCardWhenEnteredInErrorOrNotTreated() {
		loadDemoBundle();
		StemiracAdministrations administrations = new StemiracAdministrations(http);
		String treated = administrations.newPatient("ae-error");
		assertThat(http.post("/fhir/MedicationAdministration",
				encode(StemiracAdministrations.administration(treated, "2026-11-20T10:00:00+09:00"))).status()).isEqualTo(201);
		AdverseEvent mistaken = unreported(treated);
		mistaken.addExtension(FhirCodes.ADVERSE_EVENT_R5_STATUS_EXTENSION, new CodeType("entered-in-error"));
		assertThat(http.post("/fhir/AdverseEvent", FhirHttp.R4.newJsonParser().encodeResourceToString(mistaken.setMeta(null))).status())
				.isEqualTo(201);
		CdsClient cds = new CdsClient(port, http);
		assertThat(cds.call(SERVICE, CdsClient.request("patient-view", treated)).ruleIds()).doesNotContain(RULE);

		String untreated = administrations.newPatient("ae-untreated");
		assertThat(http.post("/fhir/AdverseEvent", encode(unreported(untreated))).status()).isEqualTo(201);
		assertThat(cds.call(SERVICE, CdsClient.request("patient-view", untreated)).ruleIds()).doesNotContain(RULE);
	}

	/** The valid example for this patient and lot, without its report date and id. */
	private static AdverseEvent unreported(String patient) {
		AdverseEvent event = (AdverseEvent) Examples.parse(FhirHttp.R4, Examples.ROOT.resolve("valid/stemirac-adverse-event.json"));
		event.setId((String) null);
		event.getExtension().removeIf(e -> FhirCodes.ADVERSE_EVENT_REPORTED_EXTENSION.equals(e.getUrl()));
		event.getSubject().setReference("Patient/" + patient);
		event.getSuspectEntity().clear();
		event.addSuspectEntity().getInstance().setReference("Medication/" + patient + "-lot");
		return event;
	}

	private static String encode(org.hl7.fhir.r4.model.Resource resource) {
		return FhirHttp.R4.newJsonParser().encodeResourceToString(resource);
	}
}
