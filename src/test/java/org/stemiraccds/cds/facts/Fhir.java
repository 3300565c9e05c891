package org.stemiraccds.cds.facts;

import ca.uhn.fhir.context.FhirContext;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.stemiraccds.conformance.ConformanceResources;
import org.stemiraccds.conformance.ValueSetIndex;
import org.stemiraccds.guideline.Hook;
import org.stemiraccds.guideline.PatientFacts;

/** FHIR resources for the facts tests, and one assembler over the project's own terminology. */
final class Fhir {
	static final FhirContext R4 = FhirContext.forR4Cached();
	static final ValueSetIndex CODE_SETS = ValueSetIndex.of(ConformanceResources.load(R4));
	static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
	static final FactsAssembler ASSEMBLER = new FactsAssembler(CODE_SETS, TOKYO);
	static final Instant NOW = OffsetDateTime.parse("2026-11-25T10:00:00+09:00").toInstant();
	static final String UCUM = "http://unitsofmeasure.org";
	static final String LOINC = "http://loinc.org";
	static final String SNOMED = "http://snomed.info/sct";
	static final String ICD10 = "http://hl7.org/fhir/sid/icd-10";

	private Fhir() {}

	static Patient patient() {
		Patient patient = new Patient();
		patient.setId("p1");
		return patient;
	}

	static <T extends Resource> T withId(T resource, String id) {
		resource.setId(id);
		return resource;
	}

	static CodeableConcept concept(String system, String code) {
		return new CodeableConcept().addCoding(new Coding(system, code, null));
	}

	static CodeableConcept stemiracCode() {
		return concept(FhirCodes.PRODUCT_SYSTEM, FhirCodes.PRODUCT_CODE);
	}

	static Quantity ucum(double value, String code) {
		return new Quantity().setValue(BigDecimal.valueOf(value)).setSystem(UCUM).setCode(code).setUnit(code);
	}

	static Observation observation(String id, String loinc, Observation.ObservationStatus status, String effective) {
		Observation observation = withId(new Observation(), id);
		observation.setStatus(status);
		observation.setCode(concept(LOINC, loinc));
		observation.setEffective(new DateTimeType(effective));
		return observation;
	}

	static Medication lot(String id, String autologousSource) {
		Medication lot = withId(new Medication(), id);
		lot.setCode(stemiracCode());
		if (autologousSource != null) lot.addExtension(FhirCodes.AUTOLOGOUS_SOURCE_EXTENSION, new Reference(autologousSource));
		return lot;
	}

	static MedicationRequest order(String id, MedicationRequest.MedicationRequestStatus status) {
		MedicationRequest order = withId(new MedicationRequest(), id);
		order.setStatus(status);
		order.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
		order.setSubject(new Reference("Patient/p1"));
		order.setMedication(stemiracCode());
		return order;
	}

	static MedicationAdministration administration(String id, MedicationAdministration.MedicationAdministrationStatus status) {
		MedicationAdministration administration = withId(new MedicationAdministration(), id);
		administration.setStatus(status);
		administration.setSubject(new Reference("Patient/p1"));
		administration.setMedication(stemiracCode());
		administration.setEffective(new DateTimeType("2026-11-25T09:00:00+09:00"));
		return administration;
	}

	static PatientFacts assemble(Hook hook, List<Resource> record, List<Resource> drafts) {
		return ASSEMBLER.assemble(new FactsAssembler.Input(hook, NOW, patient(), record, drafts));
	}

	static PatientFacts assemble(Hook hook, List<Resource> record, List<Resource> drafts, Optional<Reference> user) {
		return ASSEMBLER.assemble(new FactsAssembler.Input(hook, NOW, patient(), record, drafts, user));
	}

	static PatientFacts record(Resource... record) {
		return assemble(Hook.PATIENT_VIEW, Arrays.asList(record), List.of());
	}

	static List<Resource> list(Resource... resources) {
		return new ArrayList<>(Arrays.asList(resources));
	}

	@SuppressWarnings("unchecked")
	static <T extends Resource> T parse(String json) {
		return (T) R4.newJsonParser().parseResource(json);
	}
}
