package org.stemiraccds.cds.writes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.stemiraccds.cds.facts.FhirCodes;
import org.stemiraccds.conformance.ConformanceResources;
import org.stemiraccds.fhir.FhirHttp;

/**
 * Patients with a STEMIRAC lot made from their own cells, and profiled STEMIRAC administrations of it written
 * through /fhir, one at a time or many at once (the performer is the demo bundle's PractitionerRole/demo-role:
 * load the demo first). Works against any running server: the Spring test server and the PostgreSQL one.
 */
public final class StemiracAdministrations {
	public static final Map<String, String> PREFER_OUTCOME = Map.of("Prefer", "return=OperationOutcome");
	public static final String REPEAT_DOSE = "SAF-REPEAT-DOSE";
	public static final String COULD_NOT_RUN = "The guideline checks could not run";

	private final FhirHttp http;

	public StemiracAdministrations(FhirHttp http) {
		this.http = http;
	}

	/** A new patient, "prefix-" and a random part, with a lot "Medication/{id}-lot" made from them. */
	public String newPatient(String prefix) {
		String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
		patient(id);
		return id;
	}

	/** Stores (or keeps) Patient/{id} and its lot Medication/{id}-lot. */
	public void patient(String id) {
		assertThat(http.put("/fhir/Patient/" + id, encode(new Patient().setId(id))).status()).isBetween(200, 201);
		Medication lot = new Medication().setCode(new CodeableConcept(new Coding(FhirCodes.PRODUCT_SYSTEM, FhirCodes.PRODUCT_CODE, null)));
		lot.addExtension(FhirCodes.AUTOLOGOUS_SOURCE_EXTENSION, new Reference("Patient/" + id));
		lot.setId(id + "-lot");
		assertThat(http.put("/fhir/Medication/" + id + "-lot", encode(lot)).status()).isBetween(200, 201);
	}

	/** POSTs an administration; the answer is the write's OperationOutcome. */
	public FhirHttp.Response write(String patient, String givenAt) {
		return http.send("POST", "/fhir/MedicationAdministration", encode(administration(patient, givenAt)), PREFER_OUTCOME);
	}

	/** STEMIRAC of the patient's own lot, with the profile, 1.0×10⁸ cells at 0.8 mL/min diluted 3-fold. */
	public static MedicationAdministration administration(String patient, String givenAt) {
		return administration(patient, givenAt, 1.0e8);
	}

	/** STEMIRAC of the patient's own lot, with the profile, this many cells at 0.8 mL/min diluted 3-fold. */
	public static MedicationAdministration administration(String patient, String givenAt, double cells) {
		MedicationAdministration given = new MedicationAdministration();
		given.getMeta().addProfile(ConformanceResources.PROFILE_BASE + "stemirac-medication-administration");
		given.setStatus(MedicationAdministration.MedicationAdministrationStatus.COMPLETED);
		given.setMedication(new Reference("Medication/" + patient + "-lot"));
		given.setSubject(new Reference("Patient/" + patient));
		given.setEffective(new DateTimeType(givenAt));
		given.addPerformer().setActor(new Reference("PractitionerRole/demo-role"));
		given.getDosage()
				.setRoute(new CodeableConcept(new Coding("http://snomed.info/sct", "47625008", "Intravenous route")))
				.setDose(new Quantity().setValue(cells).setUnit("cells").setSystem("http://unitsofmeasure.org").setCode("{cells}"))
				.setRate(new Quantity().setValue(0.8).setUnit("mL/min").setSystem("http://unitsofmeasure.org").setCode("mL/min"));
		given.getDosage().addExtension(ConformanceResources.PROFILE_BASE + "dilution-factor", new DecimalType(3));
		return given;
	}

	/**
	 * Writes this many administrations of the patient at once (given an hour apart, the first of the list given
	 * last) and checks that they took turns: all stored with their findings; all but one flagged SAF-REPEAT-DOSE; the
	 * k-th written saw the k-1 before it, so its finding implicates k administrations, each finding those of the one
	 * before and its own, the last all of them, and the one not flagged (the first written) is in every one.
	 */
	public void assertWrittenAtOnceTakeTurns(String patient, int writers) throws InterruptedException {
		List<Callable<FhirHttp.Response>> writes = new ArrayList<>();
		for (int i = 0; i < writers; i++) {
			String givenAt = String.format("2026-11-25T%02d:00:00+09:00", 10 + writers - i);
			writes.add(() -> write(patient, givenAt));
		}
		List<String> administrations = new ArrayList<>();
		List<String> unflagged = new ArrayList<>();
		for (FhirHttp.Response written : atOnce(writes)) {
			assertThat(written.status()).as(written.body()).isEqualTo(201);
			assertThat(written.body()).doesNotContain(COULD_NOT_RUN);
			administrations.add(createdId(written));
			if (!ruleIds(written.outcome()).contains(REPEAT_DOSE)) unflagged.add(createdId(written));
		}
		assertThat(unflagged).as("only the first written is no repeat").hasSize(1);

		List<DetectedIssue> issues = repeatDoses(patient);
		assertThat(issues).allMatch(issue -> issue.getSeverity() == DetectedIssue.DetectedIssueSeverity.HIGH);
		List<Set<String>> seen = issues.stream().map(StemiracAdministrations::implicatedAdministrations)
				.sorted(Comparator.comparing(Set::size))
				.toList();
		assertThat(seen).extracting(Set::size).containsExactlyElementsOf(IntStream.rangeClosed(2, writers).boxed().toList());
		for (int k = 1; k < seen.size(); k++) assertThat(seen.get(k)).containsAll(seen.get(k - 1));
		assertThat(seen.get(seen.size() - 1)).containsExactlyInAnyOrderElementsOf(administrations);
		assertThat(seen).allMatch(administrationsSeen -> administrationsSeen.contains(unflagged.get(0)));
	}

	/**
	 * Posts this many transactions at once, each with an administration of patient A and one of patient B, half of
	 * them A first and half B first: all are stored (their locks are taken in one order, so none deadlocks), and
	 * every transaction but the first written sees the first's administrations of both.
	 */
	public void assertOppositeTransactionsTakeTurns(int transactions) throws InterruptedException {
		String first = newPatient("pair-a");
		String second = newPatient("pair-b");
		List<Callable<FhirHttp.Response>> posts = new ArrayList<>();
		for (int i = 0; i < transactions; i++) {
			List<String> order = i % 2 == 0 ? List.of(first, second) : List.of(second, first);
			posts.add(() -> http.post("/fhir", encode(transaction(order))));
		}
		for (FhirHttp.Response response : atOnce(posts)) {
			assertThat(response.status()).as(response.body()).isEqualTo(200);
			assertThat(response.resource(Bundle.class).getEntry()).extracting(e -> e.getResponse().getStatus())
					.allMatch(status -> status.startsWith("201"));
		}
		assertThat(repeatDoses(first)).as("all but the first transaction's").hasSize(transactions - 1);
		assertThat(repeatDoses(second)).as("all but the first transaction's").hasSize(transactions - 1);
	}

	private static Bundle transaction(List<String> patients) {
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		for (String patient : patients) {
			transaction.addEntry().setResource(administration(patient, "2026-11-25T10:00:00+09:00"))
					.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("MedicationAdministration");
		}
		return transaction;
	}

	private static Set<String> implicatedAdministrations(DetectedIssue issue) {
		return issue.getImplicated().stream().map(Reference::getReference)
				.filter(reference -> reference.startsWith("MedicationAdministration/"))
				.collect(Collectors.toCollection(TreeSet::new));
	}

	/** Runs the calls on threads of their own, released together; their answers in the order given. */
	public static <T> List<T> atOnce(List<Callable<T>> calls) throws InterruptedException {
		ExecutorService pool = Executors.newFixedThreadPool(calls.size());
		CyclicBarrier start = new CyclicBarrier(calls.size());
		try {
			List<Callable<T>> released = calls.stream().<Callable<T>>map(call -> () -> {
				start.await();
				return call.call();
			}).toList();
			List<T> results = new ArrayList<>();
			for (Future<T> future : pool.invokeAll(released)) {
				try {
					results.add(future.get());
				} catch (ExecutionException e) {
					throw new IllegalStateException(e.getCause());
				}
			}
			return results;
		} finally {
			pool.shutdownNow();
		}
	}

	/** The rule ids of an OperationOutcome's issues. */
	public static List<String> ruleIds(OperationOutcome outcome) {
		return outcome.getIssue().stream().map(issue -> issue.getDetails().getCodingFirstRep().getCode()).toList();
	}

	/** The patient's stored SAF-REPEAT-DOSE DetectedIssues. */
	private List<DetectedIssue> repeatDoses(String patient) {
		Bundle found = http.get("/fhir/DetectedIssue?patient=Patient/" + patient + "&code=" + FhirCodes.RULE_SYSTEM + "|"
				+ REPEAT_DOSE + "&_count=200").resource(Bundle.class);
		return found.getEntry().stream().map(e -> (DetectedIssue) e.getResource()).toList();
	}

	/** "MedicationAdministration/id" of a create answered with its OperationOutcome (HAPI names it in the diagnostics). */
	public static String createdId(FhirHttp.Response created) {
		String id = created.body().replaceAll("(?s).*\"(MedicationAdministration/[^/\"]+)/_history/.*", "$1");
		assertThat(id).as(created.body()).startsWith("MedicationAdministration/");
		return id;
	}

	public static String encode(Resource resource) {
		return FhirHttp.R4.newJsonParser().encodeResourceToString(resource);
	}
}
