package org.stemiraccds.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stemiraccds.fhir.TestPostgres;

/**
 * SIGKILL in the middle of transaction ingest, then a restart (issue 10, Faults), on the packaged jar in a child
 * process: every acknowledged transaction is stored whole, none in part, on the embedded H2 file database and on
 * PostgreSQL. A short run (8 writers, 10 s); README "Fault tests" runs a longer one.
 */
class CrashRecoveryIT {
	private static final int SECONDS = 10;

	@Test
	void h2FileDatabaseKeepsEveryAcknowledgedTransaction() throws Exception {
		assertDurable(CrashRecovery.run("h2", CrashRecovery.Settings.fromSystemProperties(SECONDS), List.of()));
	}

	@Test
	void postgresKeepsEveryAcknowledgedTransaction() throws Exception {
		List<String> arguments = new ArrayList<>(List.of("--spring.profiles.active=postgres"));
		arguments.addAll(TestPostgres.freshDatabase("stemirac_faults").connectionArguments());
		assertDurable(CrashRecovery.run("postgres", CrashRecovery.Settings.fromSystemProperties(SECONDS), arguments));
	}

	private static void assertDurable(List<CrashRecovery.Round> rounds) {
		for (CrashRecovery.Round round : rounds) {
			assertThat(round.acknowledged()).as("transactions acknowledged before the kill").isNotEmpty();
			assertThat(round.refused()).as("answers other than 2xx before the kill").isEmpty();
			assertThat(round.lost()).as("acknowledged transactions not stored whole after the restart").isEmpty();
			assertThat(round.partial()).as("transactions stored in part").isEmpty();
		}
	}
}
