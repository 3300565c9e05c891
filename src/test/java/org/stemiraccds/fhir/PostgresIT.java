package org.stemiraccds.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemiraccds.conformance.Examples;

/** The production database (TestPostgres: the environment's, Debian's through scripts/test-postgres.sh, or embedded). */
class PostgresIT {
	private static TestPostgres postgres;

	@TempDir
	static Path dataDir;

	@BeforeAll
	static void database() throws IOException, InterruptedException {
		postgres = TestPostgres.start("stemirac_test");
	}

	@AfterAll
	static void stop() throws IOException {
		if (postgres != null) postgres.close();
	}

	@Test
	void serverRunsOnPostgres() {
		List<String> arguments = new ArrayList<>(postgres.serverArguments());
		arguments.add("--stemirac.data-dir=" + dataDir);
		try (RunningServer server = RunningServer.start(arguments.toArray(String[]::new))) {
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
		}
	}
}
