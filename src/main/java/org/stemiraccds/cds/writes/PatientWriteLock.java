package org.stemiraccds.cds.writes;

import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PessimisticLockException;
import java.time.Duration;
import java.util.SortedSet;
import org.hibernate.Session;
import org.hibernate.dialect.Dialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.springframework.stereotype.Component;

/**
 * One STEMIRAC administration write per patient at a time, on every instance sharing the database: the write's
 * transaction locks the patient's row (HAPI's ResourceTable, table HFJ_RESOURCE) before the rules read the record,
 * and the database holds the lock until that transaction ends. A second write for the patient waits at the lock,
 * then reads a record that holds the first administration (READ COMMITTED: each statement sees what is committed),
 * so SAF-REPEAT-DOSE sees it. Writes for other patients lock other rows and do not wait.
 * <p>
 * The lock is Hibernate's pessimistic write lock taken by a query (never by upgrading a loaded entity): on
 * PostgreSQL that is {@code FOR NO KEY UPDATE}, which does not wait for the {@code FOR KEY SHARE} locks PostgreSQL
 * takes on the patient's row whenever a resource referencing the patient is inserted (the administration itself,
 * an Observation written concurrently); {@code FOR UPDATE} would, and two administrations inserted at once would
 * each wait for the other's reference (a deadlock). On H2 it is {@code FOR UPDATE} (H2 takes no lock for a
 * reference).
 * <p>
 * A write that cannot have the lock within stemirac.cds.administrations.lock-timeout (or that the database chose
 * to end a deadlock with) is refused with 409 ({@link Busy}), nothing of it stored: retrying is safe.
 */
@Component
class PatientWriteLock {
	static final String BUSY = "同じ患者の別の投与記録を書き込み中のため、この書き込みを受け付けられませんでした。再送してください"
			+ " / Another administration of this patient is being written: this write was not stored; send it again";
	/** The query of HAPI's IResourceTableDao.findByTypeAndFhirId, for the row of a Patient. */
	private static final String PATIENT_ROW =
			"SELECT t.myPid FROM ResourceTable t WHERE t.myResourceType = 'Patient' AND t.myFhirId = :fhirId";

	@PersistenceContext
	private EntityManager entityManager;
	private final Duration timeout;

	PatientWriteLock(AdministrationWriteSettings settings) {
		this.timeout = settings.lockTimeout();
	}

	/**
	 * Locks these patients' rows in the caller's transaction until it ends, in the order of their ids: two
	 * transactions that lock overlapping sets of patients (transaction bundles) take them in the same order and
	 * cannot deadlock over them. A patient not stored locks nothing. Locking a row twice costs one query.
	 */
	void lock(SortedSet<String> patientIds) {
		Session session = entityManager.unwrap(Session.class);
		LockWait lockWait = LockWait.of(dialect());
		String previous = lockWait.set(session, timeout);
		boolean locked = false;
		try {
			for (String patientId : patientIds) {
				entityManager.createQuery(PATIENT_ROW)
						.setParameter("fhirId", patientId)
						.setLockMode(LockModeType.PESSIMISTIC_WRITE)
						.getResultList();
			}
			locked = true;
		} catch (PessimisticLockException | LockTimeoutException | OptimisticLockException e) {
			throw new Busy(e);
		} finally {
			if (locked || lockWait.survivesFailure()) lockWait.restore(session, previous);
		}
	}

	private Dialect dialect() {
		return entityManager.getEntityManagerFactory().unwrap(SessionFactoryImplementor.class).getJdbcServices().getDialect();
	}

	/**
	 * 409, HAPI's answer to a write that meets another's lock (its transaction service turns every lock failure into
	 * a ResourceVersionConflictException): refused as a whole, safe to send again.
	 */
	static final class Busy extends ResourceVersionConflictException {
		Busy(RuntimeException cause) {
			super(BUSY);
			initCause(cause);
		}
	}
}
