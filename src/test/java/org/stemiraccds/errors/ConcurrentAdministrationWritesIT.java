package org.stemiraccds.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stemiraccds.cds.facts.FhirCodes;
import org.stemiraccds.conformance.ConformanceResources;
import org.stemiraccds.fhir.FhirHttp;
import org.stemiraccds.fhir.ServerTestBase;

/**
 * STEMIRAC administrations written with their profile (a tag HAPI shares between transactions) while the
 * administration rules read the patient's record inside each write's transaction: every write is stored
 * with its findings, sequentially and from many threads at once — never a 5xx, never "could not run".
 */
class ConcurrentAdministrationWritesIT extends ServerTestBase {
	private static final Map<String, String> PREFER_OUTCOME = Map.of("Prefer", "return=OperationOutcome");
	private static final String COULD_NOT_RUN = "The guideline checks could not run";
	private static final int THREADS = 8;
	private static final int WRITES_PER_THREAD = 3;

	@BeforeEach
	void patients() {
		loadDemoBundle();
		for (String patient : List.of("writes-sequential", "writes-concurrent")) {
			assertThat(http.put("/fhir/Patient/" + patient, encode(new Patient().setId(patient))).status()).isBetween(200, 201);
			Medication lot = new Medication().setCode(new CodeableConcept(new Coding(FhirCodes.PRODUCT_SYSTEM, FhirCodes.PRODUCT_CODE, null)));
			lot.addExtension(FhirCodes.AUTOLOGOUS_SOURCE_EXTENSION, new Reference("Patient/" + patient));
			lot.setId(patient + "-lot");
			assertThat(http.put("/fhir/Medication/" + patient + "-lot", encode(lot)).status()).isBetween(200, 201);
		}
	}

	@Test
	void aSecondProfiledAdministrationOfOnePatientRunsItsRules() {
		for (int i = 0; i < 2; i++) {
			FhirHttp.Response written = write("writes-sequential");
			assertThat(written.status()).as(written.body()).isEqualTo(201);
			assertThat(written.body()).doesNotContain(COULD_NOT_RUN).contains("business-rule");
		}
	}

	@Test
	void administrationsWrittenFromManyThreadsAreAllStoredWithTheirFindings() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(THREADS);
		try {
			List<Callable<FhirHttp.Response>> writes = new ArrayList<>();
			for (int i = 0; i < THREADS * WRITES_PER_THREAD; i++) writes.add(() -> write("writes-concurrent"));
			for (Future<FhirHttp.Response> future : pool.invokeAll(writes)) {
				FhirHttp.Response written = get(future);
				assertThat(written.status()).as(written.body()).isEqualTo(201);
				assertThat(written.body()).doesNotContain(COULD_NOT_RUN).contains("business-rule");
			}
		} finally {
			pool.shutdownNow();
		}
		FhirHttp.Response stored = http.get("/fhir/MedicationAdministration?subject=Patient/writes-concurrent&_summary=count");
		assertThat(stored.body()).contains("\"total\":" + THREADS * WRITES_PER_THREAD);
	}

	private FhirHttp.Response write(String patient) {
		return http.send("POST", "/fhir/MedicationAdministration", encode(administration(patient)), PREFER_OUTCOME);
	}

	private static FhirHttp.Response get(Future<FhirHttp.Response> future) throws InterruptedException {
		try {
			return future.get();
		} catch (ExecutionException e) {
			throw new IllegalStateException(e.getCause());
		}
	}

	/** STEMIRAC of the patient's own lot, with the profile (the tag HAPI caches between transactions). */
	private static MedicationAdministration administration(String patient) {
		MedicationAdministration given = new MedicationAdministration();
		given.getMeta().addProfile(ConformanceResources.PROFILE_BASE + "stemirac-medication-administration");
		given.setStatus(MedicationAdministration.MedicationAdministrationStatus.COMPLETED);
		given.setMedication(new Reference("Medication/" + patient + "-lot"));
		given.setSubject(new Reference("Patient/" + patient));
		given.setEffective(new DateTimeType("2026-11-25T10:00:00+09:00"));
		given.addPerformer().setActor(new Reference("PractitionerRole/demo-role"));
		given.getDosage()
				.setRoute(new CodeableConcept(new Coding("http://snomed.info/sct", "47625008", "Intravenous route")))
				.setDose(new Quantity().setValue(1.0e8).setUnit("cells").setSystem("http://unitsofmeasure.org").setCode("{cells}"))
				.setRate(new Quantity().setValue(0.8).setUnit("mL/min").setSystem("http://unitsofmeasure.org").setCode("mL/min"));
		given.getDosage().addExtension(ConformanceResources.PROFILE_BASE + "dilution-factor", new DecimalType(3));
		return given;
	}

	private static String encode(Resource resource) {
		return FhirHttp.R4.newJsonParser().encodeResourceToString(resource);
	}
}
