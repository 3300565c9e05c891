package org.stemiraccds.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemiraccds.cds.writes.StemiracAdministrations;
import org.stemiraccds.conformance.Examples;

/** The production database (TestPostgres: a PostgreSQL server of the environment's, Debian's or an embedded one). */
class PostgresIT {
	@TempDir
	static Path dataDir;

	@Test
	void serverRunsOnPostgres() throws InterruptedException, SQLException {
		TestPostgres.Database database = TestPostgres.database();
		try (RunningServer server = RunningServer.start(
				"--spring.profiles.active=postgres",
				"--spring.datasource.url=" + database.url(),
				"--spring.datasource.username=" + database.user(),
				"--spring.datasource.password=" + database.password(),
				"--stemirac.data-dir=" + dataDir,
				"--stemirac.cds.administrations.lock-timeout=5s")) {
			FhirHttp http = server.http();
			assertThat(http.get("/fhir/metadata").resource(CapabilityStatement.class).getRestFirstRep().getResource())
					.anyMatch(r -> r.getType().equals("Patient") && !r.getSupportedProfile().isEmpty());
			assertThat(http.post("/fhir", Examples.read(Examples.DEMO_BUNDLE)).status()).isEqualTo(200);
			assertThat(http.get("/fhir/Observation?code=http://loinc.org|97843-7&subject=Patient/demo-ais-d")
					.resource(Bundle.class).getEntry()).hasSize(3);
			assertThat(http.get("/fhir/Condition?_content=prostate").resource(Bundle.class).getEntry()).hasSize(1);
			FhirHttp.Response refused = http.post("/fhir/Condition", """
					{"resourceType":"Condition","meta":{"profile":["https://stemirac-cds.org/fhir/StructureDefinition/traumatic-sci-condition"]},
					 "code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10","code":"S14.1"}]},"subject":{"reference":"Patient/demo-ais-d"}}""");
			assertThat(refused.status()).isEqualTo(422);
			assertThat(refused.diagnostics()).contains("Condition.onset[x]: minimum required = 1");
			// the hooks read their prefetch from PostgreSQL and keep the issued cards there
			FhirHttp.Response cards = http.post("/cds-services/stemirac-patient-view", """
					{"hook":"patient-view","hookInstance":"pg-1","context":{"userId":"PractitionerRole/demo-role","patientId":"demo-contraindicated"}}""",
					"application/json");
			assertThat(cards.status()).as(cards.body()).isEqualTo(200);
			assertThat(cards.body()).contains("SAF-HYPERSENSITIVITY", "SAF-NR-MALIGNANCY");
			String card = cards.body().replaceFirst("(?s).*?\"uuid\"\\s*:\\s*\"([0-9a-f-]{36})\".*", "$1");
			FhirHttp.Response feedback = http.post("/cds-services/stemirac-patient-view/feedback", "{\"feedback\":[{\"card\":\""
					+ card + "\",\"outcome\":\"overridden\",\"outcomeTimestamp\":\"2026-11-25T10:00:00+09:00\"}]}", "application/json");
			assertThat(feedback.status()).as(feedback.body()).isEqualTo(200);
			assertThat(http.get("/fhir/AuditEvent?entity-name=" + card).resource(Bundle.class).getEntry()).hasSize(1);

			administrationsOfOnePatientTakeTurns(http, database);
		}
	}

	/**
	 * The patient's row lock on PostgreSQL (FOR NO KEY UPDATE: the references each write inserts take FOR KEY SHARE
	 * on the same row and must not block it): concurrent administrations of one patient take turns, transactions
	 * locking two patients do not deadlock, and a write that cannot have the lock within the server's lock-timeout
	 * (set to 5 s above) is refused with 409, nothing stored.
	 */
	private static void administrationsOfOnePatientTakeTurns(FhirHttp http, TestPostgres.Database database) throws InterruptedException, SQLException {
		StemiracAdministrations records = new StemiracAdministrations(http);
		records.assertWrittenAtOnceTakeTurns(records.newPatient("pg-turns"), 4);
		records.assertOppositeTransactionsTakeTurns(4);

		String locked = records.newPatient("pg-locked");
		// held as another instance's write holds it (FOR UPDATE would also block the refused write's own insert of its
		// reference to the patient, before it asks for the lock)
		try (Connection holder = DriverManager.getConnection(database.url(), database.user(), database.password())) {
			holder.setAutoCommit(false);
			try (PreparedStatement lock = holder.prepareStatement(
					"SELECT res_id FROM hfj_resource WHERE res_type = 'Patient' AND fhir_id = ? FOR NO KEY UPDATE")) {
				lock.setString(1, locked);
				assertThat(lock.executeQuery().next()).isTrue();
			}
			FhirHttp.Response refused = records.write(locked, "2026-11-25T10:00:00+09:00");
			assertThat(refused.status()).as(refused.body()).isEqualTo(409);
			assertThat(refused.body()).contains("send it again").doesNotContain("Exception");
			holder.rollback();
		}
		assertThat(http.get("/fhir/MedicationAdministration?subject=Patient/" + locked + "&_summary=count").body())
				.contains("\"total\":0");
		assertThat(records.write(locked, "2026-11-25T10:00:00+09:00").status()).isEqualTo(201);
	}
}
