package org.stemiraccds.security.cdsclient;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The jti values of accepted CDS client tokens (CDS Hooks 2.0: jti "used to protect against replay attacks"),
 * kept in the database rather than in memory so that every instance sharing the database refuses a token another
 * instance has already accepted, and a restart forgets nothing. The primary key (issuer, jti) makes the
 * database, not a read-then-write race, decide which of two concurrent uses is the first. A row is kept until
 * the token it records can no longer be accepted (its exp plus the clock skew), then purged.
 */
final class ReplayCache {
	static final String TABLE = "stemirac_cds_client_jti";
	/** The column width; a longer jti is refused rather than truncated (two tokens must not share a row). */
	static final int MAX_JTI_LENGTH = 255;
	private final JdbcTemplate jdbc;

	ReplayCache(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
		jdbc.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (issuer VARCHAR(1000) NOT NULL, jti VARCHAR("
				+ MAX_JTI_LENGTH + ") NOT NULL, expires_at TIMESTAMP NOT NULL, PRIMARY KEY (issuer, jti))");
		jdbc.execute("CREATE INDEX IF NOT EXISTS " + TABLE + "_expiry ON " + TABLE + " (expires_at)");
	}

	/** Records the jti; false when it was already recorded for this issuer (a replay). */
	boolean firstUse(String issuer, String jti, Instant keepUntil, Instant now) {
		jdbc.update("DELETE FROM " + TABLE + " WHERE expires_at < ?", Timestamp.from(now));
		try {
			jdbc.update("INSERT INTO " + TABLE + " (issuer, jti, expires_at) VALUES (?, ?, ?)", issuer, jti,
					Timestamp.from(keepUntil));
			return true;
		} catch (DuplicateKeyException replay) {
			return false;
		}
	}
}
