package org.stemiraccds.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.stemiraccds.fhir.FhirHttp;
import org.stemiraccds.security.SecuredServerTestBase;

/**
 * With security on, the demo page's files stay public, what the page calls still needs tokens, and the page gets them
 * from /demo/tokens (enabled in this context with the test authorization server's and EHR's keys).
 */
class DemoPageSecuredIT extends SecuredServerTestBase {

	@Test
	void thePageAndItsScriptsAreServedWithoutATokenAndTheirHeaders() {
		var page = http.get("/demo", "text/html");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("<h1 id=\"title\"");
		var script = http.send("GET", "/demo/demo.js", null, Map.of());
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

	@Test
	void demoTokensAreAnAccessTokenAndACdsClientJwtForThisServersServiceOnly() throws Exception {
		String service = cdsUrl("/stemirac-patient-view");
		FhirHttp.Response answer = http.send("POST", "/demo/tokens?cds=" + service, null, Map.of());
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		var tokens = new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body());
		var fhir = SignedJWT.parse(tokens.get("fhir").asText()).getJWTClaimsSet();
		assertThat(fhir.getIssuer()).isEqualTo(AUTH_SERVER.issuer());
		assertThat(fhir.getStringClaim("scope")).isEqualTo("user/*.cruds");
		var cds = SignedJWT.parse(tokens.get("cds").asText()).getJWTClaimsSet();
		assertThat(cds.getIssuer()).isEqualTo(EHR.issuer());
		assertThat(cds.getAudience()).containsExactly(service);
		assertThat(http.send("GET", "/fhir/Patient", null, Map.of("Authorization", "Bearer " + tokens.get("fhir").asText())).status())
				.isEqualTo(200);

		FhirHttp.Response foreign = http.send("POST", "/demo/tokens?cds=https://other.example.org/cds-services/x", null, Map.of());
		assertThat(foreign.status()).isEqualTo(400);
		assertThat(foreign.body()).doesNotContain("eyJ");
	}

	@Test
	void withSecurityOnThePageShowsPatientViewCardsThroughItsDemoTokens() throws Exception {
		loadDemoPatients();
		ChromeDriver browser = HeadlessChromium.start();
		try {
			WebDriverWait wait = new WebDriverWait(browser, java.time.Duration.ofSeconds(30));
			browser.get("http://localhost:" + port + "/demo");
			wait.until(ExpectedConditions.attributeToBe(By.id("patients"), "data-state", "ready"));
			assertThat(browser.findElement(By.id("patients")).getText()).contains("鈴木 花子");
			wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#patients button[data-patient='demo-contraindicated']"))).click();
			wait.until(ExpectedConditions.attributeToBe(By.id("patient-view-cards"), "data-state", "ready"));
			List<String> rules = browser.findElements(By.cssSelector("#patient-view-cards .card")).stream()
					.map(card -> card.getAttribute("data-rule")).toList();
			assertThat(rules).contains("SAF-HYPERSENSITIVITY", "SAF-NR-MALIGNANCY");
		} finally {
			browser.quit();
		}
	}
}
