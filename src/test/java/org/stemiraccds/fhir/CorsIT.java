package org.stemiraccds.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;

/**
 * CORS: only the configured origin (https://ehr.example.org in the test profile) gets CORS headers, on /fhir
 * and /cds-services; any other origin gets 403 and no Access-Control-Allow-Origin, and what it sent is not stored.
 */
class CorsIT extends ServerTestBase {
	private static final String ALLOWED = "https://ehr.example.org";
	private static final String EVIL = "https://evil.example";

	@Test
	void anOriginNotConfiguredIsRefusedAndNothingStored() {
		String identifier = UUID.randomUUID().toString();
		RawRequest.Exchange exchange = RawRequest.of("POST", http, "/fhir/Patient").header("Origin", EVIL)
				.body(FhirHttp.FHIR_JSON, "{\"resourceType\":\"Patient\",\"identifier\":[{\"system\":\"urn:test:cors\",\"value\":\""
						+ identifier + "\"}]}")
				.exchange();
		assertThat(exchange.header("Access-Control-Allow-Origin")).isEmpty();
		assertThat(exchange.response().status()).as(exchange.response().body()).isEqualTo(403);
		OperationOutcome.OperationOutcomeIssueComponent issue = exchange.response().outcome().getIssueFirstRep();
		assertThat(issue.getCode()).isEqualTo(OperationOutcome.IssueType.FORBIDDEN);
		assertThat(issue.getDiagnostics()).contains("許可されていません");
		assertThat(http.get("/fhir/Patient?identifier=urn:test:cors|" + identifier).resource(Bundle.class).getEntry()).isEmpty();
	}

	@Test
	void aReadFromAnOriginNotConfiguredGetsNoCorsHeaders() {
		RawRequest.Exchange exchange = RawRequest.of("GET", http, "/fhir/Patient").header("Origin", EVIL)
				.header("Accept-Language", "en").exchange();
		assertThat(exchange.header("Access-Control-Allow-Origin")).isEmpty();
		assertThat(exchange.response().status()).isEqualTo(403);
		assertThat(exchange.response().diagnostics()).contains("Cross-origin requests from this origin are not allowed");
	}

	@Test
	void aPreflightFromAnOriginNotConfiguredIsRefused() {
		RawRequest.Exchange exchange = preflight("/fhir/Patient", EVIL, "POST");
		assertThat(exchange.header("Access-Control-Allow-Origin")).isEmpty();
		assertThat(exchange.header("Access-Control-Allow-Methods")).isEmpty();
		assertThat(exchange.response().status()).isEqualTo(403);
	}

	@Test
	void theConfiguredOriginGetsCorsHeadersWithoutCredentials() {
		RawRequest.Exchange exchange = RawRequest.of("GET", http, "/fhir/metadata").header("Origin", ALLOWED).exchange();
		assertThat(exchange.response().status()).isEqualTo(200);
		assertThat(exchange.header("Access-Control-Allow-Origin")).hasValue(ALLOWED);
		assertThat(exchange.header("Access-Control-Allow-Credentials")).isEmpty();
	}

	@Test
	void aPreflightOfTheConfiguredOriginAllowsTheFhirMethods() {
		RawRequest.Exchange exchange = preflight("/fhir/Patient/1", ALLOWED, "PATCH");
		assertThat(exchange.response().status()).isEqualTo(200);
		assertThat(exchange.header("Access-Control-Allow-Origin")).hasValue(ALLOWED);
		assertThat(exchange.header("Access-Control-Allow-Methods").orElse(""))
				.contains("GET", "POST", "PUT", "PATCH", "DELETE").doesNotContain("TRACE");
		assertThat(exchange.header("Access-Control-Allow-Credentials")).isEmpty();
		assertThat(preflight("/fhir/Patient", ALLOWED, "TRACE").header("Access-Control-Allow-Origin")).isEmpty();
	}

	@Test
	void cdsServicesGetCorsHeadersForTheConfiguredOriginOnly() {
		assertThat(preflight("/cds-services", EVIL, "POST").header("Access-Control-Allow-Origin")).isEmpty();
		assertThat(RawRequest.of("GET", http, "/cds-services").header("Origin", EVIL).exchange()
				.header("Access-Control-Allow-Origin")).isEmpty();
		RawRequest.Exchange allowed = preflight("/cds-services", ALLOWED, "POST");
		assertThat(allowed.header("Access-Control-Allow-Origin")).hasValue(ALLOWED);
		assertThat(allowed.header("Access-Control-Allow-Credentials")).isEmpty();
		assertThat(preflight("/cds-services", ALLOWED, "DELETE").header("Access-Control-Allow-Origin")).isEmpty();
	}

	private RawRequest.Exchange preflight(String path, String origin, String method) {
		return RawRequest.of("OPTIONS", http, path).header("Origin", origin)
				.header("Access-Control-Request-Method", method)
				.header("Access-Control-Request-Headers", "content-type,authorization").exchange();
	}
}
