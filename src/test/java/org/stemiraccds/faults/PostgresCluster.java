package org.stemiraccds.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.stemiraccds.fhir.TestPostgres;

/**
 * A PostgreSQL cluster of the fault tests' own (Debian's pg_createcluster, on a free port), which they stop and
 * start as an operator or a crash would. Not TestPostgres' server: stopping that one would fail whatever else uses
 * it meanwhile (the other integration tests' servers, other builds on the machine). Needs root and Debian's
 * PostgreSQL, which TestPostgres installs (scripts/test-postgres.sh); otherwise the test is skipped.
 */
final class PostgresCluster implements AutoCloseable {
	private static final String USER = "postgres";
	private static final String PASSWORD = "postgres";
	private final String version;
	private final String name;
	private final int port;

	private PostgresCluster(String version, String name, int port) {
		this.version = version;
		this.name = name;
		this.port = port;
	}

	/** A new cluster (an earlier one of this name is dropped), started, with a database of this name. */
	static PostgresCluster create(String name, String database) {
		Assumptions.assumeTrue("root".equals(System.getProperty("user.name")) && System.getenv("STEMIRAC_TEST_POSTGRES_URL") == null,
				"stopping PostgreSQL needs root and Debian's cluster tools (the embedded PostgreSQL cannot be stopped and restarted)");
		TestPostgres.database(); // installs Debian's PostgreSQL when missing
		PostgresCluster cluster = new PostgresCluster(newestVersion(), name, freePort());
		run(true, "pg_dropcluster", cluster.version, name, "--stop");
		run(false, "pg_createcluster", cluster.version, name, "-p", String.valueOf(cluster.port));
		cluster.start();
		cluster.psql("ALTER USER postgres PASSWORD '" + PASSWORD + "'");
		cluster.psql("CREATE DATABASE " + database);
		return cluster;
	}

	String jdbcUrl(String database) {
		return "jdbc:postgresql://localhost:" + port + "/" + database;
	}

	String user() {
		return USER;
	}

	String password() {
		return PASSWORD;
	}

	/** A fast shutdown (pg_ctl -m fast): open sessions are ended, their transactions rolled back. */
	void stop() {
		run(false, "pg_ctlcluster", version, name, "stop", "-m", "fast");
	}

	void start() {
		run(true, "pg_ctlcluster", version, name, "start");
		for (int i = 0; i < 60; i++) {
			if (run(true, "su", USER, "-c", "pg_isready -q -p " + port) == 0) return;
			sleep(500);
		}
		throw new IllegalStateException("PostgreSQL cluster " + name + " did not start");
	}

	@Override
	public void close() {
		run(true, "pg_dropcluster", version, name, "--stop");
	}

	private void psql(String sql) {
		run(false, "su", USER, "-c", "psql -q -p " + port + " -c \"" + sql + "\"");
	}

	private static String newestVersion() {
		try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
			return versions.map(p -> p.getFileName().toString())
					.max(Comparator.comparingInt(v -> Integer.parseInt(v.replaceAll("\\D.*", "")))).orElseThrow();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The command's exit code; unless {@code mayFail}, a failure stops the test with the command's output. */
	private static int run(boolean mayFail, String... command) {
		try {
			Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			int exit = process.waitFor();
			if (exit != 0 && !mayFail) throw new IllegalStateException(String.join(" ", command) + " failed (" + exit + "): " + output);
			return exit;
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}
