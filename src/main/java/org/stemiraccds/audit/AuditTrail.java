package org.stemiraccds.audit;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditEventSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.hl7.fhir.r4.model.AuditEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Where every AuditEvent goes: a bounded queue in front of the AuditEvent DAO, emptied by one background
 * thread. {@link #recordAuditEvent} only offers to the queue, so the request that caused the event never
 * waits for the database and never sees its failure. Only when the queue is full does the request wait, at most
 * the full-queue wait: under load the writer cannot keep up with, requests slow down to its pace rather than
 * the trail losing events. Past that wait the event is dropped; a failing write loses it; both are logged and
 * counted ({@link #dropped()}, {@link #failed()}). The writes run as a
 * SystemRequestDetails, which carries none of the FHIR endpoint's interceptors, so storing an AuditEvent is
 * itself never audited (no loop).
 * <p>
 * What has queued up while the writer was busy is stored together, up to the batch size, in one database
 * transaction ({@link BatchStore}): a transaction bundle ingested through FHIR queues one event per resource,
 * and storing each in a transaction of its own cost about as much CPU as the ingest itself. A batch that
 * fails is stored again event by event, so one refused event never loses the others.
 */
public class AuditTrail implements IBalpAuditEventSink, SmartLifecycle {
	private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);
	/** The first failures are logged each, then one in this many: a full queue or a broken database would flood the log. */
	private static final long LOG_EVERY = 1000;
	private static final long LOG_FIRST = 20;

	/** Stores several events at once, all or none (one database transaction). */
	@FunctionalInterface
	public interface BatchStore {
		void storeAll(List<AuditEvent> events);
	}

	private final IFhirResourceDao<AuditEvent> dao;
	private final BatchStore batchStore;
	private final int batchSize;
	/** Whether a reference ("Patient/123") names a resource this server has (see {@link MissingReferences}). */
	private final Predicate<String> exists;
	private final BlockingQueue<AuditEvent> queue;
	private final Duration shutdownDrain;
	private final long fullQueueWaitNanos;
	private final AtomicLong accepted = new AtomicLong();
	private final AtomicLong written = new AtomicLong();
	private final AtomicLong dropped = new AtomicLong();
	private final AtomicLong failed = new AtomicLong();
	private volatile Thread writer;

	/** Every event in a transaction of its own. */
	public AuditTrail(IFhirResourceDao<AuditEvent> dao, Predicate<String> exists, int capacity, Duration shutdownDrain) {
		this(dao, exists, capacity, shutdownDrain, Duration.ZERO, null, 1);
	}

	/**
	 * Up to batchSize queued events stored at once by batchStore (batchSize 1: each alone, through the DAO); a request
	 * whose event finds the queue full waits up to fullQueueWait for room.
	 */
	public AuditTrail(IFhirResourceDao<AuditEvent> dao, Predicate<String> exists, int capacity, Duration shutdownDrain,
			Duration fullQueueWait, BatchStore batchStore, int batchSize) {
		if (batchSize < 1) throw new IllegalArgumentException("stemirac.audit.write-batch-size must be at least 1: " + batchSize);
		this.dao = dao;
		this.batchStore = batchStore;
		this.batchSize = batchStore == null ? 1 : batchSize;
		this.exists = exists;
		this.queue = new ArrayBlockingQueue<>(capacity);
		this.shutdownDrain = shutdownDrain;
		this.fullQueueWaitNanos = fullQueueWait.toNanos();
	}

	/** Queues the event, waiting at most the full-queue wait for room; never throws. */
	@Override
	public void recordAuditEvent(AuditEvent event) {
		try {
			if (queue.offer(event, fullQueueWaitNanos, TimeUnit.NANOSECONDS)) {
				accepted.incrementAndGet();
				return;
			}
			long count = dropped.incrementAndGet();
			if (worthLogging(count)) log.warn("Audit queue full: AuditEvent dropped ({} dropped so far)", count);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			dropped.incrementAndGet();
			log.warn("AuditEvent not queued: the request was interrupted while the queue was full");
		} catch (RuntimeException e) {
			dropped.incrementAndGet();
			log.warn("AuditEvent not queued: {}", e.toString());
		}
	}

	@Override
	public void start() {
		Thread thread = new Thread(this::writeUntilStopped, "audit-trail-writer");
		thread.setDaemon(true);
		writer = thread;
		thread.start();
	}

	/** Stops taking new work and stores what is queued, for at most the shutdown drain time. */
	@Override
	public void stop() {
		Thread thread = writer;
		writer = null;
		if (thread == null) return;
		// no interrupt: it would break a write in progress (H2 closes its file channel on interrupt)
		try {
			thread.join(shutdownDrain.toMillis());
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		long deadline = System.nanoTime() + shutdownDrain.toNanos();
		List<AuditEvent> batch = new ArrayList<>(batchSize);
		while (System.nanoTime() < deadline && queue.drainTo(batch, batchSize) > 0) {
			write(batch);
			batch.clear();
		}
		if (!queue.isEmpty()) log.warn("{} AuditEvents still queued at shutdown were not stored", queue.size());
	}

	@Override
	public boolean isRunning() {
		return writer != null;
	}

	/** Stop after the web server stopped taking requests, before the database goes. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 1;
	}

	private void writeUntilStopped() {
		List<AuditEvent> batch = new ArrayList<>(batchSize);
		while (writer == Thread.currentThread()) {
			try {
				AuditEvent event = queue.poll(200, TimeUnit.MILLISECONDS);
				if (event == null) continue;
				batch.add(event);
				queue.drainTo(batch, batchSize - 1);
				write(batch);
				batch.clear();
			} catch (InterruptedException e) {
				return;
			}
		}
	}

	/** Several events in one transaction; if that fails, each alone (the refused one unlinked or counted). */
	private void write(List<AuditEvent> batch) {
		if (batch.size() > 1) {
			try {
				batchStore.storeAll(batch);
				written.addAndGet(batch.size());
				return;
			} catch (RuntimeException e) {
				log.debug("AuditEvent batch of {} not stored, storing each alone: {}", batch.size(), e.toString());
			}
		}
		batch.forEach(this::write);
	}

	private void write(AuditEvent event) {
		try {
			create(event);
			written.incrementAndGet();
		} catch (RuntimeException e) {
			long count = failed.incrementAndGet();
			if (worthLogging(count)) log.warn("AuditEvent not stored ({} failed so far): {}", count, e.getMessage());
		}
	}

	/** A reference the server refuses (a deleted or unknown resource) is kept as an identifier, and the write retried. */
	private void create(AuditEvent event) {
		try {
			store(event);
		} catch (InvalidRequestException | ResourceNotFoundException refused) {
			if (!MissingReferences.unlink(event, exists)) throw refused;
			store(event);
		}
	}

	/** One event alone: a batch of one when there is a batch store (stored the same way), else the DAO's create. */
	private void store(AuditEvent event) {
		if (batchStore == null) dao.create(event, new SystemRequestDetails());
		else batchStore.storeAll(List.of(event));
	}

	/**
	 * Waits until every event queued so far is stored (or has failed), at most the timeout; true if so. For
	 * tests that count stored resources, which must not see an event land halfway through.
	 */
	public boolean awaitIdle(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (written.get() + failed.get() < accepted.get()) {
			if (System.nanoTime() > deadline) return false;
			LockSupport.parkNanos(1_000_000);
		}
		return true;
	}

	private static boolean worthLogging(long count) {
		return count <= LOG_FIRST || count % LOG_EVERY == 0;
	}

	public long written() {
		return written.get();
	}

	public long dropped() {
		return dropped.get();
	}

	public long failed() {
		return failed.get();
	}

	public int queued() {
		return queue.size();
	}
}
