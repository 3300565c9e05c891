package org.stemiraccds.smartlaunch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.stemiraccds.cds.CdsClient;
import org.stemiraccds.fhir.ServerTestBase;

/**
 * The local demo (security off): the demo page, as the EHR, registers a launch without any token, the launch
 * URL hands over to the app, and /smart/launch.html without context shows the error state.
 */
class SmartLaunchOpenIT extends ServerTestBase {
	private static final HttpClient client = HttpClient.newHttpClient();

	@Test
	void theDemoPageRegistersALaunchWithoutAToken() throws Exception {
		loadDemoBundle();
		HttpResponse<String> registered = client.send(HttpRequest.newBuilder(URI.create(base() + "/smart/launches"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"patient\":\"demo-eligible\",\"appContext\":null}")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
		String launch = CdsClient.parse(registered.body()).path("launch").asText();

		HttpResponse<String> handover = get("/smart/launch?iss=" + enc(base() + "/fhir") + "&launch=" + enc(launch));
		assertThat(handover.statusCode()).isEqualTo(302);
		assertThat(handover.headers().firstValue("Location").orElse("")).contains("/smart/launch.html?", "launch=" + launch);

		JsonNode discovery = CdsClient.parse(get("/fhir/.well-known/smart-configuration").body());
		assertThat(discovery.path("authorization_endpoint").asText()).isEqualTo(base() + "/oauth2/authorize");

		HttpResponse<String> checklist = get("/fhir/Patient/demo-eligible/$stemirac-checklist");
		assertThat(checklist.statusCode()).as(checklist.body()).isEqualTo(200);
		assertThat(checklist.body()).contains("\"eligibility\"", "\"rule\"", "\"claimRemarks\"");
	}

	@Test
	void theAppPagesCarryTheContractsHooks() throws Exception {
		HttpResponse<String> launchPage = get("/smart/launch.html");
		assertThat(launchPage.statusCode()).isEqualTo(200);
		assertThat(launchPage.body()).contains("id=\"checklist\"", "smartAuthorize()", "data-state");
		HttpResponse<String> app = get("/smart/app.html");
		assertThat(app.body()).contains("id=\"checklist\"", "id=\"day-count\"", "id=\"claim-remarks\"");
		assertThat(get("/smart/checklist.js").body()).contains("row.dataset.rule", "row.dataset.result", "'ready'");
	}

	@Test
	void anUnknownLaunchIs400NotA500() throws Exception {
		HttpResponse<String> unknown = get("/smart/launch?iss=" + enc(base() + "/fhir") + "&launch=nope");
		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(unknown.body()).contains("OperationOutcome", "期限切れ");
	}

	private String base() {
		return "http://localhost:" + port;
	}

	private HttpResponse<String> get(String path) throws Exception {
		return client.send(HttpRequest.newBuilder(URI.create(base() + path)).GET().build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}
