package org.stemiraccds.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.stemiraccds.security.SecuredServerTestBase;

/** With security on, the demo page's files stay public; what the page calls still needs tokens. */
class DemoPageSecuredIT extends SecuredServerTestBase {

	@Test
	void thePageAndItsScriptsAreServedWithoutATokenAndTheirHeaders() {
		var page = http.get("/demo", "text/html");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("<h1 id=\"title\"");
		var script = http.send("GET", "/demo/demo.js", null, java.util.Map.of());
		assertThat(script.status()).isEqualTo(200);
		assertThat(script.body()).contains("/cds-services/");
		assertThat(http.get("/webjars/marked/marked.min.js", "*/*").status()).isEqualTo(200);
	}

	@Test
	void theCallsThePageMakesStillNeedTheirTokens() {
		var patients = http.get("/fhir/Patient", "application/fhir+json");
		assertThat(patients.status()).isEqualTo(401);
		assertThat(patients.body()).contains("OperationOutcome");
		var hook = http.post("/cds-services/stemirac-patient-view", "{}", "application/json");
		assertThat(hook.status()).isEqualTo(401);
	}
}
