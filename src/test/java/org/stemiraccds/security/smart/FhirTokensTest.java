package org.stemiraccds.security.smart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.stemiraccds.security.SecurityProperties;
import org.stemiraccds.security.TestIssuer;

/** How the FHIR API's tokens are verified, without a server: key sources, issuer, audience, start-up. */
class FhirTokensTest {
	private static final TestIssuer AUTH = new TestIssuer("https://auth.example.org", "k1");

	private static JwtDecoder decoder(String issuer, String jwkSetUri, String jwksFile, String audience) {
		SecurityProperties properties = new SecurityProperties(true,
				new SecurityProperties.FhirApi(issuer, jwkSetUri, jwksFile, audience, "stemirac/admin",
						Duration.ofSeconds(60), Duration.ofSeconds(1)),
				null);
		return new FhirTokens(properties, mock(SecurityOutcomes.class), mock(org.springframework.beans.factory.ObjectProvider.class)).decoder();
	}

	@Test
	void aTokenOfTheConfiguredIssuerAndKeysIsAccepted() {
		JwtDecoder decoder = decoder(AUTH.issuer(), null, AUTH.jwksFile().toString(), null);
		String token = AUTH.sign(AUTH.claims("alice").claim("scope", "user/*.rs").build());
		assertThat(decoder.decode(token).getClaimAsString("scope")).isEqualTo("user/*.rs");
	}

	@Test
	void theAudienceIsRequiredWhenConfigured() {
		JwtDecoder decoder = decoder(AUTH.issuer(), null, AUTH.jwksFile().toString(), "https://cds.example.org/fhir");
		assertThatThrownBy(() -> decoder.decode(AUTH.sign(AUTH.claims("alice").audience("https://other.example.org").build())))
				.isInstanceOf(JwtException.class);
		assertThat(decoder.decode(AUTH.sign(AUTH.claims("alice").audience(List.of("https://cds.example.org/fhir")).build()))
				.getSubject()).isEqualTo("alice");
	}

	@Test
	void discoveryWaitsForTheFirstTokenSoStartUpDoesNotNeedTheAuthorizationServer() {
		JwtDecoder decoder = decoder("http://127.0.0.1:9/unreachable", null, null, null);
		// refused as a bad token (401), not an internal error (500)
		assertThatThrownBy(() -> decoder.decode(AUTH.sign(AUTH.claims("alice").build()))).isInstanceOf(BadJwtException.class);
	}

	@Test
	void anUnreachableJwksUrlRefusesTheTokenAsInvalid() {
		JwtDecoder decoder = decoder(null, "http://127.0.0.1:9/jwks", null, null);
		assertThatThrownBy(() -> decoder.decode(AUTH.sign(AUTH.claims("alice").build()))).isInstanceOf(BadJwtException.class);
	}

	@Test
	void noKeySourceIsAConfigurationError() {
		assertThatThrownBy(() -> decoder(null, null, null, null)).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("stemirac.security.fhir");
	}
}
