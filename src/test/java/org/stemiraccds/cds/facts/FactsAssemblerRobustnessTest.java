package org.stemiraccds.cds.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.stemiraccds.cds.facts.Fhir.*;

import ca.uhn.fhir.context.FhirContext;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Ratio;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.junit.jupiter.api.Test;
import org.stemiraccds.cds.cards.CardRenderer;
import org.stemiraccds.cds.cards.CardSuggestions;
import org.stemiraccds.cds.cards.CardTexts;
import org.stemiraccds.cds.cards.RuleTexts;
import org.stemiraccds.conformance.ConformanceResources;
import org.stemiraccds.guideline.Guideline;
import org.stemiraccds.guideline.GuidelineSettings;
import org.stemiraccds.guideline.Hook;

/**
 * Property: whatever valid R4 a record holds — any status, unit, choice type, partial date, coding or missing
 * element — assembling facts, evaluating every rule on them and rendering the cards never throws, at any hook (the rule catalogue's Revision 2). Seeded, so every run is the same.
 */
class FactsAssemblerRobustnessTest {
	private static final int CASES = 400;
	private static final String[] UNITS = {"kg", "g", "[lb_av]", "lb", "lbs", "cm", "m", "[in_i]", "g/dL", "g/L", "mmol/L", "mL/min",
			"mL/h", "ml/hr", "{cells}", "10*6{cells}", "10*8{cells}", "10*8{vials}", "cells", "mm[Hg]", "kPa", "%", "1", "", " ", "ML/H",
			"((", "/", "10*", "{", "kg/", "Cel", "[degF]", "mg", "mL"};
	private static final String[] DATES = {"2026", "2026-11", "2026-11-20", "2026-11-20T08:00:00+09:00", "2026-11-20T23:30:00Z",
			"1900-01-01", "2099-12-31T23:59:59.999+14:00"};
	private static final String[] SYSTEMS = {Fhir.ICD10, "http://hl7.org/fhir/sid/icd-10-cm", SNOMED, LOINC, UCUM, FhirCodes.PRODUCT_SYSTEM,
			FhirCodes.AIS_GRADE_SYSTEM, FhirCodes.PROCEDURE_SYSTEM, "http://standardterms.edqm.eu", "http://example.org/local", null};
	private static final String[] CODES = {"S141", "s14.1", "S14.101A", "G95.1", "I10", "C34", "A", "B", "D", "STEMIRAC",
			FhirCodes.BODY_WEIGHT, FhirCodes.BODY_HEIGHT, FhirCodes.HAEMOGLOBIN, FhirCodes.SYSTOLIC, FhirCodes.DIASTOLIC, FhirCodes.AIS,
			FhirCodes.BLOOD_PRESSURE_PANEL, FhirCodes.BONE_MARROW, FhirCodes.PERIPHERAL_BLOOD, "47625008", "20045000", "3457005", "1-5",
			"req-a", "refuted", "entered-in-error", "active", "", null};
	private static final String[] REFERENCES = {"Medication/m0", "Medication/m1", "#c0", "#missing", "Patient/p1", "Patient/p2",
			"PractitionerRole/r0", "PractitionerRole/r1", "Practitioner/d0", "Practitioner/d1", "Organization/o0", "Organization/o1",
			"MedicationRequest/q0", "MedicationRequest/q1", "http://ehr.example/fhir/Medication/m0", "urn:uuid:1", "Observation/x", null};

	private static final Guideline GUIDELINE = Guideline.standard();
	private static final RuleTexts RULE_TEXTS = new RuleTexts(ConformanceResources.load(FhirContext.forR4Cached()));
	private static final CardTexts TEXTS = new CardTexts(RULE_TEXTS, GuidelineSettings.defaults());
	private static final CardRenderer CARDS = new CardRenderer(TEXTS, RULE_TEXTS, new CardSuggestions(TEXTS), "https://example.org/guideline");
	private static final GuidelineSettings SETTINGS = GuidelineSettings.defaults();
	private final Random random = new Random(20261125L);

	@Test
	void assemblingEvaluatingAndRenderingNeverThrow() {
		Set<String> fired = new HashSet<>();
		for (int i = 0; i < CASES; i++) {
			List<Resource> record = record();
			List<Resource> drafts = drafts();
			Patient patient = patient();
			if (random.nextBoolean()) patient.setBirthDateElement(new DateType(pick(new String[] {"2010", "2010-05", "2010-05-06"})));
			for (Hook hook : Hook.values()) {
				Optional<Reference> user = Optional.ofNullable(pick(REFERENCES)).map(Reference::new);
				FactsAssembler.Input input = new FactsAssembler.Input(hook, NOW, patient, record, drafts, user);
				int seedCase = i;
				assertThatCode(() -> GUIDELINE.evaluate(ASSEMBLER.assemble(input), SETTINGS).forEach(finding -> {
					fired.add(finding.ruleId());
					CardSuggestions.Context context = new CardSuggestions.Context(FactsAssembler.id(patient), drafts, NOW, List.of());
					CARDS.render(finding, context, Locale.JAPANESE);
					CARDS.render(finding, context, Locale.ENGLISH);
				})).as("case %d at %s", seedCase, hook).doesNotThrowAnyException();
			}
		}
		assertThat(fired).as("the random records reach the rules").hasSizeGreaterThan(10);
	}

	private List<Resource> record() {
		List<Resource> record = new ArrayList<>();
		for (int n = random.nextInt(25); n > 0; n--) record.add(anyResource(n));
		return record;
	}

	private List<Resource> drafts() {
		List<Resource> drafts = new ArrayList<>();
		for (int n = random.nextInt(3); n > 0; n--) {
			drafts.add(random.nextBoolean() ? medicationRequest(n) : random.nextBoolean() ? administration(n) : serviceRequest(n));
		}
		return drafts;
	}

	private Resource anyResource(int n) {
		switch (random.nextInt(15)) {
			case 0: return condition(n);
			case 1: return allergy(n);
			case 2: case 3: return observation(n);
			case 4: return procedure(n);
			case 5: return serviceRequest(n);
			case 6: return medicationRequest(n);
			case 7: return administration(n);
			case 8: return medication("m" + n % 2);
			case 9: return consent(n);
			case 10: return episode(n);
			case 11: return role(n);
			case 12: return practitioner(n);
			case 13: return organization(n);
			default: return withId(new Patient(), "p" + n);
		}
	}

	private Condition condition(int n) {
		Condition condition = withId(new Condition(), "c" + n);
		if (random.nextBoolean()) condition.setVerificationStatus(concept());
		if (random.nextBoolean()) condition.setClinicalStatus(concept());
		if (random.nextBoolean()) condition.setCode(concept());
		condition.setOnset(pick(new Type[] {dateTime(), new Period().setStartElement(dateTime()), new StringType("last spring"), null}));
		return condition;
	}

	private AllergyIntolerance allergy(int n) {
		AllergyIntolerance allergy = withId(new AllergyIntolerance(), "a" + n);
		if (random.nextBoolean()) allergy.setVerificationStatus(concept());
		if (random.nextBoolean()) allergy.setClinicalStatus(concept());
		if (random.nextBoolean()) allergy.addCategory(pick(AllergyIntolerance.AllergyIntoleranceCategory.values()));
		allergy.setCode(concept());
		return allergy;
	}

	private Observation observation(int n) {
		Observation observation = withId(new Observation(), "obs" + n);
		observation.setStatus(statusOf(Observation.ObservationStatus.values()));
		observation.setCode(concept());
		observation.setEffective(random.nextInt(4) == 0 ? new InstantType("2026-11-20T08:00:00+09:00") : effective());
		observation.setValue(pick(new Type[] {quantity(), concept(), new StringType("A"), null}));
		for (int c = random.nextInt(3); c > 0; c--) observation.addComponent().setCode(concept()).setValue(random.nextBoolean() ? quantity() : null);
		for (int e = random.nextInt(3); e > 0; e--) observation.addExtension(FhirCodes.AIS_TIMEPOINT_EXTENSION, pick(new Type[] {concept(), coding(), new StringType("x"), null}));
		return observation;
	}

	private Procedure procedure(int n) {
		Procedure procedure = withId(new Procedure(), "proc" + n);
		procedure.setStatus(statusOf(Procedure.ProcedureStatus.values()));
		procedure.setCode(concept());
		procedure.setPerformed(random.nextInt(4) == 0 ? new StringType("yesterday") : effective());
		return procedure;
	}

	private ServiceRequest serviceRequest(int n) {
		ServiceRequest request = withId(new ServiceRequest(), "sr" + n);
		request.setStatus(statusOf(ServiceRequest.ServiceRequestStatus.values()));
		if (random.nextBoolean()) request.setCode(concept());
		if (random.nextBoolean()) request.addCategory(concept());
		request.setOccurrence(effective());
		for (int p = random.nextInt(3); p > 0; p--) request.addPerformer(reference());
		return request;
	}

	private MedicationRequest medicationRequest(int n) {
		MedicationRequest order = withId(new MedicationRequest(), "q" + n % 2);
		order.setStatus(statusOf(MedicationRequest.MedicationRequestStatus.values()));
		order.setMedication(medicationChoice(order));
		if (random.nextBoolean()) order.setRequester(reference());
		if (random.nextBoolean()) order.setPerformer(reference());
		if (random.nextBoolean()) {
			var dosage = order.addDosageInstruction();
			if (random.nextBoolean()) dosage.setRoute(concept());
			if (random.nextBoolean()) dosage.getTiming().addEventElement().setValueAsString(pick(DATES));
			dilutions(dosage);
			if (random.nextBoolean()) {
				var doseAndRate = dosage.addDoseAndRate();
				if (random.nextBoolean()) doseAndRate.setDose(quantity());
				doseAndRate.setRate(pick(new Type[] {quantity(), new Ratio().setNumerator(quantity()).setDenominator(quantity()), null}));
			}
		}
		return order;
	}

	private MedicationAdministration administration(int n) {
		MedicationAdministration administration = withId(new MedicationAdministration(), "ma" + n);
		administration.setStatus(statusOf(MedicationAdministration.MedicationAdministrationStatus.values()));
		administration.setMedication(medicationChoice(administration));
		administration.setEffective(effective());
		if (random.nextBoolean()) administration.setRequest(reference());
		if (random.nextBoolean()) administration.addPerformer().setActor(reference());
		if (random.nextBoolean()) {
			var dosage = administration.getDosage();
			if (random.nextBoolean()) dosage.setDose(quantity());
			if (random.nextBoolean()) dosage.setRoute(concept());
			dosage.setRate(pick(new Type[] {quantity(), new Ratio().setNumerator(quantity()).setDenominator(quantity()), null}));
			dilutions(dosage);
		}
		return administration;
	}

	private Type medicationChoice(org.hl7.fhir.r4.model.DomainResource owner) {
		if (random.nextBoolean()) owner.addContained(medication("c0"));
		return pick(new Type[] {concept(), reference(), new CodeableConcept().setText(pick(new String[] {"ステミラック", "Ｓｔｅｍｉｒａｃ", "other"})), null});
	}

	private Medication medication(String id) {
		Medication medication = withId(new Medication(), id);
		if (random.nextBoolean()) medication.setCode(random.nextBoolean() ? concept() : stemiracCode());
		for (int e = random.nextInt(3); e > 0; e--) {
			medication.addExtension(FhirCodes.AUTOLOGOUS_SOURCE_EXTENSION, pick(new Type[] {reference(), new StringType("p1"), null}));
		}
		return medication;
	}

	private Consent consent(int n) {
		Consent consent = withId(new Consent(), "consent" + n);
		consent.setStatus(statusOf(Consent.ConsentState.values()));
		if (random.nextBoolean()) consent.addCategory(random.nextBoolean() ? stemiracCode() : concept());
		if (random.nextBoolean()) {
			var provision = consent.getProvision().setType(pick(Consent.ConsentProvisionType.values()));
			if (random.nextBoolean()) provision.addCode(random.nextBoolean() ? stemiracCode() : concept());
			if (random.nextBoolean()) provision.addProvision().setType(pick(Consent.ConsentProvisionType.values())).addCode(concept());
		}
		return consent;
	}

	private EpisodeOfCare episode(int n) {
		EpisodeOfCare episode = withId(new EpisodeOfCare(), "eoc" + n);
		episode.setStatus(statusOf(EpisodeOfCare.EpisodeOfCareStatus.values()));
		if (random.nextBoolean()) episode.addIdentifier().setSystem(FhirCodes.REGISTRY_SYSTEM).setValue("R" + n);
		if (random.nextBoolean()) episode.setCareManager(reference());
		return episode;
	}

	private PractitionerRole role(int n) {
		PractitionerRole role = withId(new PractitionerRole(), "r" + n % 2);
		if (random.nextBoolean()) role.setPractitioner(reference());
		if (random.nextBoolean()) role.setOrganization(reference());
		return role;
	}

	private Practitioner practitioner(int n) {
		Practitioner practitioner = withId(new Practitioner(), "d" + n % 2);
		for (int q = random.nextInt(3); q > 0; q--) practitioner.addQualification().setCode(concept());
		return practitioner;
	}

	private Organization organization(int n) {
		Organization organization = withId(new Organization(), "o" + n % 2);
		for (int e = random.nextInt(4); e > 0; e--) {
			Extension item = organization.addExtension().setUrl(FhirCodes.FACILITY_REQUIREMENT_EXTENSION);
			for (int s = random.nextInt(4); s > 0; s--) item.addExtension("code", pick(new Type[] {coding(), new StringType("1-5"), null}));
			for (int s = random.nextInt(3); s > 0; s--) item.addExtension("met", pick(new Type[] {new BooleanType(random.nextBoolean()), new BooleanType(), null}));
			for (int s = random.nextInt(3); s > 0; s--) item.addExtension("partner", pick(new Type[] {reference(), new StringType("x"), null}));
		}
		return organization;
	}

	private void dilutions(org.hl7.fhir.r4.model.Element dosage) {
		for (int e = random.nextInt(3); e > 0; e--) {
			dosage.addExtension(FhirCodes.DILUTION_EXTENSION, pick(new Type[] {new DecimalType(3), new IntegerType(2), new DecimalType(), new StringType("3x"), null}));
		}
	}

	private Type effective() {
		return pick(new Type[] {dateTime(), new Period().setStartElement(dateTime()), new Period().setEnd(null), null});
	}

	private DateTimeType dateTime() {
		return new DateTimeType(pick(DATES));
	}

	private Quantity quantity() {
		Quantity quantity = new Quantity();
		if (random.nextInt(5) > 0) quantity.setValue(BigDecimal.valueOf(random.nextInt(5) == 0 ? 0 : random.nextGaussian() * 1e3));
		String unit = pick(UNITS);
		if (random.nextBoolean()) quantity.setSystem(pick(new String[] {UCUM, "http://example.org/units"})).setCode(unit);
		if (random.nextBoolean()) quantity.setUnit(unit);
		return quantity;
	}

	private CodeableConcept concept() {
		CodeableConcept concept = new CodeableConcept();
		for (int c = random.nextInt(4); c > 0; c--) concept.addCoding(coding());
		if (random.nextBoolean()) concept.setText(pick(new String[] {"STEMIRAC", "ステミラック注", "脊髄損傷", ""}));
		return concept;
	}

	private Coding coding() {
		return new Coding(pick(SYSTEMS), pick(CODES), random.nextBoolean() ? "stemirac" : null);
	}

	private Reference reference() {
		Reference reference = new Reference(pick(REFERENCES));
		if (random.nextInt(4) == 0) reference.setDisplay("someone");
		return reference;
	}

	/** Any code of the status's value set, the enum's NULL, or no status at all. */
	private <T> T statusOf(T[] statuses) {
		return random.nextInt(8) == 0 ? null : pick(statuses);
	}

	private <T> T pick(T[] options) {
		return options[random.nextInt(options.length)];
	}
}
