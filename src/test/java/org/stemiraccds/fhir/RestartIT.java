package org.stemiraccds.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemiraccds.conformance.ConformanceInstaller;

/** The embedded default (H2 file + Lucene on disk): data survives a restart, conformance loads idempotently. */
class RestartIT {
	@TempDir
	Path dataDir;

	@Test
	void dataSurvivesRestartAndConformanceIsInstalledOnce() {
		String patientId;
		try (RunningServer first = RunningServer.start("--stemirac.data-dir=" + dataDir)) {
			assertThat(first.bean(ConformanceInstaller.class).lastWritten()).isGreaterThan(50);
			FhirHttp http = first.http();
			Patient created = http.post("/fhir/Patient", "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Restart\"}]}")
					.resource(Patient.class);
			patientId = created.getIdElement().getIdPart();
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
			StructureDefinition profile = http.get("/fhir/StructureDefinition/ais-observation").resource(StructureDefinition.class);
			assertThat(profile.getMeta().getVersionId()).isEqualTo("1");
			assertThat(profile.getSnapshot().getElement()).isNotEmpty();
		}
	}
}
