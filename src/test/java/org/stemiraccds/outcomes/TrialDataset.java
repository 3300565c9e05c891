package org.stemiraccds.outcomes;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.stemiraccds.cds.facts.FhirCodes;
import org.stemiraccds.conformance.ConformanceResources;

/**
 * Writes examples/trial/trial-bundle.json: 13 synthetic patients matching the guideline's §3 trial (AIS A 6, B 2,
 * C 5; A→A 1, A→B 3, A→C 2, B→C 1, B→D 1, C→D 5, so Tables 1 and 2 exactly; score changes from
 * {@link TrialScoreSearch}, so Tables 3 and 4 to one decimal). Each patient: injury (cervical SCI), screening and
 * pre-administration AIS, ISNCSCI and SCIM-III before administration and at day 220, four blood draws (days 5–39),
 * marrow collection (days 11–25), one infusion on days 43–54 (§3 table 6), AIS at day 220. A transaction of PUTs by
 * id: loading it twice changes nothing. Run: {@code ./mvnw -o -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.stemiraccds.outcomes.TrialDataset} (the score search takes a few minutes on a busy machine).
 */
public final class TrialDataset {
	static final Path FILE = Path.of("examples/trial/trial-bundle.json");
	static final String ORGANIZATION = "trial-site";
	private static final String BASE = ConformanceResources.CANONICAL_BASE;
	private static final String[] BASELINE = {"A", "A", "A", "A", "A", "A", "B", "B", "C", "C", "C", "C", "C"};
	/** Day 220 grades in the order of {@link TrialScoreSearch}'s patients (ascending ISNCSCI change within a group). */
	private static final String[] FOLLOW_UP = {"A", "B", "B", "B", "C", "C", "C", "D", "D", "D", "D", "D", "D"};
	/** Baseline scores: motor, light touch, pin prick, SCIM-III by baseline grade (cervical injuries). */
	private static final int[][] BASELINE_SCORES = {{20, 24, 22, 12}, {30, 50, 40, 15}, {40, 70, 66, 14}};
	private static final LocalDate FIRST_INJURY = LocalDate.of(2024, 4, 3);
	private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
	private static final ZoneOffset JST = ZoneOffset.ofHours(9);

	private TrialDataset() {}

	public static void main(String[] args) throws IOException {
		int[][] changes = TrialScoreSearch.search(220);
		Files.createDirectories(FILE.getParent());
		Files.writeString(FILE, FhirContext.forR4Cached().newJsonParser().setPrettyPrint(true).encodeResourceToString(bundle(changes)),
				StandardCharsets.UTF_8);
		System.out.println("wrote " + FILE.toAbsolutePath());
	}

	static Bundle bundle(int[][] changes) {
		Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		Organization site = new Organization().setName("STEMIRAC trial site (synthetic)");
		site.setId(ORGANIZATION);
		put(bundle, site);
		for (int p = 0; p < TrialScoreSearch.PATIENTS; p++) patient(bundle, p, changes);
		return bundle;
	}

	private static void patient(Bundle bundle, int p, int[][] changes) {
		String id = String.format("trial-%02d", p + 1);
		LocalDate injury = FIRST_INJURY.plusDays(17L * p);
		int infusionDay = 43 + p % 12;
		Patient patient = new Patient().setGender(p % 4 == 3 ? AdministrativeGender.FEMALE : AdministrativeGender.MALE);
		patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType(injury.minusYears(21 + (p * 37) % 46).toString()));
		patient.setManagingOrganization(new Reference("Organization/" + ORGANIZATION));
		put(bundle, profiled(patient, id, "sci-patient"));
		Condition sci = new Condition().setSubject(ref(id)).setOnset(new DateTimeType(injury.toString()));
		sci.setClinicalStatus(concept("http://terminology.hl7.org/CodeSystem/condition-clinical", "active"));
		sci.setVerificationStatus(concept("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed"));
		sci.setCode(concept("http://hl7.org/fhir/sid/icd-10", "S14.1").setText("外傷性頚髄損傷"));
		put(bundle, profiled(sci, id + "-sci", "traumatic-sci-condition"));
		put(bundle, ais(id + "-ais-screening", id, at(injury, 2), BASELINE[p], "screening"));
		for (int draw = 0; draw < 4; draw++) put(bundle, collection(id + "-pb-" + (draw + 1), id, at(injury, 5 + 10 * draw + p % 3), FhirCodes.PERIPHERAL_BLOOD));
		put(bundle, collection(id + "-bm", id, at(injury, 11 + p), FhirCodes.BONE_MARROW));
		put(bundle, ais(id + "-ais-pre", id, at(injury, infusionDay), BASELINE[p], "pre-administration"));
		int group = "ABC".indexOf(BASELINE[p]);
		for (ScoreMeasure measure : List.of(ScoreMeasure.MOTOR, ScoreMeasure.LIGHT_TOUCH, ScoreMeasure.PIN_PRICK, ScoreMeasure.SCIM_TOTAL)) {
			int column = measure == ScoreMeasure.SCIM_TOTAL ? TrialScoreSearch.SCIM : measure.ordinal();
			int before = BASELINE_SCORES[group][column];
			put(bundle, score(id + "-" + measure.code() + "-pre", id, at(injury, infusionDay), measure, before));
			put(bundle, score(id + "-" + measure.code() + "-d220", id, at(injury, 220), measure, before + changes[column][p]));
		}
		int totalBefore = BASELINE_SCORES[group][0] + BASELINE_SCORES[group][1] + BASELINE_SCORES[group][2];
		put(bundle, score(id + "-isncsci-total-pre", id, at(injury, infusionDay), ScoreMeasure.ISNCSCI_TOTAL, totalBefore));
		put(bundle, score(id + "-isncsci-total-d220", id, at(injury, 220), ScoreMeasure.ISNCSCI_TOTAL,
				totalBefore + TrialScoreSearch.total(changes)[p]));
		put(bundle, administration(id + "-infusion", id, at(injury, infusionDay).plusHours(1)));
		put(bundle, ais(id + "-ais-d220", id, at(injury, 220), FOLLOW_UP[p], "follow-up"));
	}

	private static java.time.OffsetDateTime at(LocalDate injury, int day) {
		return injury.plusDays(day).atTime(9, 0).atOffset(JST);
	}

	private static Observation ais(String id, String patient, java.time.OffsetDateTime when, String grade, String timepoint) {
		Observation ais = new Observation().setStatus(Observation.ObservationStatus.FINAL).setSubject(ref(patient));
		ais.addExtension(FhirCodes.AIS_TIMEPOINT_EXTENSION, concept(BASE + "/CodeSystem/ais-timepoint", timepoint));
		ais.addCategory(concept("http://terminology.hl7.org/CodeSystem/observation-category", "exam"));
		ais.setCode(concept(FhirCodes.LOINC, FhirCodes.AIS));
		ais.setEffective(new DateTimeType(when.format(ISO)));
		ais.setValue(concept(FhirCodes.AIS_GRADE_SYSTEM, grade));
		return profiled(ais, id, "ais-observation");
	}

	private static Observation score(String id, String patient, java.time.OffsetDateTime when, ScoreMeasure measure, int value) {
		Observation score = new Observation().setStatus(Observation.ObservationStatus.FINAL).setSubject(ref(patient));
		score.setCode(concept(ScoreMeasure.SYSTEM, measure.code()));
		score.setEffective(new DateTimeType(when.format(ISO)));
		score.setValue(new Quantity().setValue(value).setUnit("score").setSystem("http://unitsofmeasure.org").setCode("{score}"));
		return profiled(score, id, measure == ScoreMeasure.SCIM_TOTAL ? "scim-score-observation" : "isncsci-score-observation");
	}

	private static Procedure collection(String id, String patient, java.time.OffsetDateTime when, String code) {
		Procedure procedure = new Procedure().setStatus(Procedure.ProcedureStatus.COMPLETED).setSubject(ref(patient));
		procedure.setCode(concept(FhirCodes.PROCEDURE_SYSTEM, code));
		procedure.setPerformed(new DateTimeType(when.format(ISO)));
		return profiled(procedure, id, "stemirac-collection-procedure");
	}

	private static MedicationAdministration administration(String id, String patient, java.time.OffsetDateTime when) {
		MedicationAdministration given = new MedicationAdministration().setStatus(MedicationAdministration.MedicationAdministrationStatus.COMPLETED);
		given.setMedication(concept(FhirCodes.PRODUCT_SYSTEM, FhirCodes.PRODUCT_CODE));
		given.setSubject(ref(patient));
		given.setEffective(new DateTimeType(when.format(ISO)));
		MedicationAdministration.MedicationAdministrationDosageComponent dosage = given.getDosage();
		dosage.addExtension(FhirCodes.DILUTION_EXTENSION, new DecimalType(3));
		dosage.setRoute(concept(FhirCodes.SNOMED, "47625008"));
		dosage.setDose(new Quantity().setValue(new BigDecimal("1.0E8")).setUnit("cells").setSystem("http://unitsofmeasure.org").setCode(FhirCodes.CELLS_UNIT));
		dosage.setRate(new Quantity().setValue(new BigDecimal("0.8")).setUnit("mL/min").setSystem("http://unitsofmeasure.org").setCode("mL/min"));
		return profiled(given, id, "stemirac-medication-administration");
	}

	private static <T extends Resource> T profiled(T resource, String id, String profile) {
		resource.setId(id);
		resource.getMeta().addProfile(ConformanceResources.PROFILE_BASE + profile);
		return resource;
	}

	private static void put(Bundle bundle, Resource resource) {
		String url = resource.fhirType() + "/" + resource.getIdElement().getIdPart();
		bundle.addEntry().setResource(resource).getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl(url);
	}

	private static Reference ref(String patient) {
		return new Reference("Patient/" + patient);
	}

	private static CodeableConcept concept(String system, String code) {
		return new CodeableConcept(new Coding(system, code, null));
	}
}
