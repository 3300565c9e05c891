package org.stemiraccds.fhir;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * A PostgreSQL for a test: the one named by STEMIRAC_TEST_POSTGRES_URL (with _USER and _PASSWORD) when set.
 * Otherwise it starts one: as root (PostgreSQL will not run as root itself) Debian's server through
 * scripts/test-postgres.sh, which installs it with apt-get if needed and gives an empty database of the name
 * asked for; as any other user an embedded PostgreSQL shipped as a Maven artifact (its own, so empty).
 */
public final class TestPostgres implements AutoCloseable {
	public final String url;
	public final String user;
	public final String password;
	private final EmbeddedPostgres embedded;

	private TestPostgres(String url, String user, String password, EmbeddedPostgres embedded) {
		this.url = url;
		this.user = user;
		this.password = password;
		this.embedded = embedded;
	}

	/** A PostgreSQL; database is the name of the one the script creates empty when it is used. */
	public static TestPostgres start(String database) throws IOException, InterruptedException {
		String url = System.getenv("STEMIRAC_TEST_POSTGRES_URL");
		if (url != null) {
			return new TestPostgres(url, System.getenv().getOrDefault("STEMIRAC_TEST_POSTGRES_USER", "postgres"),
					System.getenv().getOrDefault("STEMIRAC_TEST_POSTGRES_PASSWORD", "postgres"), null);
		}
		if ("root".equals(System.getProperty("user.name"))) {
			Map<String, String> started = systemPostgres(database);
			return new TestPostgres(started.get("STEMIRAC_TEST_POSTGRES_URL"), started.get("STEMIRAC_TEST_POSTGRES_USER"),
					started.get("STEMIRAC_TEST_POSTGRES_PASSWORD"), null);
		}
		EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
		return new TestPostgres(embedded.getJdbcUrl("postgres", "postgres"), "postgres", "postgres", embedded);
	}

	/** The server's arguments for this database: the postgres profile and the connection. */
	public List<String> serverArguments() {
		return List.of("--spring.profiles.active=postgres", "--spring.datasource.url=" + url,
				"--spring.datasource.username=" + user, "--spring.datasource.password=" + password);
	}

	/** Runs scripts/test-postgres.sh and reads the "export NAME=value" lines it prints. */
	private static Map<String, String> systemPostgres(String database) throws IOException, InterruptedException {
		Process script = new ProcessBuilder("bash", "scripts/test-postgres.sh", database)
				.redirectError(ProcessBuilder.Redirect.INHERIT)
				.start();
		String output = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		Assumptions.assumeTrue(script.waitFor() == 0, "scripts/test-postgres.sh could not start PostgreSQL");
		Map<String, String> variables = new HashMap<>();
		for (String line : output.split("\n")) {
			String[] assignment = line.replaceFirst("^export ", "").split("=", 2);
			if (assignment.length == 2) variables.put(assignment[0].trim(), assignment[1].trim());
		}
		return variables;
	}

	@Override
	public void close() throws IOException {
		if (embedded != null) embedded.close();
	}
}
