package org.stemiraccds.cds;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.stemiraccds.conformance.ConformanceResources;
import org.stemiraccds.conformance.Examples;
import org.stemiraccds.conformance.ValueSetIndex;
import org.stemiraccds.guideline.Finding;
import org.stemiraccds.guideline.Guideline;
import org.stemiraccds.guideline.GuidelineSettings;
import org.stemiraccds.guideline.Hook;
import org.stemiraccds.guideline.Severity;
import org.stemiraccds.cds.facts.FactsAssembler;

/**
 * The demo bundle's three patients, read from FHIR into facts and evaluated at order-sign of a standard
 * STEMIRAC order (1×10⁸ cells, 0.8 mL/min, 3-fold, IV, by the demo physician) on 2026-11-25.
 */
class DemoPatientsTest {
	private static final FhirContext R4 = FhirContext.forR4Cached();
	private static final Bundle demo = asStored(Examples.read(Examples.DEMO_BUNDLE));
	private static final FactsAssembler assembler = new FactsAssembler(
			ValueSetIndex.of(ConformanceResources.load(R4)), GuidelineSettings.defaults().zone());

	@Test
	void eligiblePatientGetsOnlyInformation() {
		List<Finding> findings = signStemiracOrderFor("demo-eligible");
		assertThat(findings).extracting(Finding::ruleId)
				.containsExactlyInAnyOrder("TIM-ADMIN-DAY", "PRO-CLAIM-REMARKS", "MON-INFUSION");
		Finding remarks = findings.stream().filter(f -> f.ruleId().equals("PRO-CLAIM-REMARKS")).findFirst().orElseThrow();
		assertThat(remarks.values()).containsEntry("physicianRequirement", "req-a")
				.containsEntry("firstBloodAis", "A").containsEntry("preAdministrationAis", "A");
	}

	@Test
	void aisDPatientIsNotEligible() {
		assertThat(signStemiracOrderFor("demo-ais-d"))
				.filteredOn(f -> f.severity() == Severity.CRITICAL)
				.extracting(Finding::ruleId)
				.containsExactly("IND-AIS-NOT-ELIGIBLE");
	}

	@Test
	void contraindicatedPatientGetsTheSafetyFindings() {
		assertThat(signStemiracOrderFor("demo-contraindicated")).extracting(Finding::ruleId)
				.contains("SAF-HYPERSENSITIVITY", "SAF-ANAPHYLAXIS-WATCH", "SAF-NR-MALIGNANCY", "SAF-NR-BP-UNCONTROLLED",
						"SAF-NR-LOW-WEIGHT-ANEMIA", "IND-AIS-PRIORITY")
				.doesNotContain("IND-AIS-NOT-ELIGIBLE", "FAC-PHYSICIAN-REQUIREMENT");
	}

	@Test
	void theHookUserIsThePhysicianWhenTheOrderNamesNone() {
		MedicationRequest unsigned = DemoOrders.stemirac("demo-eligible").setRequester(null);
		assertThat(sign("demo-eligible", unsigned, Optional.empty())).extracting(Finding::ruleId)
				.contains("FAC-PHYSICIAN-UNKNOWN");
		assertThat(sign("demo-eligible", unsigned, Optional.of(new Reference("PractitionerRole/demo-role")))).extracting(Finding::ruleId)
				.doesNotContain("FAC-PHYSICIAN-UNKNOWN", "FAC-PHYSICIAN-REQUIREMENT", "FAC-FACILITY-REQUIREMENTS");
		assertThat(sign("demo-eligible", unsigned, Optional.of(new Reference("Practitioner/demo-physician")))).extracting(Finding::ruleId)
				.doesNotContain("FAC-PHYSICIAN-UNKNOWN", "FAC-PHYSICIAN-REQUIREMENT");
	}

	private static List<Finding> signStemiracOrderFor(String patientId) {
		return sign(patientId, DemoOrders.stemirac(patientId), Optional.empty());
	}

	private static List<Finding> sign(String patientId, MedicationRequest order, Optional<Reference> user) {
		List<Resource> record = demo.getEntry().stream()
				.map(Bundle.BundleEntryComponent::getResource)
				.filter(r -> belongsTo(r, patientId))
				.toList();
		Patient patient = record.stream().filter(Patient.class::isInstance).map(Patient.class::cast).findFirst().orElseThrow();
		FactsAssembler.Input input = new FactsAssembler.Input(Hook.ORDER_SIGN,
				OffsetDateTime.parse("2026-11-25T10:00:00+09:00").toInstant(), patient, record, List.of(order), user);
		return Guideline.standard().evaluate(assembler.assemble(input), GuidelineSettings.defaults());
	}

	/** The bundle with its urn:uuid references replaced by the ids the entries are stored under, as the server does. */
	private static Bundle asStored(String json) {
		Bundle posted = R4.newJsonParser().parseResource(Bundle.class, json);
		for (Bundle.BundleEntryComponent entry : posted.getEntry()) {
			json = json.replace("\"" + entry.getFullUrl() + "\"", "\"" + entry.getRequest().getUrl() + "\"");
		}
		return R4.newJsonParser().parseResource(Bundle.class, json);
	}

	/** The patient's own resources and the shared ones (facility, physician, role). */
	private static boolean belongsTo(Resource resource, String patientId) {
		String id = resource.getIdElement().getIdPart();
		return id.startsWith(patientId) || !id.startsWith("demo-eligible") && !id.startsWith("demo-ais-d")
				&& !id.startsWith("demo-contraindicated");
	}
}
