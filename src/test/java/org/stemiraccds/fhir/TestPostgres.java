package org.stemiraccds.fhir;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL server of the integration tests, started once per test JVM. The one named by
 * STEMIRAC_TEST_POSTGRES_URL (with _USER and _PASSWORD) when set. Otherwise it starts one: as root (PostgreSQL will
 * not run as root itself) Debian's server through scripts/test-postgres.sh, which installs it with apt-get if
 * needed; as any other user an embedded PostgreSQL shipped as a Maven artifact.
 */
public final class TestPostgres {
	/** How the server applications reach a database: its JDBC URL and credentials. */
	public record Database(String url, String user, String password) {
		/** The server arguments that connect an application to this database. */
		public List<String> connectionArguments() {
			return List.of("--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
					"--spring.datasource.password=" + password);
		}

		/** The same server's database of this name. */
		Database named(String name) {
			return new Database(url.replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name), user, password);
		}
	}

	private static Database server;

	private TestPostgres() {}

	/** The test database (stemirac_test, or the one STEMIRAC_TEST_POSTGRES_URL names). */
	public static synchronized Database database() {
		if (server == null) server = start();
		return server;
	}

	/** A new, empty database of this name on the same server (an earlier one of that name is dropped). */
	public static Database freshDatabase(String name) {
		Database server = database();
		try (Connection connection = DriverManager.getConnection(server.url(), server.user(), server.password());
				Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + name);
			statement.execute("CREATE DATABASE " + name);
		} catch (SQLException e) {
			throw new IllegalStateException("could not create the database " + name + " on " + server.url(), e);
		}
		return server.named(name);
	}

	private static Database start() {
		String url = System.getenv("STEMIRAC_TEST_POSTGRES_URL");
		if (url != null) {
			return new Database(url, System.getenv().getOrDefault("STEMIRAC_TEST_POSTGRES_USER", "postgres"),
					System.getenv().getOrDefault("STEMIRAC_TEST_POSTGRES_PASSWORD", "postgres"));
		}
		if ("root".equals(System.getProperty("user.name"))) {
			Map<String, String> started = systemPostgres();
			return new Database(started.get("STEMIRAC_TEST_POSTGRES_URL"), started.get("STEMIRAC_TEST_POSTGRES_USER"),
					started.get("STEMIRAC_TEST_POSTGRES_PASSWORD"));
		}
		return embeddedPostgres();
	}

	/** Runs scripts/test-postgres.sh and reads the "export NAME=value" lines it prints. */
	private static Map<String, String> systemPostgres() {
		try {
			Process script = new ProcessBuilder("bash", "scripts/test-postgres.sh")
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
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	/** Stopped when the test JVM ends. */
	private static Database embeddedPostgres() {
		try {
			EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					embedded.close();
				} catch (IOException ignored) {
					// the JVM is ending; the embedded server's directory is temporary
				}
			}));
			return new Database(embedded.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
