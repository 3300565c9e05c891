package org.stemiraccds.security.cdsclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.stemiraccds.security.Caller;
import org.stemiraccds.security.SecurityProperties;
import org.stemiraccds.security.SecurityProperties.CdsClient;
import org.stemiraccds.security.TestIssuer;

/** The CDS client JWT checks without a server: one H2 database per test as the replay cache, keys from files and a local key server. */
class CdsClientTokenVerifierTest {
	private static final String URL = "https://cds.example.org/cds-services/stemirac-patient-view";
	private static final TestIssuer EHR = new TestIssuer("https://ehr.example.org", "ehr-key-1");
	private static final TestIssuer OTHER_EHR = new TestIssuer("https://other-ehr.example.org", "other-key-1");
	/** Same issuer and kid as EHR, another key pair: what a forger would sign with. */
	private static final TestIssuer FORGER = new TestIssuer("https://ehr.example.org", "ehr-key-1");
	/** EHR's second key, published only at its allowed jku URL. */
	private static final TestIssuer EHR_JKU_KEY = new TestIssuer("https://ehr.example.org", "ehr-jku-key");
	/** A client whose keys are fetched from its jwks-uri. */
	private static final TestIssuer REMOTE_EHR = new TestIssuer("https://remote-ehr.example.org", "remote-key-1");
	private static final JwksServer KEYS = JwksServer.start();
	private static final String ALLOWED_JKU = KEYS.publish("/ehr/jwks.json", new JWKSet(EHR_JKU_KEY.key().toPublicJWK()).toString());
	private static final String OTHER_JKU = KEYS.publish("/attacker/jwks.json", new JWKSet(FORGER.key().toPublicJWK()).toString());
	private static final String REMOTE_JWKS = KEYS.publish("/remote/jwks.json", new JWKSet(REMOTE_EHR.key().toPublicJWK()).toString());

	private JdbcTemplate database;
	private CdsClientTokenVerifier verifier;

	@BeforeEach
	void newDatabase() {
		database = new JdbcTemplate(new DriverManagerDataSource("jdbc:h2:mem:replay-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
		verifier = verifier(database);
	}

	@AfterAll
	static void stopKeyServer() {
		KEYS.stop();
	}

	private static CdsClientTokenVerifier verifier(JdbcTemplate database) {
		return CdsClientTokenVerifier.of(cds(), CdsClientKeyFetching.DEFAULTS, database, Clock.systemUTC());
	}

	private static SecurityProperties.Cds cds() {
		return new SecurityProperties.Cds(List.of(
				new CdsClient(EHR.issuer(), null, EHR.jwksFile().toString(), List.of(ALLOWED_JKU), List.of("https://ehr.example.org/fhir"),
						List.of("system/*.rs")),
				new CdsClient(OTHER_EHR.issuer(), null, OTHER_EHR.jwksFile().toString(), List.of(), List.of(), List.of("system/Patient.rs")),
				new CdsClient(REMOTE_EHR.issuer(), REMOTE_JWKS, null, List.of(), List.of(), List.of("system/*.rs"))),
				Duration.ofSeconds(60), Duration.ofMinutes(10));
	}

	private static JWTClaimsSet.Builder claims(TestIssuer issuer) {
		return issuer.claims("ehr-client").audience(URL);
	}

	private static JWSHeader.Builder header(TestIssuer issuer) {
		return new JWSHeader.Builder(JWSAlgorithm.RS384).keyID(issuer.key().getKeyID()).type(JOSEObjectType.JWT);
	}

	private int replayRows() {
		return database.queryForObject("SELECT COUNT(*) FROM " + ReplayCache.TABLE, Integer.class);
	}

	private void assertRefused(String token, Refusal refusal) {
		int rows = replayRows();
		assertThatThrownBy(() -> verifier.verify(token, URL)).isInstanceOfSatisfying(TokenRefused.class,
				refused -> assertThat(refused.refusal()).isEqualTo(refusal));
		assertThat(replayRows()).as("a refused token takes no row of the replay cache").isEqualTo(rows);
	}

	@Test
	void aValidTokenNamesTheCallerWithTheRightsOfItsRegistration() throws TokenRefused {
		Caller caller = verifier.verify(EHR.sign(claims(EHR).build()), URL);
		assertThat(caller).isEqualTo(new Caller(EHR.issuer(), "ehr-client", Set.of("system/*.rs"), java.util.Optional.empty(),
				List.of("https://ehr.example.org/fhir"), false));
		assertThat(verifier.verify(OTHER_EHR.sign(claims(OTHER_EHR).build()), URL).scopes()).containsExactly("system/Patient.rs");
		assertThat(replayRows()).isEqualTo(2);
	}

	@Test
	void audMayBeAListThatNamesTheUrlCalled() throws TokenRefused {
		String token = EHR.sign(claims(EHR).audience(List.of("https://elsewhere.example.org/cds-services", URL)).build());
		assertThat(verifier.verify(token, URL).issuer()).isEqualTo(EHR.issuer());
	}

	@Test
	void es384IsAcceptedAsCdsHooksRequires() throws Exception {
		ECKey key = new ECKeyGenerator(Curve.P_384).keyID("ec-key-1").generate();
		Path jwks = Files.createTempFile("jwks-ec-", ".json");
		Files.writeString(jwks, new JWKSet(key.toPublicJWK()).toString());
		jwks.toFile().deleteOnExit();
		CdsClientTokenVerifier ec = CdsClientTokenVerifier.of(new SecurityProperties.Cds(
				List.of(new CdsClient("https://ec-ehr.example.org", null, jwks.toString(), List.of(), List.of(), List.of("system/*.rs"))),
				Duration.ofSeconds(60), Duration.ofMinutes(10)), CdsClientKeyFetching.DEFAULTS, database, Clock.systemUTC());
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES384).keyID("ec-key-1").build(),
				new TestIssuer("https://ec-ehr.example.org", "unused").claims("ec").audience(URL).build());
		jwt.sign(new ECDSASigner(key));
		assertThat(ec.verify(jwt.serialize(), URL).issuer()).isEqualTo("https://ec-ehr.example.org");
	}

	@Test
	void keysAreFetchedFromAJwksUri() throws TokenRefused {
		assertThat(verifier.verify(REMOTE_EHR.sign(claims(REMOTE_EHR).build()), URL).issuer()).isEqualTo(REMOTE_EHR.issuer());
		assertThat(KEYS.hits("/remote/jwks.json")).isPositive();
	}

	@Test
	void unreachableKeysRefuseTheTokenWithoutHanging() {
		CdsClientTokenVerifier unreachable = CdsClientTokenVerifier.of(new SecurityProperties.Cds(
				List.of(new CdsClient(REMOTE_EHR.issuer(), KEYS.url("/nothing-here.json"), null, List.of(), List.of(), List.of())),
				Duration.ofSeconds(60), Duration.ofMinutes(10)), CdsClientKeyFetching.DEFAULTS, database, Clock.systemUTC());
		assertThatThrownBy(() -> unreachable.verify(REMOTE_EHR.sign(claims(REMOTE_EHR).build()), URL))
				.isInstanceOfSatisfying(TokenRefused.class, refused -> assertThat(refused.refusal()).isEqualTo(Refusal.KEYS_UNAVAILABLE));
	}

	@Test
	void aForgedSignatureIsRefused() {
		assertRefused(FORGER.sign(claims(FORGER).build()), Refusal.SIGNATURE);
	}

	@Test
	void aTokenForAnotherUrlIsRefused() {
		assertRefused(EHR.sign(claims(EHR).audience("https://cds.example.org/cds-services/other").build()), Refusal.AUDIENCE);
		assertRefused(EHR.sign(claims(EHR).audience("https://cds.example.org/cds-services").build()), Refusal.AUDIENCE);
	}

	@Test
	void expiredAndNotYetValidTokensAreRefusedBeyondTheClockSkew() throws TokenRefused {
		Instant now = Instant.now();
		assertRefused(EHR.sign(claims(EHR).issueTime(Date.from(now.minusSeconds(600)))
				.expirationTime(Date.from(now.minusSeconds(300))).build()), Refusal.EXPIRED);
		assertRefused(EHR.sign(claims(EHR).notBeforeTime(Date.from(now.plusSeconds(120))).build()), Refusal.NOT_YET_VALID);
		assertRefused(EHR.sign(claims(EHR).issueTime(Date.from(now.plusSeconds(120))).build()), Refusal.ISSUED_IN_FUTURE);
		assertRefused(EHR.sign(claims(EHR).expirationTime(Date.from(now.plusSeconds(3600))).build()), Refusal.LIFETIME_TOO_LONG);
		String withinSkew = EHR.sign(claims(EHR).issueTime(Date.from(now.plusSeconds(20)))
				.expirationTime(Date.from(now.minusSeconds(20))).build());
		assertThat(verifier.verify(withinSkew, URL).issuer()).isEqualTo(EHR.issuer());
	}

	@Test
	void aReplayedJtiIsRefusedAlsoByAnotherInstanceOnTheSameDatabase() throws TokenRefused {
		String token = EHR.sign(claims(EHR).build());
		verifier.verify(token, URL);
		assertRefused(token, Refusal.REPLAYED);
		CdsClientTokenVerifier secondInstance = verifier(database);
		String sameJti = EHR.sign(claims(EHR).jwtID(claimsOf(token).getJWTID()).build());
		assertThatThrownBy(() -> secondInstance.verify(sameJti, URL)).isInstanceOfSatisfying(TokenRefused.class,
				refused -> assertThat(refused.refusal()).isEqualTo(Refusal.REPLAYED));
		String anotherIssuerSameJti = OTHER_EHR.sign(claims(OTHER_EHR).jwtID(claimsOf(token).getJWTID()).build());
		assertThat(secondInstance.verify(anotherIssuerSameJti, URL).issuer()).as("jti is unique per issuer").isEqualTo(OTHER_EHR.issuer());
	}

	@Test
	void expiredRowsArePurged() throws TokenRefused {
		Instant now = Instant.now();
		verifier.verify(EHR.sign(claims(EHR).expirationTime(Date.from(now.minusSeconds(30))).build()), URL);
		assertThat(replayRows()).isEqualTo(1);
		CdsClientTokenVerifier later = CdsClientTokenVerifier.of(cds(), CdsClientKeyFetching.DEFAULTS, database,
				Clock.offset(Clock.systemUTC(), Duration.ofSeconds(45)));
		later.verify(EHR.sign(claims(EHR).issueTime(Date.from(now)).build()), URL);
		assertThat(replayRows()).as("the first token's row outlived it, then went").isEqualTo(1);
	}

	@Test
	void everyRequiredClaimIsRequired() {
		for (String claim : List.of("jti", "sub", "iat", "exp", "aud")) {
			JWTClaimsSet without = new JWTClaimsSet.Builder(claims(EHR).build()).claim(claim, null).build();
			int rows = replayRows();
			assertThatThrownBy(() -> verifier.verify(EHR.sign(without), URL)).isInstanceOfSatisfying(TokenRefused.class, refused -> {
				assertThat(refused.refusal()).isEqualTo(Refusal.CLAIM_MISSING);
				assertThat(refused.values()).containsEntry("claim", claim);
			});
			assertThat(replayRows()).isEqualTo(rows);
		}
		assertRefused(EHR.sign(claims(EHR).jwtID("x".repeat(ReplayCache.MAX_JTI_LENGTH + 1)).build()), Refusal.JTI_TOO_LONG);
	}

	@Test
	void claimsOfTheWrongTypeAreRefusedNotFailedOn() {
		for (String claim : List.of("jti", "sub", "aud", "exp", "iat", "nbf", "iss")) {
			int rows = replayRows();
			JWTClaimsSet wrong = new JWTClaimsSet.Builder(claims(EHR).build()).claim(claim, List.of(Map.of("x", 1))).build();
			assertThatThrownBy(() -> verifier.verify(EHR.sign(wrong), URL)).as(claim).isInstanceOf(TokenRefused.class);
			assertThat(replayRows()).isEqualTo(rows);
		}
		JWTClaimsSet numericJti = new JWTClaimsSet.Builder(claims(EHR).build()).claim("jti", 12345).build();
		assertThatThrownBy(() -> verifier.verify(EHR.sign(numericJti), URL)).isInstanceOf(TokenRefused.class);
	}

	@Test
	void theKidMustNameOneOfTheIssuersKeys() {
		assertRefused(EHR.sign(header(EHR).keyID("no-such-key").build(), claims(EHR).build()), Refusal.NO_MATCHING_KEY);
		assertRefused(EHR.sign(header(EHR).keyID(null).build(), claims(EHR).build()), Refusal.NO_KID);
	}

	@Test
	void anUnsignedTokenIsRefused() {
		assertRefused(new PlainJWT(claims(EHR).build()).serialize(), Refusal.UNSIGNED);
	}

	@Test
	void hmacSignedWithThePublicKeyAsSecretIsRefused() throws Exception {
		for (JWSAlgorithm hmac : List.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512)) {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(hmac).keyID(EHR.key().getKeyID()).type(JOSEObjectType.JWT).build(),
					claims(EHR).build());
			jwt.sign(new MACSigner(publicKeyAsSecret()));
			assertRefused(jwt.serialize(), Refusal.ALGORITHM);
		}
	}

	private static byte[] publicKeyAsSecret() throws JOSEException {
		byte[] der = EHR.key().toRSAPublicKey().getEncoded();
		byte[] pem = ("-----BEGIN PUBLIC KEY-----\n" + java.util.Base64.getMimeEncoder().encodeToString(der)
				+ "\n-----END PUBLIC KEY-----\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
		return pem;
	}

	@Test
	void aJkuOnTheIssuersAllowListIsUsedAndAnyOtherIsNotEvenFetched() throws TokenRefused {
		String viaJku = EHR_JKU_KEY.sign(header(EHR_JKU_KEY).jwkURL(URI.create(ALLOWED_JKU)).build(), claims(EHR_JKU_KEY).build());
		assertThat(verifier.verify(viaJku, URL).issuer()).isEqualTo(EHR.issuer());
		assertThat(KEYS.hits("/ehr/jwks.json")).isPositive();

		String offList = FORGER.sign(header(FORGER).jwkURL(URI.create(OTHER_JKU)).build(), claims(FORGER).build());
		assertRefused(offList, Refusal.JKU_NOT_ALLOWED);
		assertThat(KEYS.hits("/attacker/jwks.json")).as("an unlisted jku is never fetched").isZero();
		String withoutJku = EHR_JKU_KEY.sign(header(EHR_JKU_KEY).build(), claims(EHR_JKU_KEY).build());
		assertRefused(withoutJku, Refusal.NO_MATCHING_KEY);
	}

	@Test
	void unknownIssuersMalformedTokensAndOtherTypesAreRefused() {
		TestIssuer stranger = new TestIssuer("https://stranger.example.org", "ehr-key-1");
		assertRefused(stranger.sign(claims(stranger).build()), Refusal.UNKNOWN_ISSUER);
		assertRefused("abc", Refusal.MALFORMED);
		assertRefused("a.b.c", Refusal.MALFORMED);
		assertRefused(EHR.sign(header(EHR).type(new JOSEObjectType("at+jwt")).build(), claims(EHR).build()), Refusal.TYPE);
	}

	@Test
	void aRegistrationNeedsExactlyOneSourceOfKeys() {
		for (CdsClient bad : List.of(new CdsClient("https://x.example.org", null, null, List.of(), List.of(), List.of()),
				new CdsClient("https://x.example.org", REMOTE_JWKS, EHR.jwksFile().toString(), List.of(), List.of(), List.of()),
				new CdsClient("https://x.example.org", null, "/no/such/file.json", List.of(), List.of(), List.of()))) {
			assertThatThrownBy(() -> CdsClientTokenVerifier.of(new SecurityProperties.Cds(List.of(bad), Duration.ZERO, Duration.ofMinutes(5)),
					CdsClientKeyFetching.DEFAULTS, database, Clock.systemUTC())).isInstanceOf(IllegalStateException.class);
		}
	}

	private static JWTClaimsSet claimsOf(String token) {
		try {
			return SignedJWT.parse(token).getJWTClaimsSet();
		} catch (java.text.ParseException e) {
			throw new IllegalStateException(e);
		}
	}
}
