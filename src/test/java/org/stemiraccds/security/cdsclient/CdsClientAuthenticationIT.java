package org.stemiraccds.security.cdsclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.stemiraccds.cds.CdsClient;
import org.stemiraccds.cds.cards.CardTexts;
import org.stemiraccds.fhir.FhirHttp;
import org.stemiraccds.security.SecuredServerTestBase;
import org.stemiraccds.security.SecurityProperties;
import org.stemiraccds.security.TestIssuer;

/**
 * /cds-services with security on, as an EHR calls it: a valid CDS client JWT passes on discovery, a hook call and
 * feedback; every forged, stale, replayed or misaddressed token is refused with 401 and the CDS Hooks JSON error,
 * before the call reads or stores anything (no card issued, no AuditEvent, no jti remembered).
 */
class CdsClientAuthenticationIT extends SecuredServerTestBase {
	private static final String VIEW = "stemirac-patient-view";
	private static final HttpClient client = HttpClient.newHttpClient();

	@Autowired
	private JdbcTemplate jdbc;
	@Autowired
	private CardTexts texts;
	@Autowired
	private SecurityProperties properties;
	/** AuditEvents are stored in the background: counts wait until what earlier calls queued is stored. */
	@Autowired
	private org.stemiraccds.audit.AuditTrail auditTrail;

	private record Response(int status, JsonNode json, String challenge) {}

	private record Counts(int issuedCards, int auditEvents, int rememberedJtis) {}

	@BeforeEach
	void demoPatients() {
		loadDemoPatients();
	}

	private String url(String path) {
		return cdsUrl(path);
	}

	private static String bearer(TestIssuer issuer, String aud) {
		return "Bearer " + cdsToken(issuer, aud);
	}

	private Response discovery(String authorization) {
		return send(HttpRequest.newBuilder(URI.create(url(""))).GET(), authorization, null);
	}

	private Response view(String authorization, String acceptLanguage) {
		return post("/" + VIEW, CdsClient.request("patient-view", "demo-contraindicated").toString(), authorization, acceptLanguage);
	}

	private Response feedback(String authorization, String cardUuid) {
		ObjectNode body = CdsClient.JSON.createObjectNode();
		body.putArray("feedback").addObject().put("card", cardUuid).put("outcome", "overridden")
				.put("outcomeTimestamp", "2026-11-25T10:05:00+09:00");
		return post("/" + VIEW + "/feedback", body.toString(), authorization, null);
	}

	private Response post(String path, String body, String authorization, String acceptLanguage) {
		return send(HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)), authorization, acceptLanguage);
	}

	private static Response send(HttpRequest.Builder request, String authorization, String acceptLanguage) {
		request.header("Accept", "application/json");
		if (authorization != null) request.header("Authorization", authorization);
		if (acceptLanguage != null) request.header("Accept-Language", acceptLanguage);
		try {
			HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new Response(response.statusCode(), CdsClient.parse(response.body()),
					response.headers().firstValue("WWW-Authenticate").orElse(null));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private Counts counts() {
		assertThat(auditTrail.awaitIdle(java.time.Duration.ofSeconds(30))).as("audit events stored").isTrue();
		return new Counts(count("SELECT COUNT(*) FROM stemirac_issued_card"),
				count("SELECT COUNT(*) FROM HFJ_RESOURCE WHERE RES_TYPE = 'AuditEvent'"),
				count("SELECT COUNT(*) FROM " + ReplayCache.TABLE));
	}

	private int count(String sql) {
		return jdbc.queryForObject(sql, Integer.class);
	}

	/** A card of a valid call, for feedback that would be stored if its token were accepted. */
	private String issuedCard() {
		Response view = view(bearer(EHR, url("/" + VIEW)), null);
		assertThat(view.status()).as(view.json().toString()).isEqualTo(200);
		return view.json().path("cards").get(0).path("uuid").asText();
	}

	@Test
	void aValidTokenPassesOnDiscoveryAHookCallAndFeedback() {
		Response discovery = discovery(bearer(EHR, url("")));
		assertThat(discovery.status()).isEqualTo(200);
		assertThat(discovery.json().path("services")).hasSize(3);
		Counts before = counts();
		Response view = view(bearer(EHR, url("/" + VIEW)), null);
		assertThat(view.status()).isEqualTo(200);
		assertThat(view.json().path("cards")).isNotEmpty();
		assertThat(counts().issuedCards()).isGreaterThan(before.issuedCards());

		String card = view.json().path("cards").get(0).path("uuid").asText();
		Response feedback = feedback(bearer(EHR, url("/" + VIEW + "/feedback")), card);
		assertThat(feedback.status()).as(feedback.json().toString()).isEqualTo(200);
		assertThat(counts().auditEvents()).isGreaterThan(before.auditEvents());
		assertThat(discovery(bearer(NARROW_EHR, url(""))).status()).as("the second registered EHR").isEqualTo(200);
	}

	@Test
	void aKeyFromTheIssuersAllowedJkuIsAccepted() {
		String token = EHR_JKU_KEY.sign(header(EHR_JKU_KEY).jwkURL(URI.create(EHR_JKU)).build(),
				EHR_JKU_KEY.claims("ehr-client").audience(url("")).build());
		assertThat(discovery("Bearer " + token).status()).isEqualTo(200);
	}

	private static JWSHeader.Builder header(TestIssuer issuer) {
		return new JWSHeader.Builder(JWSAlgorithm.RS384).keyID(issuer.key().getKeyID()).type(JOSEObjectType.JWT);
	}

	private static Function<String, String> signed(TestIssuer issuer, Function<JWTClaimsSet.Builder, JWTClaimsSet.Builder> change) {
		return aud -> "Bearer " + issuer.sign(change.apply(issuer.claims("ehr-client").audience(aud)).build());
	}

	/**
	 * The token (made for each endpoint's URL) is refused on discovery, the hook call and feedback, with 401, the
	 * challenge, the JSON error naming the check that failed, and nothing read or stored.
	 */
	private void assertRefused(Function<String, String> authorizationFor, Refusal refusal, Map<String, String> values) {
		String card = issuedCard();
		Counts before = counts();
		Map<String, Response> responses = new LinkedHashMap<>();
		responses.put(url(""), discovery(authorizationFor.apply(url(""))));
		responses.put(url("/" + VIEW), view(authorizationFor.apply(url("/" + VIEW)), null));
		responses.put(url("/" + VIEW + "/feedback"), feedback(authorizationFor.apply(url("/" + VIEW + "/feedback")), card));
		for (Map.Entry<String, Response> called : responses.entrySet()) {
			Response response = called.getValue();
			Map<String, String> words = new HashMap<>(values);
			words.putIfAbsent("url", called.getKey());
			assertThat(response.status()).as(response.json().toString()).isEqualTo(401);
			assertThat(response.challenge()).isEqualTo(refusal == Refusal.MISSING ? "Bearer" : "Bearer error=\"invalid_token\"");
			assertThat(response.json().path("error").asText()).isEqualTo("unauthorized");
			assertThat(response.json().path("message").asText()).isEqualTo(texts.message("error.unauthorized", Locale.JAPANESE));
			assertThat(response.json().path("detail").asText()).isEqualTo(texts.message(refusal.detailKey(), Locale.JAPANESE, words));
			assertThat(response.json().path("status").asInt()).isEqualTo(401);
			assertThat(response.json().toString()).doesNotContain("Exception", "nimbusds", "java.", "\"n\":", "\"e\":");
		}
		assertThat(counts()).as("nothing of a refused call is read or stored").isEqualTo(before);
	}

	@Test
	void aForgedSignatureIsRefused() {
		TestIssuer forger = new TestIssuer(EHR.issuer(), EHR.key().getKeyID());
		assertRefused(signed(forger, claims -> claims), Refusal.SIGNATURE, Map.of());
	}

	@Test
	void aTokenForAnotherUrlIsRefused() {
		assertRefused(aud -> bearer(EHR, "https://other-cds.example.org/cds-services"), Refusal.AUDIENCE, Map.of());
		Response discoveryTokenOnService = view(bearer(EHR, url("")), null);
		assertThat(discoveryTokenOnService.status()).isEqualTo(401);
		assertThat(discoveryTokenOnService.json().path("detail").asText()).contains(url("/" + VIEW));
	}

	@Test
	void expiredAndNotYetValidTokensAreRefused() {
		Instant now = Instant.now();
		assertRefused(signed(EHR, claims -> claims.issueTime(Date.from(now.minusSeconds(900)))
				.expirationTime(Date.from(now.minusSeconds(600)))), Refusal.EXPIRED, Map.of());
		assertRefused(signed(EHR, claims -> claims.notBeforeTime(Date.from(now.plusSeconds(600)))), Refusal.NOT_YET_VALID, Map.of());
		assertRefused(signed(EHR, claims -> claims.issueTime(Date.from(now.plusSeconds(600)))), Refusal.ISSUED_IN_FUTURE, Map.of());
	}

	@Test
	void aReplayedJtiIsRefused() {
		String token = bearer(EHR, url("/" + VIEW));
		assertThat(view(token, null).status()).isEqualTo(200);
		Counts before = counts();
		Response replayed = view(token, null);
		assertThat(replayed.status()).isEqualTo(401);
		assertThat(replayed.json().path("detail").asText()).isEqualTo(texts.message(Refusal.REPLAYED.detailKey(), Locale.JAPANESE));
		assertThat(counts()).isEqualTo(before);
	}

	@Test
	void anotherInstanceOnTheSameDatabaseRefusesAJtiThisOneAccepted() {
		String token = EHR.sign(EHR.claims("ehr-client").audience(url("")).build());
		assertThat(discovery("Bearer " + token).status()).isEqualTo(200);
		CdsClientTokenVerifier secondInstance = CdsClientTokenVerifier.of(properties.cds(), CdsClientKeyFetching.DEFAULTS, jdbc,
				Clock.systemUTC());
		assertThatThrownBy(() -> secondInstance.verify(token, url(""))).isInstanceOfSatisfying(TokenRefused.class,
				refused -> assertThat(refused.refusal()).isEqualTo(Refusal.REPLAYED));
	}

	@Test
	void aTokenWithoutJtiIsRefused() {
		assertRefused(signed(EHR, claims -> claims.jwtID(null)), Refusal.CLAIM_MISSING, Map.of("claim", "jti"));
	}

	@Test
	void anUnknownKidIsRefused() {
		assertRefused(aud -> "Bearer " + EHR.sign(header(EHR).keyID("no-such-key").build(), EHR.claims("c").audience(aud).build()),
				Refusal.NO_MATCHING_KEY, Map.of());
	}

	@Test
	void algNoneIsRefused() {
		assertRefused(aud -> "Bearer " + new PlainJWT(EHR.claims("c").audience(aud).build()).serialize(), Refusal.UNSIGNED, Map.of());
	}

	@Test
	void hmacSignedWithThePublicKeyAsSecretIsRefused() {
		assertRefused(aud -> {
			try {
				SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(EHR.key().getKeyID()).build(),
						EHR.claims("c").audience(aud).build());
				jwt.sign(new MACSigner(EHR.key().toRSAPublicKey().getEncoded()));
				return "Bearer " + jwt.serialize();
			} catch (JOSEException e) {
				throw new IllegalStateException(e);
			}
		}, Refusal.ALGORITHM, Map.of());
	}

	@Test
	void aJkuOffTheAllowListIsRefusedAndNeverFetched() {
		TestIssuer attacker = new TestIssuer(EHR.issuer(), "attacker-key");
		String attackerJku = KEY_SERVER.publish("/attacker/jwks.json",
				new JWKSet(attacker.key().toPublicJWK()).toString());
		assertRefused(aud -> "Bearer " + attacker.sign(header(attacker).jwkURL(URI.create(attackerJku)).build(),
				attacker.claims("c").audience(aud).build()), Refusal.JKU_NOT_ALLOWED, Map.of());
		assertThat(KEY_SERVER.hits("/attacker/jwks.json")).isZero();
	}

	@Test
	void anUnknownIssuerIsRefused() {
		assertRefused(signed(new TestIssuer("https://stranger.example.org", "stranger-key"), claims -> claims),
				Refusal.UNKNOWN_ISSUER, Map.of());
	}

	@Test
	void aMissingOrMalformedAuthorizationIsRefused() {
		assertRefused(aud -> null, Refusal.MISSING, Map.of());
		assertRefused(aud -> "Bearer abc", Refusal.MALFORMED, Map.of());
		assertRefused(aud -> "Basic dXNlcjpwYXNzd29yZA==", Refusal.NOT_BEARER, Map.of());
		assertRefused(aud -> "Bearer", Refusal.MALFORMED, Map.of());
	}

	@Test
	void theErrorSpeaksEnglishWhenTheRequestPrefersIt() {
		Response refused = view(null, "en-US,en;q=0.9");
		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.json().path("message").asText()).isEqualTo("The CDS client could not be authenticated");
		assertThat(refused.json().path("detail").asText()).contains("No bearer token");
		Response expired = view(bearer(EHR, "https://elsewhere.example.org/cds-services"), "en");
		assertThat(expired.json().path("detail").asText()).startsWith("aud does not name the URL called");
	}
}
