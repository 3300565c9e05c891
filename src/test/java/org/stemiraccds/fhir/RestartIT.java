package org.stemiraccds.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.stemiraccds.conformance.ConformanceInstaller;

/**
 * The embedded default (H2 file + Lucene on disk): data survives a restart, conformance loads idempotently, commits
 * are written at once (a SIGKILL: faults.CrashRecoveryIT).
 */
class RestartIT {
	@TempDir
	Path dataDir;

	@Test
	void dataSurvivesRestartAndConformanceIsInstalledOnce() {
		String patientId;
		String cardUuid;
		try (RunningServer first = RunningServer.start("--stemirac.data-dir=" + dataDir)) {
			assertThat(first.bean(ConformanceInstaller.class).lastWritten()).isGreaterThan(50);
			// the database's setting and the connection URL's both
			assertThat(new JdbcTemplate(first.bean(DataSource.class)).queryForList(
					"SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'", String.class))
					.as("H2 writes each commit to its file before the commit returns (faults.CrashRecoveryIT)")
					.isNotEmpty().containsOnly("0");
			FhirHttp http = first.http();
			Patient created = http.post("/fhir/Patient", "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Restart\"}]}")
					.resource(Patient.class);
			http.post("/fhir/Condition", "{\"resourceType\":\"Condition\",\"subject\":{\"reference\":\"Patient/"
					+ created.getIdElement().getIdPart() + "\"},\"code\":{\"coding\":[{\"system\":\"http://hl7.org/fhir/sid/icd-10\","
					+ "\"code\":\"S14.1\"}]},\"onsetDateTime\":\"" + LocalDate.now(ZoneId.of("Asia/Tokyo")).minusDays(10)
					+ "\"}");
			patientId = created.getIdElement().getIdPart();
			cardUuid = patientViewCard(http, patientId);
			// the stored copy no longer matches its file (as after an edit of terminology/): it must be rewritten
			CodeSystem aisGrade = http.get("/fhir/CodeSystem/ais-grade").resource(CodeSystem.class);
			aisGrade.setTitle("edited since");
			assertThat(http.put("/fhir/CodeSystem/ais-grade", FhirHttp.R4.newJsonParser().encodeResourceToString(aisGrade))
					.status()).isEqualTo(200);
		}
		try (RunningServer second = RunningServer.start("--stemirac.data-dir=" + dataDir)) {
			FhirHttp http = second.http();
			assertThat(second.bean(ConformanceInstaller.class).lastWritten()).isEqualTo(1);
			assertThat(http.get("/fhir/Patient/" + patientId).resource(Patient.class).getNameFirstRep().getFamily())
					.isEqualTo("Restart");
			assertThat(http.get("/fhir/Patient?_content=Restart").body()).contains(patientId);
			CodeSystem aisGrade = http.get("/fhir/CodeSystem/ais-grade").resource(CodeSystem.class);
			assertThat(aisGrade.getTitle()).isEqualTo("ASIA Impairment Scale grade");
			assertThat(aisGrade.getMeta().getVersionId()).isEqualTo("3");
			assertThat(feedback(http, cardUuid).status()).as("cards issued before the restart take feedback").isEqualTo(200);
			StructureDefinition profile = http.get("/fhir/StructureDefinition/ais-observation").resource(StructureDefinition.class);
			assertThat(profile.getMeta().getVersionId()).isEqualTo("1");
			assertThat(profile.getSnapshot().getElement()).isNotEmpty();
		}
	}

	/** A patient-view card for a candidate: a traumatic SCI 10 days ago and nothing else (at least TIM-BM-COUNTDOWN). */
	private static String patientViewCard(FhirHttp http, String patientId) {
		String request = "{\"hook\":\"patient-view\",\"hookInstance\":\"restart-1\",\"context\":{\"userId\":"
				+ "\"Practitioner/x\",\"patientId\":\"" + patientId + "\"}}";
		FhirHttp.Response response = http.post("/cds-services/stemirac-patient-view", request, "application/json");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		java.util.regex.Matcher uuid = java.util.regex.Pattern.compile("\"uuid\"\\s*:\\s*\"([0-9a-f-]{36})\"").matcher(response.body());
		assertThat(uuid.find()).as(response.body()).isTrue();
		return uuid.group(1);
	}

	private static FhirHttp.Response feedback(FhirHttp http, String cardUuid) {
		return http.post("/cds-services/stemirac-patient-view/feedback", "{\"feedback\":[{\"card\":\"" + cardUuid
				+ "\",\"outcome\":\"overridden\",\"outcomeTimestamp\":\"2026-11-25T10:00:00+09:00\"}]}", "application/json");
	}
}
