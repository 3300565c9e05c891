package org.stemiraccds.cds.writes;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.hibernate.Session;
import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.H2Dialect;
import org.hibernate.dialect.PostgreSQLDialect;

/**
 * How long the database waits for a row lock, set for one lock and then set back. Hibernate 6.6 cannot say it in
 * the query: neither its H2 nor its PostgreSQL dialect renders a wait time ({@code FOR UPDATE WAIT n}), and both
 * databases take it from the connection instead (H2's session LOCK_TIMEOUT, 2 s unless the URL says otherwise;
 * PostgreSQL's lock_timeout, none by default, set here for the transaction only). These are the settings
 * Hibernate 7's connection lock-timeout strategies write. Other databases keep their own wait.
 */
enum LockWait {
	H2("SELECT LOCK_TIMEOUT()", "SET LOCK_TIMEOUT ?", true),
	/** set_config(…, true) is SET LOCAL: it ends with the transaction, so a failed one needs nothing set back. */
	POSTGRESQL("SELECT current_setting('lock_timeout')", "SELECT set_config('lock_timeout', ?, true)", false),
	DATABASE_DEFAULT(null, null, true);

	private final String read;
	private final String write;
	private final boolean survivesFailure;

	LockWait(String read, String write, boolean survivesFailure) {
		this.read = read;
		this.write = write;
		this.survivesFailure = survivesFailure;
	}

	static LockWait of(Dialect dialect) {
		if (dialect instanceof H2Dialect) return H2;
		if (dialect instanceof PostgreSQLDialect) return POSTGRESQL;
		return DATABASE_DEFAULT;
	}

	/** Whether the transaction can still run statements after a lock failed (PostgreSQL's cannot). */
	boolean survivesFailure() {
		return survivesFailure;
	}

	/** Sets the wait (in milliseconds, which both read without a unit); returns the setting it replaced. */
	String set(Session session, Duration wait) {
		if (read == null) return null;
		return session.doReturningWork(connection -> {
			String previous;
			try (PreparedStatement statement = connection.prepareStatement(read); ResultSet result = statement.executeQuery()) {
				result.next();
				previous = result.getString(1);
			}
			write(connection, Long.toString(wait.toMillis()));
			return previous;
		});
	}

	void restore(Session session, String previous) {
		if (read != null) session.doWork(connection -> write(connection, previous));
	}

	private void write(Connection connection, String value) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(write)) {
			statement.setString(1, value);
			statement.execute();
		}
	}
}
