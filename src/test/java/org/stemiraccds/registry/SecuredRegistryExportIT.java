package org.stemiraccds.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.stemiraccds.cds.facts.FactsAssembler;
import org.stemiraccds.cds.writes.StemiracAdministrations;
import org.stemiraccds.conformance.Examples;
import org.stemiraccds.fhir.FhirHttp;
import org.stemiraccds.security.SecuredServerTestBase;

/**
 * The registry export with security on (FHIR Bulk Data Access 2.0 § Authorization, SMART Backend Services): a
 * system/*.read token kicks off, polls and downloads; a patient's or a user's token cannot export, and the files are
 * refused to a token that cannot read them and to no token at all.
 */
class SecuredRegistryExportIT extends SecuredServerTestBase {
	private static final String KICK_OFF = "/fhir/Group/stemirac-treated/$export?_type=Patient,Condition,MedicationAdministration";

	@Test
	void aSystemReadTokenExportsTheCohortAndNoOneElseCan() throws InterruptedException {
		FhirHttp writer = as("system/*.cruds", null);
		assertThat(writer.post("/fhir", Examples.read(Examples.DEMO_BUNDLE)).status()).isEqualTo(200);
		MedicationAdministration given = StemiracAdministrations.administration("demo-eligible", "2026-11-25T10:00:00+09:00");
		FhirHttp.Response written = writer.post("/fhir/MedicationAdministration", FhirHttp.R4.newJsonParser().encodeResourceToString(given));
		assertThat(written.status()).as(written.body()).isEqualTo(201);

		BulkExportClient registry = new BulkExportClient(port, token("system/*.read", null));
		BulkExportClient.Answer accepted = registry.kickOff(KICK_OFF);
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		String statusUrl = accepted.header("Content-Location");
		JsonNode manifest = registry.manifest(statusUrl);
		List<Resource> exported = registry.download(manifest);
		Set<String> ids = exported.stream().map(FactsAssembler::id).collect(Collectors.toSet());
		assertThat(ids).contains("Patient/demo-eligible", "Condition/demo-eligible-sci").noneMatch(id -> id.contains("demo-ais-d"));
		String file = manifest.path("output").get(0).path("url").asText();

		for (String refused : List.of(token("patient/*.read", "demo-eligible"), token("user/*.read", null), token("system/Patient.read", null))) {
			BulkExportClient other = new BulkExportClient(port, refused);
			assertForbidden(other.kickOff(KICK_OFF));
			// the status URL's 403 body is not yet checked as an OperationOutcome: to one token it was not JSON (open)
			assertThat(other.get(statusUrl, "application/json").status()).isEqualTo(403);
		}
		// the files are Binary resources: refused to scopes that cannot read Binary (a patient's, one type's)
		// (their 403 bodies, asked as NDJSON, are not JSON: their shape is not yet checked, open)
		assertThat(new BulkExportClient(port, token("patient/*.read", "demo-eligible")).get(file, "application/fhir+ndjson").status())
				.isEqualTo(403);
		assertThat(new BulkExportClient(port, token("system/Patient.read", null)).get(file, "application/fhir+ndjson").status())
				.isEqualTo(403);
		BulkExportClient anonymous = new BulkExportClient(port, null);
		for (String url : List.of("http://localhost:" + port + KICK_OFF, statusUrl, file)) {
			BulkExportClient.Answer answer = anonymous.get(url, "application/fhir+json");
			assertThat(answer.status()).as(url + ": " + answer.body()).isEqualTo(401);
			assertThat(answer.asFhir().outcome().getIssue()).isNotEmpty();
		}
	}

	private static void assertForbidden(BulkExportClient.Answer answer) {
		assertThat(answer.status()).as(answer.body()).isEqualTo(403);
		assertThat(answer.asFhir().outcome().getIssue()).isNotEmpty();
	}

	private static String token(String scope, String patient) {
		var claims = AUTH_SERVER.claims("registry-client").claim("scope", scope);
		if (patient != null) claims.claim("patient", patient);
		return AUTH_SERVER.sign(claims.build());
	}

	private FhirHttp as(String scope, String patient) {
		return http.withBearer(token(scope, patient));
	}
}
