package org.stemiraccds.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.UUID;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.stemiraccds.fhir.FhirHttp;
import org.stemiraccds.security.SecuredServerTestBase;

/** With security on, $stemirac-reminders needs the admin scope; the job then reads and writes as the server. */
class RemindersSecurityIT extends SecuredServerTestBase {
	private static final String BODY = "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"now\",\"valueDateTime\":\"2026-11-25T10:00:00+09:00\"}]}";

	@Test
	void onlyTheAdminScopeRunsTheJob() {
		String p = "rem-sec-" + UUID.randomUUID().toString().substring(0, 8);
		FhirHttp writer = as("user/*.cruds");
		for (Resource resource : new Resource[] {ReminderRecords.patient(p), ReminderRecords.injury(p, LocalDate.parse("2026-11-25").minusDays(26))}) {
			FhirHttp.Response put = writer.put("/fhir/" + resource.fhirType() + "/" + resource.getIdElement().getIdPart(),
					FhirHttp.R4.newJsonParser().encodeResourceToString(resource));
			assertThat(put.status()).as(put.body()).isIn(200, 201);
		}
		FhirHttp.Response refused = writer.post("/fhir/$stemirac-reminders", BODY);
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.diagnostics()).contains("stemirac/admin");
		assertThat(http.post("/fhir/$stemirac-reminders", BODY).status()).as("no token").isEqualTo(401);

		FhirHttp.Response run = as("user/*.cruds stemirac/admin").post("/fhir/$stemirac-reminders", BODY);
		assertThat(run.status()).as(run.body()).isEqualTo(200);
		assertThat(run.resource(Parameters.class).getParameter()).filteredOn(part -> part.getName().equals("created"))
				.extracting(part -> ((Task) part.getResource()).getFor().getReference()).contains("Patient/" + p);
	}

	private FhirHttp as(String scope) {
		return http.withBearer(AUTH_SERVER.sign(AUTH_SERVER.claims("test-user").claim("scope", scope).build()));
	}
}
