package org.stemiraccds.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.stemiraccds.security.SecuredServerTestBase;

/**
 * CORS with security on: a browser client on the configured origin (https://ehr.example.org in the test profile)
 * can read its 401 as well as its successes; another origin gets 403 with the error body of its path and no
 * CORS headers, before any token is looked at; preflights need no token.
 */
class SecuredCorsIT extends SecuredServerTestBase {
	private static final String ALLOWED = "https://ehr.example.org";
	private static final String EVIL = "https://evil.example";

	@Test
	void aRefusedTokenIsReadableByTheConfiguredOrigin() {
		RawRequest.Exchange fhir = RawRequest.of("GET", http, "/fhir/Patient").header("Origin", ALLOWED).exchange();
		assertThat(fhir.response().status()).isEqualTo(401);
		assertThat(fhir.header("Access-Control-Allow-Origin")).hasValue(ALLOWED);
		assertThat(fhir.response().outcome().getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.LOGIN);

		RawRequest.Exchange cds = RawRequest.of("POST", http, "/cds-services/stemirac-patient-view")
				.header("Origin", ALLOWED).body("application/json", "{}").exchange();
		assertThat(cds.response().status()).isEqualTo(401);
		assertThat(cds.header("Access-Control-Allow-Origin")).hasValue(ALLOWED);
		assertThat(cds.response().body()).contains("\"error\":\"unauthorized\"");
	}

	@Test
	void anAuthorisedCallFromTheConfiguredOriginExposesTheFhirHeaders() {
		String token = AUTH_SERVER.sign(AUTH_SERVER.claims("browser-user").claim("scope", "user/*.cruds").build());
		RawRequest.Exchange created = RawRequest.of("POST", http, "/fhir/Patient").header("Origin", ALLOWED)
				.header("Authorization", "Bearer " + token).body(FhirHttp.FHIR_JSON, "{\"resourceType\":\"Patient\"}").exchange();
		assertThat(created.response().status()).as(created.response().body()).isEqualTo(201);
		assertThat(created.header("Access-Control-Allow-Origin")).hasValue(ALLOWED);
		assertThat(created.header("Access-Control-Expose-Headers").orElse("")).contains("Location");
	}

	@Test
	void anotherOriginIsRefusedWithTheErrorBodyOfItsPath() {
		RawRequest.Exchange fhir = RawRequest.of("GET", http, "/fhir/Patient").header("Origin", EVIL).exchange();
		assertThat(fhir.response().status()).isEqualTo(403);
		assertThat(fhir.header("Access-Control-Allow-Origin")).isEmpty();
		assertThat(fhir.response().outcome().getIssue()).isNotEmpty();

		RawRequest.Exchange cds = RawRequest.of("GET", http, "/cds-services").header("Origin", EVIL).exchange();
		assertThat(cds.response().status()).isEqualTo(403);
		assertThat(cds.header("Access-Control-Allow-Origin")).isEmpty();
		assertThat(cds.response().body()).contains("\"error\"").contains("\"status\":403");
	}

	@Test
	void preflightsOfTheConfiguredOriginNeedNoToken() {
		for (String path : new String[] {"/fhir/Patient/1", "/cds-services/stemirac-order-sign"}) {
			RawRequest.Exchange preflight = RawRequest.of("OPTIONS", http, path).header("Origin", ALLOWED)
					.header("Access-Control-Request-Method", "POST")
					.header("Access-Control-Request-Headers", "content-type,authorization").exchange();
			assertThat(preflight.response().status()).as(path).isEqualTo(200);
			assertThat(preflight.header("Access-Control-Allow-Origin")).as(path).hasValue(ALLOWED);
			assertThat(preflight.header("Access-Control-Allow-Headers").orElse("").toLowerCase()).as(path).contains("authorization");
		}
	}
}
