package org.stemiraccds.errors;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the database holds, read past the server (HAPI's own tables), so that a request the server refused but
 * stored in part cannot hide behind the same server's answers. AuditEvents are left out: the audit trail
 * records every request, refused ones included, by design.
 */
final class StoredVersions {
	private static final String VERSIONS = "select r.RES_TYPE, r.FHIR_ID, v.RES_VER from HFJ_RES_VER v"
			+ " join HFJ_RESOURCE r on r.RES_ID = v.RES_ID where r.RES_TYPE <> 'AuditEvent'";
	/** A resource whose current version has no row of its own: a write stopped half-way. */
	private static final String HEADLESS = "select r.RES_TYPE, r.FHIR_ID, r.RES_VER from HFJ_RESOURCE r"
			+ " where r.RES_TYPE <> 'AuditEvent' and not exists"
			+ " (select 1 from HFJ_RES_VER v where v.RES_ID = r.RES_ID and v.RES_VER = r.RES_VER)";

	private final JdbcTemplate jdbc;

	StoredVersions(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
	}

	/** Every stored version but AuditEvents', as {@code Type/id/_history/n}. */
	Set<String> all() {
		return new HashSet<>(query(VERSIONS));
	}

	/** Resources (AuditEvents aside) whose current version was never stored; empty when every write finished. */
	List<String> headless() {
		return query(HEADLESS);
	}

	private List<String> query(String sql) {
		return jdbc.query(sql, (row, n) -> row.getString(1) + "/" + row.getString(2) + "/_history/" + row.getLong(3));
	}
}
