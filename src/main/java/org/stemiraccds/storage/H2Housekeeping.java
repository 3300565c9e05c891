package org.stemiraccds.storage;

import jakarta.annotation.PreDestroy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.engine.Session;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Housekeeping of the embedded H2 file database while it writes every commit at once (WRITE_DELAY=0, the default URL
 * in application.yaml, so that an acknowledged write survives a killed process). With WRITE_DELAY=0 H2 runs no
 * background writer, and that thread is also the one that rewrites the sparse chunks of its file (H2 issue #442):
 * every commit then leaves a chunk in which a few pages stay live, and the file grew by about 280 kB per
 * transaction (2.1 GB after 7,500 transactions; docs/decisions.md). This does what that thread would: every
 * stemirac.h2.housekeeping-interval, while the chunks hold less live data than compact-fill-rate, it rewrites the
 * live pages of the sparsest chunks (MVStore.compact, at most compact-bytes) and stores them, so that the space of
 * those chunks is reused. Nothing happens on PostgreSQL, on an in-memory H2, or when H2 runs its own writer (a URL
 * with WRITE_DELAY above 0).
 */
@Component
class H2Housekeeping {
	private static final Logger LOG = LoggerFactory.getLogger(H2Housekeeping.class);

	private final DataSource dataSource;
	private final H2Settings settings;
	private final ScheduledExecutorService scheduler;

	H2Housekeeping(DataSource dataSource, H2Settings settings) {
		this.dataSource = dataSource;
		this.settings = settings;
		this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
			Thread thread = new Thread(task, "h2-housekeeping");
			thread.setDaemon(true);
			return thread;
		});
		long interval = settings.housekeepingInterval().toMillis();
		if (interval > 0) scheduler.scheduleWithFixedDelay(this::compactSafely, interval, interval, TimeUnit.MILLISECONDS);
	}

	private void compactSafely() {
		try {
			compact();
		} catch (SQLException | RuntimeException failed) {
			// a database that is closing, or busy: the next run tries again
			LOG.debug("H2 housekeeping skipped", failed);
		}
	}

	/** Rewrites the sparsest chunks when the file's fill rate is below the setting; true when it rewrote any. */
	boolean compact() throws SQLException {
		MVStore store = writtenAtEachCommit();
		if (store == null) return false;
		boolean rewritten = store.compact(settings.compactFillRate(), (int) settings.compactBytes().toBytes());
		// the rewritten pages are stored now, not with the next transaction's commit (which would wait for them)
		if (rewritten) store.commit();
		return rewritten;
	}

	/** The store of the H2 file database when H2 runs no background writer (WRITE_DELAY=0), else null. */
	private MVStore writtenAtEachCommit() throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			if (!connection.isWrapperFor(JdbcConnection.class)) return null;
			Session session = connection.unwrap(JdbcConnection.class).getSession();
			if (!(session instanceof SessionLocal local) || !local.getDatabase().isPersistent()) return null;
			MVStore store = local.getDatabase().getStore().getMvStore();
			return !store.isClosed() && store.getAutoCommitDelay() == 0 ? store : null;
		}
	}

	/** Lets a run in progress finish: an interrupt would make H2 close its file channel mid-write. */
	@PreDestroy
	void stop() throws InterruptedException {
		scheduler.shutdown();
		scheduler.awaitTermination(30, TimeUnit.SECONDS);
	}
}
