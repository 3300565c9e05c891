package org.stemiraccds.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stemiraccds.cds.writes.StemiracAdministrations;
import org.stemiraccds.fhir.FhirHttp;
import org.stemiraccds.fhir.ServerTestBase;

/**
 * STEMIRAC administrations written with their profile (a tag HAPI shares between transactions) while the
 * administration rules read the patient's record inside each write's transaction: every write is stored
 * with its findings, sequentially and from many threads at once — never a 5xx, never "could not run" (writes of one
 * patient take turns: AdministrationWriteLockIT).
 */
class ConcurrentAdministrationWritesIT extends ServerTestBase {
	private static final String COULD_NOT_RUN = StemiracAdministrations.COULD_NOT_RUN;
	private static final int THREADS = 8;
	private static final int WRITES_PER_THREAD = 3;

	private StemiracAdministrations records;

	@BeforeEach
	void patients() {
		loadDemoBundle();
		records = new StemiracAdministrations(http);
		records.patient("writes-sequential");
		records.patient("writes-concurrent");
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
		return records.write(patient, "2026-11-25T10:00:00+09:00");
	}

	private static FhirHttp.Response get(Future<FhirHttp.Response> future) throws InterruptedException {
		try {
			return future.get();
		} catch (ExecutionException e) {
			throw new IllegalStateException(e.getCause());
		}
	}
}
