package org.stemiraccds.security.smart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.stemiraccds.cds.CdsClient;
import org.stemiraccds.fhir.FhirHttp;
import org.stemiraccds.security.SecuredServerTestBase;
import org.stemiraccds.security.TestIssuer;

/**
 * The hooks read this server's database with the calling EHR's registered rights: NARROW_EHR may read only
 * Patient resources, so a patient-view without prefetch (the record must come from the database) is refused
 * with 403 before the record is read; EHR (system/*.rs, the default) gets its cards.
 */
class HookReadRightsIT extends SecuredServerTestBase {
	private static final String VIEW = "stemirac-patient-view";
	private static final HttpClient client = HttpClient.newHttpClient();

	@Autowired
	private JdbcTemplate jdbc;

	@BeforeEach
	void demoPatients() {
		loadDemoPatients();
	}

	@Test
	void aClientWithoutReadRightsOnTheRecordIsRefusedAndGetsNoCard() throws Exception {
		int cardsBefore = issuedCards();
		HttpResponse<String> refused = view(NARROW_EHR, null);
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
		JsonNode error = CdsClient.parse(refused.body());
		assertThat(error.path("error").asText()).isEqualTo("forbidden");
		assertThat(error.path("detail").asText()).contains("権限がありません");
		assertThat(refused.body()).doesNotContain("cards").doesNotContainIgnoringCase("exception");
		assertThat(issuedCards()).isEqualTo(cardsBefore);
	}

	@Test
	void theRefusalIsInEnglishWhenPreferred() throws Exception {
		HttpResponse<String> refused = view(NARROW_EHR, "en");
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(CdsClient.parse(refused.body()).path("detail").asText()).contains("may not read");
	}

	@Test
	void aClientWithTheDefaultRightsGetsItsCards() throws Exception {
		HttpResponse<String> answered = view(EHR, null);
		assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
		assertThat(CdsClient.parse(answered.body()).path("cards").size()).isPositive();
	}

	private HttpResponse<String> view(TestIssuer ehr, String acceptLanguage) throws IOException, InterruptedException {
		String url = cdsUrl("/" + VIEW);
		String token = cdsToken(ehr, url);
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
				.header("Content-Type", "application/json").header("Accept", "application/json")
				.header("Authorization", "Bearer " + token)
				.POST(HttpRequest.BodyPublishers.ofString(CdsClient.request("patient-view", "demo-contraindicated").toString(),
						StandardCharsets.UTF_8));
		if (acceptLanguage != null) request.header("Accept-Language", acceptLanguage);
		return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private int issuedCards() {
		return jdbc.queryForObject("SELECT COUNT(*) FROM stemirac_issued_card", Integer.class);
	}
}
