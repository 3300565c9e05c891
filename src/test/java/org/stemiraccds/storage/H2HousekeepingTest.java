package org.stemiraccds.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.util.unit.DataSize;

/** H2Housekeeping rewrites the sparse chunks H2 leaves when it writes every commit, and only then. */
class H2HousekeepingTest {
	private static final int ROWS = 4000;
	private static final int HOT_TABLES = 4;
	private static final H2Settings BY_HAND = new H2Settings(Duration.ZERO, 80, DataSize.ofMegabytes(4));

	@TempDir
	Path dir;

	@Test
	void commitsWrittenAtOnceLeaveSparseChunksThatAreRewritten() throws SQLException {
		// RETENTION_TIME=0: chunks may be rewritten at once (H2 waits 45 s by default)
		SingleConnectionDataSource dataSource = h2File("WRITE_DELAY=0;RETENTION_TIME=0");
		try {
			writeManySmallTransactions(dataSource);
			int before = chunksFillRate(dataSource);
			assertThat(before).as("chunk fill rate after many one-row commits").isLessThan(80);
			H2Housekeeping housekeeping = new H2Housekeeping(dataSource, BY_HAND);
			boolean rewritten = false;
			for (int run = 0; run < 20 && housekeeping.compact(); run++) rewritten = true;
			assertThat(rewritten).isTrue();
			assertThat(chunksFillRate(dataSource)).isGreaterThan(before);
			assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM t", Integer.class)).isEqualTo(ROWS);
		} finally {
			dataSource.destroy();
		}
	}

	@Test
	void nothingIsDoneWhenH2RunsItsOwnWriter() throws SQLException {
		SingleConnectionDataSource dataSource = h2File("WRITE_DELAY=500;RETENTION_TIME=0");
		try {
			writeManySmallTransactions(dataSource);
			assertThat(new H2Housekeeping(dataSource, BY_HAND).compact()).isFalse();
		} finally {
			dataSource.destroy();
		}
	}

	@Test
	void nothingIsDoneInMemory() throws SQLException {
		SingleConnectionDataSource dataSource = new SingleConnectionDataSource("jdbc:h2:mem:housekeeping;WRITE_DELAY=0", "sa", "", true);
		try {
			new JdbcTemplate(dataSource).execute("CREATE TABLE t (id INT PRIMARY KEY)");
			assertThat(new H2Housekeeping(dataSource, BY_HAND).compact()).isFalse();
		} finally {
			dataSource.destroy();
		}
	}

	private SingleConnectionDataSource h2File(String settings) {
		return new SingleConnectionDataSource("jdbc:h2:file:" + dir.resolve("db") + ";" + settings, "sa", "", true);
	}

	/**
	 * 4000 transactions, each adding a row at a random place in one table and rewriting a row of four others (as a
	 * FHIR write adds index rows and updates counters): each commit's chunk soon holds little live data but the row.
	 */
	private static void writeManySmallTransactions(DataSource dataSource) throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE t (id INT PRIMARY KEY, body VARCHAR(400))");
			for (int hot = 0; hot < HOT_TABLES; hot++) {
				statement.execute("CREATE TABLE hot" + hot + " (id INT PRIMARY KEY, body VARCHAR(4000))");
				statement.execute("INSERT INTO hot" + hot + " VALUES (1, '')");
			}
			connection.setAutoCommit(false);
			List<Integer> ids = new ArrayList<>(IntStream.range(0, ROWS).boxed().toList());
			Collections.shuffle(ids, new Random(7));
			for (int id : ids) {
				statement.execute("INSERT INTO t VALUES (" + id + ", '" + "x".repeat(300) + "')");
				for (int hot = 0; hot < HOT_TABLES; hot++) {
					statement.execute("UPDATE hot" + hot + " SET body = '" + id + "x".repeat(3000) + "'");
				}
				connection.commit();
			}
			connection.setAutoCommit(true);
		}
	}

	private static int chunksFillRate(DataSource dataSource) throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			MVStore store = ((SessionLocal) connection.unwrap(JdbcConnection.class).getSession()).getDatabase().getStore()
					.getMvStore();
			return store.getFileStore().getChunksFillRate();
		}
	}
}
