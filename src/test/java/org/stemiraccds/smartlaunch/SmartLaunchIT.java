package org.stemiraccds.smartlaunch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.util.UriComponentsBuilder;
import org.stemiraccds.cds.CdsClient;
import org.stemiraccds.guideline.Guideline;
import org.stemiraccds.guideline.GuidelineRule;
import org.stemiraccds.security.SecuredServerTestBase;

/**
 * The SMART EHR launch over HTTP, security on: the EHR registers a launch, the app's launch URL hands over to
 * the app, authorize (the launch authenticates) → code → token with PKCE → the token carries the patient and
 * the scopes, this server's FHIR API accepts it for that patient and no other; the cards link the app; a
 * launch without context or with an unknown launch is a 4xx, never a 500.
 */
class SmartLaunchIT extends SecuredServerTestBase {
	private static final String PATIENT = "demo-contraindicated";
	private static final String OTHER = "demo-eligible";
	private static final String SCOPES = "launch launch/patient patient/*.rs openid fhirUser";
	private static final HttpClient client = HttpClient.newHttpClient(); // never follows redirects

	@BeforeEach
	void demo() {
		loadDemoPatients();
	}

	private String base() {
		return "http://localhost:" + port;
	}

	// --- the whole launch

	@Test
	void anEhrLaunchGivesATokenForTheLaunchPatientOnly() throws Exception {
		String launch = registerLaunch(PATIENT);

		HttpResponse<String> launchUrl = get("/smart/launch?iss=" + enc(base() + "/fhir") + "&launch=" + enc(launch), null);
		assertThat(launchUrl.statusCode()).as(launchUrl.body()).isEqualTo(302);
		Map<String, String> handover = query(launchUrl.headers().firstValue("Location").orElseThrow());
		assertThat(handover).containsEntry("launch", launch).containsEntry("iss", base() + "/fhir")
				.containsEntry("client_id", "stemirac-checklist").containsEntry("redirect_uri", base() + "/smart/app.html");
		HttpResponse<String> page = get(URI.create(launchUrl.headers().firstValue("Location").get()).getRawPath(), null);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("smartAuthorize()");

		JsonNode discovery = CdsClient.parse(get("/fhir/.well-known/smart-configuration", null).body());
		assertThat(discovery.path("capabilities").toString()).contains("launch-ehr", "client-public", "context-ehr-patient");
		assertThat(discovery.path("code_challenge_methods_supported").toString()).contains("S256");

		String verifier = randomString();
		String code = authorize(discovery.path("authorization_endpoint").asText(), launch, verifier, handover.get("redirect_uri"));
		JsonNode token = token(discovery.path("token_endpoint").asText(), code, verifier, handover.get("redirect_uri"));
		assertThat(token.path("patient").asText()).isEqualTo(PATIENT);
		assertThat(token.path("scope").asText().split(" ")).contains("launch/patient", "patient/*.rs", "openid");
		String accessToken = token.path("access_token").asText();

		HttpResponse<String> own = get("/fhir/Patient/" + PATIENT, accessToken);
		assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
		assertThat(own.body()).contains("\"id\":\"" + PATIENT + "\"");
		HttpResponse<String> other = get("/fhir/Patient/" + OTHER, accessToken);
		assertThat(other.statusCode()).isEqualTo(403);
		assertThat(other.body()).contains("OperationOutcome").doesNotContain(OTHER + "\",\"meta");

		HttpResponse<String> checklist = get("/fhir/Patient/" + PATIENT + "/$stemirac-checklist", accessToken);
		assertThat(checklist.statusCode()).as(checklist.body()).isEqualTo(200);
		assertEveryRuleOnce(CdsClient.parse(checklist.body()));
		HttpResponse<String> othersChecklist = get("/fhir/Patient/" + OTHER + "/$stemirac-checklist", accessToken);
		assertThat(othersChecklist.statusCode()).isEqualTo(403);
		assertThat(othersChecklist.body()).contains("OperationOutcome").doesNotContain("\"rule\"");
	}

	@Test
	void aWrongPkceVerifierGetsNoToken() throws Exception {
		String launch = registerLaunch(PATIENT);
		JsonNode discovery = CdsClient.parse(get("/fhir/.well-known/smart-configuration", null).body());
		String redirect = base() + "/smart/app.html";
		String code = authorize(discovery.path("authorization_endpoint").asText(), launch, randomString(), redirect);
		HttpResponse<String> refused = post(discovery.path("token_endpoint").asText(), form(Map.of(
				"grant_type", "authorization_code", "code", code, "redirect_uri", redirect,
				"client_id", "stemirac-checklist", "code_verifier", randomString())));
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("invalid_grant").doesNotContain("access_token");
	}

	@Test
	void theCapabilityStatementNamesTheAuthorizationEndpoints() throws Exception {
		HttpResponse<String> metadata = get("/fhir/metadata", null);
		assertThat(metadata.statusCode()).isEqualTo(200);
		assertThat(metadata.body()).contains(SmartCapabilityStatement.OAUTH_URIS, "SMART-on-FHIR",
				base() + "/oauth2/authorize", base() + "/oauth2/token");
	}

	@Test
	void theCardsLinkTheChecklistAppForTheirPatient() throws Exception {
		String url = cdsUrl("/stemirac-patient-view");
		HttpResponse<String> answered = client.send(HttpRequest.newBuilder(URI.create(url))
				.header("Content-Type", "application/json").header("Authorization", "Bearer " + cdsToken(EHR, url))
				.POST(HttpRequest.BodyPublishers.ofString(CdsClient.request("patient-view", "demo-contraindicated").toString()))
				.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
		JsonNode cards = CdsClient.parse(answered.body()).path("cards");
		assertThat(cards.size()).isPositive();
		for (JsonNode card : cards) {
			JsonNode smart = StreamSupport.stream(card.path("links").spliterator(), false)
					.filter(link -> "smart".equals(link.path("type").asText())).findFirst().orElseThrow();
			assertThat(smart.path("url").asText()).isEqualTo(base() + "/smart/launch");
			assertThat(smart.path("label").asText()).contains("STEMIRAC チェックリスト", "STEMIRAC checklist");
			assertThat(smart.path("appContext").isTextual()).isTrue();
			assertThat(CdsClient.parse(smart.path("appContext").asText()).path("patient").asText()).isEqualTo("demo-contraindicated");
		}
	}

	// --- bad input: a clear 4xx, never a 500

	@Test
	void aLaunchWithoutContextIs400WithAnOperationOutcome() throws Exception {
		HttpResponse<String> none = get("/smart/launch", null);
		assertThat(none.statusCode()).isEqualTo(400);
		assertThat(none.headers().firstValue("Content-Type").orElse("")).startsWith("application/fhir+json");
		assertThat(none.body()).contains("OperationOutcome", "起動コンテキストがありません");

		HttpResponse<String> unknown = get("/smart/launch?iss=" + enc(base() + "/fhir") + "&launch=no-such-launch", "en");
		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(unknown.body()).contains("OperationOutcome", "unknown or has expired");

		HttpResponse<String> foreignIss = get("/smart/launch?iss=" + enc("https://evil.example/fhir") + "&launch="
				+ enc(registerLaunch(PATIENT)), "en");
		assertThat(foreignIss.statusCode()).isEqualTo(400);
		assertThat(foreignIss.body()).contains("OperationOutcome", "not this server's FHIR base");
	}

	@Test
	void authorizeWithoutAKnownLaunchIsAnOAuthError() throws Exception {
		Map<String, String> params = authorizeParams("", randomString(), base() + "/smart/app.html");
		params.remove("launch");
		HttpResponse<String> none = get("/oauth2/authorize?" + form(params), null);
		assertThat(none.statusCode()).isEqualTo(400);
		assertThat(CdsClient.parse(none.body()).path("error").asText()).isEqualTo("invalid_request");
		assertThat(none.headers().firstValue("Location")).isEmpty();

		HttpResponse<String> unknown = get("/oauth2/authorize?" + form(authorizeParams("forged", randomString(),
				base() + "/smart/app.html")), "en");
		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(CdsClient.parse(unknown.body()).path("error_description").asText()).contains("unknown or has expired");
	}

	@Test
	void registeringALaunchNeedsAPatientTheCallerMayRead() throws Exception {
		HttpResponse<String> noPatient = post(base() + "/smart/launches", "{\"appContext\":null}", ehrUser("user/*.rs"));
		assertThat(noPatient.statusCode()).isEqualTo(400);
		assertThat(noPatient.body()).contains("OperationOutcome", "patient");

		HttpResponse<String> notJson = post(base() + "/smart/launches", "{patient", ehrUser("user/*.rs"));
		assertThat(notJson.statusCode()).isEqualTo(400);

		HttpResponse<String> noToken = post(base() + "/smart/launches", "{\"patient\":\"" + PATIENT + "\"}", null);
		assertThat(noToken.statusCode()).isEqualTo(401);
		assertThat(noToken.body()).doesNotContain("launch\"");

		String otherPatientsToken = AUTH_SERVER.sign(AUTH_SERVER.claims("someone").claim("scope", "patient/*.rs")
				.claim("patient", OTHER).build());
		HttpResponse<String> forbidden = post(base() + "/smart/launches", "{\"patient\":\"" + PATIENT + "\"}", otherPatientsToken);
		assertThat(forbidden.statusCode()).isEqualTo(403);
		assertThat(forbidden.body()).contains("OperationOutcome").doesNotContain("\"launch\"");
	}

	// --- the steps

	private void assertEveryRuleOnce(JsonNode parameters) {
		Map<String, String> results = new HashMap<>();
		Map<String, String> sections = new HashMap<>();
		for (JsonNode parameter : parameters.path("parameter")) {
			if (!"rule".equals(parameter.path("name").asText())) continue;
			Map<String, String> parts = new HashMap<>();
			parameter.path("part").forEach(part -> parts.put(part.path("name").asText(),
					part.has("valueCode") ? part.path("valueCode").asText() : part.path("valueString").asText()));
			assertThat(results.put(parts.get("id"), parts.get("result"))).isNull();
			sections.put(parts.get("id"), parts.get("section"));
		}
		List<GuidelineRule> rules = Guideline.standard().rules();
		assertThat(results).hasSize(rules.size());
		rules.forEach(rule -> assertThat(sections).containsEntry(rule.definition().id(), rule.definition().section()));
		assertThat(results.values()).allMatch(List.of("fired", "clear", "not-applicable")::contains).contains("fired", "clear");
		assertThat(parameters.toString()).contains("\"eligibility\"", "\"claimRemarks\"", "\"marrowLastDay\"");
	}

	private String registerLaunch(String patient) throws Exception {
		HttpResponse<String> registered = post(base() + "/smart/launches",
				"{\"patient\":\"" + patient + "\",\"appContext\":\"{\\\"patient\\\":\\\"" + patient + "\\\"}\"}",
				ehrUser("user/*.rs"));
		assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
		String launch = CdsClient.parse(registered.body()).path("launch").asText();
		assertThat(launch).hasSizeGreaterThanOrEqualTo(20);
		return launch;
	}

	/** The EHR's signed-in user, as the FHIR API knows them. */
	private static String ehrUser(String scope) {
		return AUTH_SERVER.sign(AUTH_SERVER.claims("dr-ehr").claim("scope", scope).build());
	}

	private String authorize(String endpoint, String launch, String verifier, String redirect) throws Exception {
		Map<String, String> params = authorizeParams(launch, verifier, redirect);
		HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(endpoint + "?" + form(params))).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
		String location = answer.headers().firstValue("Location").orElseThrow();
		assertThat(location).startsWith(redirect + "?");
		Map<String, String> back = query(location);
		assertThat(back).containsEntry("state", params.get("state")).doesNotContainKey("error");
		return back.get("code");
	}

	private JsonNode token(String endpoint, String code, String verifier, String redirect) throws Exception {
		HttpResponse<String> answer = post(endpoint, form(Map.of("grant_type", "authorization_code", "code", code,
				"redirect_uri", redirect, "client_id", "stemirac-checklist", "code_verifier", verifier)));
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		return CdsClient.parse(answer.body());
	}

	private Map<String, String> authorizeParams(String launch, String verifier, String redirect) throws Exception {
		Map<String, String> params = new LinkedHashMap<>();
		params.put("response_type", "code");
		params.put("client_id", "stemirac-checklist");
		params.put("redirect_uri", redirect);
		params.put("scope", SCOPES);
		params.put("state", randomString());
		params.put("aud", base() + "/fhir");
		params.put("launch", launch);
		params.put("code_challenge", Base64.getUrlEncoder().withoutPadding().encodeToString(
				MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII))));
		params.put("code_challenge_method", "S256");
		return params;
	}

	private HttpResponse<String> get(String path, String tokenOrLanguage) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).GET();
		if (tokenOrLanguage != null && tokenOrLanguage.length() > 8) request.header("Authorization", "Bearer " + tokenOrLanguage);
		else if (tokenOrLanguage != null) request.header("Accept-Language", tokenOrLanguage);
		return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private HttpResponse<String> post(String url, String form) throws IOException, InterruptedException {
		return client.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private HttpResponse<String> post(String url, String json, String token) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(json));
		if (token != null) request.header("Authorization", "Bearer " + token);
		return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private static String form(Map<String, String> params) {
		return params.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
	}

	private static Map<String, String> query(String url) {
		Map<String, String> values = new HashMap<>();
		UriComponentsBuilder.fromUriString(url).build().getQueryParams().forEach((name, list) ->
				values.put(name, java.net.URLDecoder.decode(list.get(0), StandardCharsets.UTF_8)));
		return values;
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static String randomString() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}
}
