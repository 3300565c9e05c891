package org.stemiraccds.cds.writes;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.stemiraccds.cds.facts.FhirCodes;
import org.stemiraccds.fhir.FhirHttp;
import org.stemiraccds.fhir.ServerTestBase;

/** Writing a STEMIRAC MedicationAdministration runs the rules at its effective time and stores the findings. */
class AdministrationRulesIT extends ServerTestBase {
	private static final Map<String, String> PREFER_OUTCOME = Map.of("Prefer", "return=OperationOutcome");
	private static final String GIVEN_AT = "2026-11-25T10:00:00+09:00";

	@Autowired
	RestfulServer server;

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
		// (SAF-REPEAT-DOSE may be among them: other tests of this server record administrations of demo-ais-d too;
		// AdministrationWriteLockIT shows that a patient's first administration is not one)
		assertThat(ruleIds(id)).contains("IND-AIS-NOT-ELIGIBLE", "DOSE-PER-KG");

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

	@Test
	void ordinaryAdministrationsInATransactionAndAloneReadNothingAndRunNoRules() {
		String patient = "urn:uuid:" + UUID.randomUUID();
		String medication = "urn:uuid:" + UUID.randomUUID();
		Bundle transaction = transaction();
		add(transaction, patient, new Patient().addIdentifier(new Identifier().setSystem("urn:test").setValue("ordinary")));
		IntStream.range(0, 30).forEach(i -> add(transaction, "urn:uuid:" + UUID.randomUUID(), weight(patient, "2026-11-20T09:00:00+09:00", 60 + i)));
		add(transaction, medication, new Medication().setCode(aspirin()));
		add(transaction, "urn:uuid:" + UUID.randomUUID(), ordinary(patient).setMedication(new Reference(medication)));
		Bundle response = post(transaction);

		assertThat(response.getEntry()).extracting(e -> e.getResponse().getStatus()).allMatch(status -> status.startsWith("201"));
		Bundle.BundleEntryResponseComponent given = response.getEntry().get(response.getEntry().size() - 1).getResponse();
		assertThat(issuesOf(given)).isEmpty();
		assertThat(given.getOutcome() instanceof OperationOutcome outcome ? warnings(outcome) : List.of()).isEmpty();
		assertThat(ruleIds(versionless(given.getLocation()))).isEmpty();

		String patientId = versionless(response.getEntryFirstRep().getResponse().getLocation());
		FhirHttp.Response alone = http.send("POST", "/fhir/MedicationAdministration", encode(ordinary(patientId)), PREFER_OUTCOME);
		assertThat(alone.status()).as(alone.body()).isEqualTo(201);
		assertThat(alone.outcome().getIssue()).extracting(OperationOutcome.OperationOutcomeIssueComponent::getSeverity)
				.containsOnly(OperationOutcome.IssueSeverity.INFORMATION);
	}

	@Test
	void aStemiracMedicationCreatedInTheSameTransactionIsRecognisedAndTheFindingsAreInTheEntryOutcome() {
		String lot = "urn:uuid:" + UUID.randomUUID();
		Bundle transaction = transaction();
		add(transaction, lot, lot("Patient/demo-ais-d"));
		MedicationAdministration given = administration("demo-ais-d", 2.0e8);
		// no profile: with -ea, Hibernate 6.6 asserts when a search in the transaction loads a tag (profile)
		// definition the transaction has just used; without -ea it loads normally
		given.getMeta().getProfile().clear();
		given.setMedication(new Reference(lot));
		add(transaction, "urn:uuid:" + UUID.randomUUID(), given);
		Bundle response = post(transaction);

		Bundle.BundleEntryResponseComponent entry = response.getEntry().get(1).getResponse();
		assertThat(entry.getStatus()).startsWith("201");
		List<String> stored = ruleIds(versionless(entry.getLocation()));
		assertThat(stored).contains("IND-AIS-NOT-ELIGIBLE", "DOSE-PER-KG").doesNotContain("SAF-CHAIN-OF-IDENTITY");
		assertThat(issuesOf(entry)).extracting(i -> i.getDetails().getCodingFirstRep().getCode())
				.containsExactlyInAnyOrderElementsOf(stored);
		assertThat(issuesOf(response.getEntry().get(0).getResponse())).as("the Medication's entry").isEmpty();
	}

	@Test
	void aContainedStemiracMedicationIsRecognised() {
		MedicationAdministration given = administration("demo-ais-d", 2.0e8);
		given.getMeta().getProfile().clear();
		Medication lot = lot("Patient/demo-ais-d");
		lot.setId("lot");
		given.addContained(lot);
		given.setMedication(new Reference("#lot"));
		FhirHttp.Response created = http.send("POST", "/fhir/MedicationAdministration", encode(given), PREFER_OUTCOME);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(codes(created.outcome())).contains("IND-AIS-NOT-ELIGIBLE");
		assertThat(ruleIds(locationOf(created))).contains("IND-AIS-NOT-ELIGIBLE");
	}

	@Test
	void aSubjectWithOnlyAnIdentifierIsStoredWithAWarningAndNoRules() {
		MedicationAdministration given = administration("demo-ais-d", 1.0e8);
		given.getMeta().getProfile().clear();
		given.setSubject(new Reference().setIdentifier(new Identifier().setSystem("urn:test:mrn").setValue("12345")));
		FhirHttp.Response created = http.send("POST", "/fhir/MedicationAdministration", encode(given), PREFER_OUTCOME);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(warnings(created.outcome())).containsExactly(AdministrationRules.NO_PATIENT);
		String id = locationOf(created);
		assertThat(http.get("/fhir/" + id).status()).isEqualTo(200);
		assertThat(ruleIds(id)).isEmpty();

		MedicationAdministration ordinary = ordinary("Patient/demo-ais-d");
		ordinary.setSubject(new Reference().setIdentifier(new Identifier().setSystem("urn:test:mrn").setValue("12345")));
		FhirHttp.Response other = http.send("POST", "/fhir/MedicationAdministration", encode(ordinary), PREFER_OUTCOME);
		assertThat(other.status()).isEqualTo(201);
		assertThat(warnings(other.outcome())).isEmpty();
	}

	@Test
	void anAdministrationOverAPeriodIsEvaluatedAtItsStart() {
		MedicationAdministration given = administration("demo-ais-d", 1.0e8);
		given.getMeta().getProfile().clear();
		// in progress counts as given (the rule catalogue's Revision 2); it starts at GIVEN_AT, the time the other tests
		// evaluate this patient at, so it is no earlier dose for them
		given.setStatus(MedicationAdministration.MedicationAdministrationStatus.INPROGRESS);
		// at the end (2026-12-10) the AIS of 2026-11-24 would be outside the 7-day window (§5)
		given.setEffective(new Period().setStartElement(new DateTimeType(GIVEN_AT))
				.setEndElement(new DateTimeType("2026-12-10T10:00:00+09:00")));
		FhirHttp.Response created = http.send("POST", "/fhir/MedicationAdministration", encode(given), PREFER_OUTCOME);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(warnings(created.outcome())).isEmpty();
		List<DetectedIssue> issues = detectedIssues(locationOf(created));
		assertThat(issues).extracting(i -> i.getCode().getCodingFirstRep().getCode())
				.contains("IND-AIS-NOT-ELIGIBLE").doesNotContain("IND-AIS-MISSING");
		assertThat(issues).extracting(i -> i.getIdentifiedDateTimeType().getValue().toInstant())
				.containsOnly(new DateTimeType(GIVEN_AT).getValue().toInstant());
	}

	@Test
	void aDateOnlyAdministrationIsThatDayInTheGuidelinesZoneWhateverTheServersZone() {
		String patient = "Patient/" + http.post("/fhir/Patient", "{\"resourceType\":\"Patient\"}")
				.resource(org.hl7.fhir.r4.model.Patient.class).getIdElement().getIdPart();
		MedicationAdministration given = ordinary(patient).setMedication(stemirac());
		given.setEffective(new DateTimeType("2026-11-25"));
		FhirHttp.Response created = http.send("POST", "/fhir/MedicationAdministration", encode(given), PREFER_OUTCOME);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		List<DetectedIssue> issues = detectedIssues(locationOf(created));
		// the start of 2026-11-25 in Asia/Tokyo, not in the JVM's zone: the administration being written is found
		// at "now", so its missing lot is flagged (chain of identity, box and §6 ④)
		assertThat(issues).extracting(i -> i.getIdentifiedDateTimeType().getValue().toInstant())
				.containsOnly(java.time.Instant.parse("2026-11-24T15:00:00Z"));
		assertThat(issues).extracting(i -> i.getCode().getCodingFirstRep().getCode()).contains("SAF-CHAIN-OF-IDENTITY");
	}

	@Test
	void theWholeHistoryIsReadHoweverLong() {
		String patient = "Patient/long-history";
		assertThat(http.put("/fhir/" + patient, encode(new Patient().setId(patient))).status()).isIn(200, 201);
		List<Resource> weights = IntStream.range(0, 1100)
				.mapToObj(i -> (Resource) weight(patient, "2026-11-20T09:00:00+09:00", 60 + i % 10)).toList();
		for (int from = 0; from < weights.size(); from += 400) {
			Bundle transaction = transaction();
			weights.subList(from, Math.min(from + 400, weights.size())).forEach(w -> add(transaction, "urn:uuid:" + UUID.randomUUID(), w));
			post(transaction);
		}
		// recorded last, so it comes after the 1,100 weights in any order by insertion
		assertThat(http.post("/fhir/Observation", encode(ais(patient, "A"))).status()).isEqualTo(201);

		MedicationAdministration given = ordinary(patient).setMedication(stemirac());
		FhirHttp.Response created = http.send("POST", "/fhir/MedicationAdministration", encode(given), PREFER_OUTCOME);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(warnings(created.outcome())).isEmpty();
		assertThat(ruleIds(locationOf(created))).isNotEmpty().doesNotContain("IND-AIS-MISSING", "DOSE-WEIGHT-MISSING");
	}

	@Test
	void whenTheRulesCannotRunTheWriteIsStoredWithAWarning() {
		Object unreadable = new UnreadableObservation("demo-eligible-weight");
		server.registerInterceptor(unreadable);
		FhirHttp.Response created;
		Bundle response;
		try {
			created = http.send("POST", "/fhir/MedicationAdministration", encode(administration("demo-eligible", 1.0e8)), PREFER_OUTCOME);
			Bundle transaction = transaction();
			add(transaction, "urn:uuid:" + UUID.randomUUID(), administration("demo-eligible", 1.0e8));
			add(transaction, "urn:uuid:" + UUID.randomUUID(), weight("Patient/demo-eligible", GIVEN_AT, 55));
			response = post(transaction);
		} finally {
			server.unregisterInterceptor(unreadable);
		}
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(warnings(created.outcome())).singleElement().asString()
				.startsWith(AdministrationRules.COULD_NOT_RUN + "incident ").doesNotContain("test: the record cannot be read");
		assertThat(ruleIds(locationOf(created))).isEmpty();

		Bundle.BundleEntryResponseComponent given = response.getEntry().get(0).getResponse();
		assertThat(given.getStatus()).startsWith("201");
		assertThat(warnings((OperationOutcome) given.getOutcome())).singleElement().asString().startsWith(AdministrationRules.COULD_NOT_RUN);
		assertThat(http.get("/fhir/" + versionless(given.getLocation())).status()).isEqualTo(200);
		assertThat(http.get("/fhir/" + versionless(response.getEntry().get(1).getResponse().getLocation())).status())
				.as("the rest of the transaction is committed").isEqualTo(200);
		assertThat(ruleIds(versionless(given.getLocation()))).isEmpty();
	}

	/** A test stand-in for a record that cannot be read: showing this Observation fails. */
	public static final class UnreadableObservation {
		private final String id;

		UnreadableObservation(String id) {
			this.id = id;
		}

		@Hook(Pointcut.STORAGE_PRESHOW_RESOURCES)
		public void preShow(IPreResourceShowDetails details) {
			for (int i = 0; i < details.size(); i++) {
				if (details.getResource(i) instanceof Observation o && id.equals(o.getIdElement().getIdPart())) {
					throw new InternalErrorException("test: the record cannot be read");
				}
			}
		}
	}

	/** STEMIRAC of the patient's own lot, given on 2026-11-25 (AIS of 2026-11-24 in the window). */
	private static MedicationAdministration administration(String patientId, double cells) {
		return StemiracAdministrations.administration(patientId, "2026-11-25T10:00:00+09:00", cells);
	}

	private static MedicationAdministration ordinary(String patient) {
		return new MedicationAdministration()
				.setStatus(MedicationAdministration.MedicationAdministrationStatus.COMPLETED)
				.setMedication(aspirin())
				.setSubject(new Reference(patient))
				.setEffective(new DateTimeType(GIVEN_AT));
	}

	private static CodeableConcept aspirin() {
		return new CodeableConcept(new Coding("http://www.whocc.no/atc", "B01AC06", "aspirin"));
	}

	private static CodeableConcept stemirac() {
		return new CodeableConcept(new Coding(FhirCodes.PRODUCT_SYSTEM, FhirCodes.PRODUCT_CODE, null));
	}

	/** A STEMIRAC lot made from the patient's cells. */
	private static Medication lot(String patient) {
		Medication lot = new Medication().setCode(stemirac());
		lot.addExtension(FhirCodes.AUTOLOGOUS_SOURCE_EXTENSION, new Reference(patient));
		return lot;
	}

	private static Observation weight(String patient, String at, double kg) {
		Observation weight = new Observation().setStatus(Observation.ObservationStatus.FINAL)
				.setCode(new CodeableConcept(new Coding(FhirCodes.LOINC, FhirCodes.BODY_WEIGHT, null)))
				.setSubject(new Reference(patient))
				.setEffective(new DateTimeType(at));
		weight.setValue(new Quantity().setValue(kg).setSystem("http://unitsofmeasure.org").setCode("kg"));
		return weight;
	}

	private static Observation ais(String patient, String grade) {
		Observation ais = new Observation().setStatus(Observation.ObservationStatus.FINAL)
				.setCode(new CodeableConcept(new Coding(FhirCodes.LOINC, FhirCodes.AIS, null)))
				.setSubject(new Reference(patient))
				.setEffective(new DateTimeType("2026-11-24T09:00:00+09:00"));
		ais.setValue(new CodeableConcept(new Coding(FhirCodes.AIS_GRADE_SYSTEM, grade, null)));
		return ais;
	}

	private static Bundle transaction() {
		return new Bundle().setType(Bundle.BundleType.TRANSACTION);
	}

	private static void add(Bundle transaction, String fullUrl, Resource resource) {
		transaction.addEntry().setFullUrl(fullUrl).setResource(resource)
				.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl(resource.fhirType());
	}

	private Bundle post(Bundle transaction) {
		FhirHttp.Response response = http.post("/fhir", FhirHttp.R4.newJsonParser().encodeResourceToString(transaction));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.resource(Bundle.class);
	}

	private static List<OperationOutcome.OperationOutcomeIssueComponent> issuesOf(Bundle.BundleEntryResponseComponent response) {
		return response.getOutcome() instanceof OperationOutcome outcome
				? outcome.getIssue().stream().filter(AdministrationRulesIT::isFinding).toList()
				: List.of();
	}

	private static List<String> codes(OperationOutcome outcome) {
		return outcome.getIssue().stream().filter(AdministrationRulesIT::isFinding).map(i -> i.getDetails().getCodingFirstRep().getCode()).toList();
	}

	private static boolean isFinding(OperationOutcome.OperationOutcomeIssueComponent issue) {
		return FhirCodes.RULE_SYSTEM.equals(issue.getDetails().getCodingFirstRep().getSystem());
	}

	private static List<String> warnings(OperationOutcome outcome) {
		List<String> texts = new ArrayList<>();
		outcome.getIssue().stream()
				.filter(i -> i.getSeverity() == OperationOutcome.IssueSeverity.WARNING && !isFinding(i))
				.forEach(i -> texts.add(i.getDiagnostics()));
		return texts;
	}

	/** "MedicationAdministration/{id}" of a create answered with an OperationOutcome. */
	private static String locationOf(FhirHttp.Response created) {
		return "MedicationAdministration/" + created.body().replaceAll("(?s).*MedicationAdministration/([^/\"]+)/_history.*", "$1");
	}

	private static String versionless(String location) {
		return new org.hl7.fhir.r4.model.IdType(location).toUnqualifiedVersionless().getValue();
	}

	private List<DetectedIssue> detectedIssues(String administration) {
		return http.get("/fhir/DetectedIssue?implicated=" + administration).resource(Bundle.class).getEntry().stream()
				.map(e -> (DetectedIssue) e.getResource()).toList();
	}

	private List<String> ruleIds(String administration) {
		return detectedIssues(administration).stream().map(i -> i.getCode().getCodingFirstRep().getCode()).toList();
	}

	private static String encode(Resource resource) {
		return FhirHttp.R4.newJsonParser().encodeResourceToString(resource);
	}
}
