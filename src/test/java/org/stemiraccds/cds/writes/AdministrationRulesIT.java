package org.stemiraccds.cds.writes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stemiraccds.conformance.ConformanceResources;
import org.stemiraccds.fhir.FhirHttp;
import org.stemiraccds.fhir.ServerTestBase;

/** Writing a STEMIRAC MedicationAdministration runs the rules at its effective time and stores the findings. */
class AdministrationRulesIT extends ServerTestBase {
	private static final Map<String, String> PREFER_OUTCOME = Map.of("Prefer", "return=OperationOutcome");

	@BeforeEach
	void loadDemo() {
		loadDemoBundle();
	}

	@Test
	void findingsAreStoredAsDetectedIssuesAndReturnedInTheOperationOutcome() {
		MedicationAdministration given = administration("demo-ais-d", 2.0e8);
		FhirHttp.Response created = http.send("POST", "/fhir/MedicationAdministration", encode(given), PREFER_OUTCOME);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		OperationOutcome outcome = created.outcome();
		assertThat(outcome.getIssue()).extracting(i -> i.getDetails().getCodingFirstRep().getCode())
				.contains("IND-AIS-NOT-ELIGIBLE", "DOSE-PER-KG", "PRO-CLAIM-REMARKS");
		assertThat(outcome.getIssue()).filteredOn(i -> "IND-AIS-NOT-ELIGIBLE".equals(i.getDetails().getCodingFirstRep().getCode()))
				.extracting(OperationOutcome.OperationOutcomeIssueComponent::getSeverity)
				.containsOnly(OperationOutcome.IssueSeverity.WARNING);

		String id = "MedicationAdministration/" + created.body().replaceAll("(?s).*MedicationAdministration/([^/\"]+)/_history.*", "$1");
		assertThat(ruleIds(id)).contains("IND-AIS-NOT-ELIGIBLE", "DOSE-PER-KG").doesNotContain("SAF-REPEAT-DOSE");

		MedicationAdministration corrected = administration("demo-ais-d", 1.0e8);
		corrected.setId(id);
		FhirHttp.Response updated = http.send("PUT", "/fhir/" + id, encode(corrected), Map.of());
		assertThat(updated.status()).as(updated.body()).isEqualTo(200);
		assertThat(ruleIds(id)).as("the findings of the earlier version are replaced")
				.contains("IND-AIS-NOT-ELIGIBLE").doesNotContain("DOSE-PER-KG");
	}

	@Test
	void anAdministrationIsStoredWhateverTheRulesFindButAnInvalidOneIsRefused() {
		FhirHttp.Response stored = http.post("/fhir/MedicationAdministration", encode(administration("demo-contraindicated", 1.0e8)));
		assertThat(stored.status()).isEqualTo(201);
		String id = "MedicationAdministration/" + stored.resource(MedicationAdministration.class).getIdElement().getIdPart();
		assertThat(ruleIds(id)).contains("SAF-HYPERSENSITIVITY");

		MedicationAdministration invalid = administration("demo-eligible", 1.0e8);
		invalid.setDosage(null);
		invalid.setStatus(null);
		assertThat(http.post("/fhir/MedicationAdministration", encode(invalid)).status()).isIn(400, 422);
	}

	@Test
	void otherMedicationsRunNoRules() {
		MedicationAdministration aspirin = new MedicationAdministration()
				.setStatus(MedicationAdministration.MedicationAdministrationStatus.COMPLETED)
				.setMedication(new CodeableConcept(new Coding("http://www.whocc.no/atc", "B01AC06", "aspirin")))
				.setSubject(new Reference("Patient/demo-ais-d"))
				.setEffective(new DateTimeType("2026-12-05T10:00:00+09:00"));
		FhirHttp.Response stored = http.post("/fhir/MedicationAdministration", encode(aspirin));
		assertThat(stored.status()).isEqualTo(201);
		assertThat(ruleIds("MedicationAdministration/" + stored.resource(MedicationAdministration.class).getIdElement().getIdPart()))
				.isEmpty();
	}

	/** STEMIRAC of the patient's own lot, given on 2026-11-25 (AIS of 2026-11-24 in the window). */
	private static MedicationAdministration administration(String patientId, double cells) {
		MedicationAdministration given = new MedicationAdministration();
		given.getMeta().addProfile(ConformanceResources.PROFILE_BASE + "stemirac-medication-administration");
		given.setStatus(MedicationAdministration.MedicationAdministrationStatus.COMPLETED);
		given.setMedication(new Reference("Medication/" + patientId + "-lot"));
		given.setSubject(new Reference("Patient/" + patientId));
		given.setEffective(new DateTimeType("2026-11-25T10:00:00+09:00"));
		given.addPerformer().setActor(new Reference("PractitionerRole/demo-role"));
		given.getDosage()
				.setRoute(new CodeableConcept(new Coding("http://snomed.info/sct", "47625008", "Intravenous route")))
				.setDose(new Quantity().setValue(cells).setUnit("cells").setSystem("http://unitsofmeasure.org").setCode("{cells}"))
				.setRate(new Quantity().setValue(0.8).setUnit("mL/min").setSystem("http://unitsofmeasure.org").setCode("mL/min"));
		given.getDosage().addExtension(ConformanceResources.PROFILE_BASE + "dilution-factor", new DecimalType(3));
		return given;
	}

	private List<String> ruleIds(String administration) {
		Bundle issues = http.get("/fhir/DetectedIssue?implicated=" + administration).resource(Bundle.class);
		return issues.getEntry().stream()
				.map(e -> ((DetectedIssue) e.getResource()).getCode().getCodingFirstRep().getCode())
				.toList();
	}

	private static String encode(MedicationAdministration administration) {
		return FhirHttp.R4.newJsonParser().encodeResourceToString(administration);
	}
}
