package org.stemiraccds.cds.feedback;

import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceResponseCardJson;
import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceResponseCodingJson;
import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceResponseSuggestionJson;
import jakarta.annotation.PostConstruct;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The cards this server issued, kept in the database (not in memory) so that feedback is checked against
 * them after a restart and on any instance sharing the database. One narrow table, written with one batch
 * insert per response; the schema is created on start (plain SQL that H2 and PostgreSQL both accept).
 * A card lives stemirac.cds.issued-card-lifetime (default 30 days): feedback on an older card is refused as
 * on an unknown one, and older rows are deleted on the next insert, so the table holds at most that period.
 */
@Component
public class IssuedCards {
	/** The hook_instance column's length: a longer hookInstance is refused before the rules run. */
	public static final int HOOK_INSTANCE_LENGTH = 200;
	private static final String TABLE = "stemirac_issued_card";
	private final JdbcTemplate jdbc;
	private final Duration lifetime;
	/** The system clock, not the hooks' (which may be fixed to replay a record as of a date). */
	private final Clock clock;

	@Autowired
	public IssuedCards(JdbcTemplate jdbc, @Value("${stemirac.cds.issued-card-lifetime:30d}") Duration lifetime) {
		this(jdbc, lifetime, Clock.systemUTC());
	}

	IssuedCards(JdbcTemplate jdbc, Duration lifetime, Clock clock) {
		if (lifetime.isNegative() || lifetime.isZero()) {
			throw new IllegalArgumentException("stemirac.cds.issued-card-lifetime must be positive");
		}
		this.jdbc = jdbc;
		this.lifetime = lifetime;
		this.clock = clock;
	}

	/** A card as issued: enough to check feedback on it and to record that feedback. */
	public record IssuedCard(String uuid, String serviceId, String ruleId, String patient, String hookInstance,
			Set<String> overrideReasons, Set<String> suggestions, Instant issuedAt, String organization) {}

	@PostConstruct
	void createTable() {
		jdbc.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " ("
				+ "card_uuid VARCHAR(64) PRIMARY KEY, service_id VARCHAR(100) NOT NULL, rule_id VARCHAR(64) NOT NULL, "
				+ "patient_ref VARCHAR(200) NOT NULL, hook_instance VARCHAR(200) NOT NULL, override_reasons VARCHAR(1000), "
				+ "suggestion_uuids VARCHAR(2000), issued_at TIMESTAMP NOT NULL)");
		jdbc.execute("CREATE INDEX IF NOT EXISTS " + TABLE + "_issued_at ON " + TABLE + " (issued_at)");
		// added for the alert statistics: a table created by an older version gets it too (null for its rows)
		jdbc.execute("ALTER TABLE " + TABLE + " ADD COLUMN IF NOT EXISTS organization VARCHAR(200)");
	}

	public void record(String serviceId, String patient, String hookInstance, List<CdsServiceResponseCardJson> cards) {
		record(serviceId, patient, hookInstance, null, cards);
	}

	/** The cards of one response, attributed to an organisation ("Organization/id", or null: see AlertAttribution). */
	public void record(String serviceId, String patient, String hookInstance, String organization,
			List<CdsServiceResponseCardJson> cards) {
		if (cards.isEmpty()) return;
		Instant issuedAt = clock.instant();
		jdbc.update("DELETE FROM " + TABLE + " WHERE issued_at < ?", Timestamp.from(issuedAt.minus(lifetime)));
		Timestamp now = Timestamp.from(issuedAt);
		jdbc.batchUpdate("INSERT INTO " + TABLE + " (card_uuid, service_id, rule_id, patient_ref, hook_instance, "
						+ "override_reasons, suggestion_uuids, issued_at, organization) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
				cards.stream().map(card -> new Object[] {card.getUuid(), serviceId, card.getSource().getTopic().getCode(),
						patient, hookInstance,
						joined(card.getOverrideReasons() == null ? List.of()
								: card.getOverrideReasons().stream().map(CdsServiceResponseCodingJson::getCode).toList()),
						joined(card.getSuggestions() == null ? List.of()
								: card.getSuggestions().stream().map(CdsServiceResponseSuggestionJson::getUuid).toList()),
						now, organization}).toList());
	}

	/** A card issued within its lifetime; an older one is no longer known. */
	public Optional<IssuedCard> find(String uuid) {
		Timestamp oldest = Timestamp.from(clock.instant().minus(lifetime));
		return jdbc.query("SELECT * FROM " + TABLE + " WHERE card_uuid = ? AND issued_at >= ?", (rs, row) -> new IssuedCard(
				rs.getString("card_uuid"), rs.getString("service_id"), rs.getString("rule_id"), rs.getString("patient_ref"),
				rs.getString("hook_instance"), split(rs.getString("override_reasons")), split(rs.getString("suggestion_uuids")),
				rs.getTimestamp("issued_at").toInstant(), rs.getString("organization")), uuid, oldest).stream().findFirst();
	}

	private static String joined(List<String> values) {
		return String.join(" ", values);
	}

	private static Set<String> split(String joined) {
		if (joined == null || joined.isBlank()) return Set.of();
		return Arrays.stream(joined.split(" ")).collect(Collectors.toSet());
	}
}
