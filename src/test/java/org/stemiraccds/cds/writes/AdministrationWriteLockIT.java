package org.stemiraccds.cds.writes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stemiraccds.cds.writes.StemiracAdministrations.COULD_NOT_RUN;
import static org.stemiraccds.cds.writes.StemiracAdministrations.REPEAT_DOSE;
import static org.stemiraccds.cds.writes.StemiracAdministrations.ruleIds;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.stemiraccds.fhir.FhirHttp;
import org.stemiraccds.fhir.ServerTestBase;

/**
 * STEMIRAC administrations of one patient written at the same moment take turns ({@link PatientWriteLock}): each
 * write reads the administrations written before it, so all but the first written are flagged SAF-REPEAT-DOSE,
 * round after round, whatever order they were given in. Writes for other patients do not wait; a write that cannot
 * have its patient's lock in time is refused with 409 and nothing of it is stored.
 */
class AdministrationWriteLockIT extends ServerTestBase {
	private static final int WRITERS = 8;
	private static final int ROUNDS = 3;

	@Autowired
	PatientWriteLock lock;
	@Autowired
	PlatformTransactionManager transactionManager;
	@Autowired
	AdministrationWriteSettings settings;

	private StemiracAdministrations records;

	@BeforeEach
	void demo() {
		loadDemoBundle();
		records = new StemiracAdministrations(http);
	}

	@Test
	void ofAdministrationsOfOnePatientWrittenAtOnceAllButTheFirstWrittenAreFlaggedAsRepeatDoses() throws Exception {
		for (int round = 0; round < ROUNDS; round++) records.assertWrittenAtOnceTakeTurns(records.newPatient("turns"), WRITERS);
	}

	@Test
	void aWriteForAnotherPatientGoesAheadWhileOnePatientIsLockedAndOneForThatPatientIsRefusedWhenItCannotWait()
			throws Exception {
		String locked = records.newPatient("locked");
		String other = records.newPatient("other");
		try (HeldLock held = hold(locked)) {
			FhirHttp.Response ahead = records.write(other, "2026-11-25T10:00:00+09:00");
			assertThat(ahead.status()).as(ahead.body()).isEqualTo(201);
			assertThat(ahead.body()).doesNotContain(COULD_NOT_RUN).contains("business-rule");
			assertThat(held.stillHeld()).as("the other patient's write did not wait for this lock").isTrue();

			long started = System.nanoTime();
			FhirHttp.Response refused = records.write(locked, "2026-11-25T10:00:00+09:00");
			assertThat(refused.status()).as(refused.body()).isEqualTo(409);
			assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isGreaterThanOrEqualTo(settings.lockTimeout().toMillis());
			assertThat(refused.diagnostics()).contains(PatientWriteLock.BUSY).doesNotContain("Exception", "org.hibernate", "jakarta.");
			assertThat(held.stillHeld()).isTrue();
		}
		assertThat(http.get("/fhir/MedicationAdministration?subject=Patient/" + locked + "&_summary=count").body())
				.as("nothing of the refused write is stored").contains("\"total\":0");
		FhirHttp.Response afterwards = records.write(locked, "2026-11-25T10:00:00+09:00");
		assertThat(afterwards.status()).as(afterwards.body()).isEqualTo(201);
		assertThat(ruleIds(afterwards.outcome())).doesNotContain(REPEAT_DOSE);
	}

	@Test
	void transactionsWritingTwoPatientsAdministrationsInOppositeOrdersTakeTurnsWithoutDeadlock() throws Exception {
		records.assertOppositeTransactionsTakeTurns(4);
	}

	/** The patient's lock, held by a transaction of another thread until closed. */
	private HeldLock hold(String patient) throws InterruptedException {
		CountDownLatch taken = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		ExecutorService thread = Executors.newSingleThreadExecutor();
		Future<?> holding = thread.submit(() -> new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
			lock.lock(new TreeSet<>(Set.of(patient)));
			taken.countDown();
			await(release);
		}));
		assertThat(taken.await(30, TimeUnit.SECONDS)).as("lock taken").isTrue();
		return new HeldLock(holding, release, thread);
	}

	private record HeldLock(Future<?> holding, CountDownLatch release, ExecutorService thread) implements AutoCloseable {
		boolean stillHeld() {
			return !holding.isDone();
		}

		@Override
		public void close() throws Exception {
			release.countDown();
			holding.get(30, TimeUnit.SECONDS);
			thread.shutdown();
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			if (!latch.await(120, TimeUnit.SECONDS)) throw new IllegalStateException("never released");
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}
