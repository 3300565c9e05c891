package org.stemiraccds.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.web.cors.CorsConfiguration;

/** A wildcard CORS origin stops the start-up when security is on; the /fhir rules allow no credentials. */
class CorsPolicyTest {

	@Test
	void wildcardWithSecurityOnIsRefused() {
		assertThatThrownBy(() -> policy(List.of("*"), true))
				.isInstanceOf(IllegalStateException.class).hasMessageContaining("stemirac.fhir.cors-allowed-origins");
		assertThatThrownBy(() -> policy(List.of("https://app.example.org", "https://*.example.org"), true))
				.isInstanceOf(IllegalStateException.class).hasMessageContaining("https://*.example.org");
	}

	@Test
	void exactOriginsWithSecurityOnAndWildcardsWithSecurityOffAreAccepted() {
		assertThatCode(() -> policy(List.of("https://app.example.org"), true)).doesNotThrowAnyException();
		assertThatCode(() -> policy(List.of(), true)).doesNotThrowAnyException();
		assertThatCode(() -> policy(List.of("http://localhost:[*]"), false)).doesNotThrowAnyException();
	}

	@Test
	void noOriginAllowedByDefault() {
		CorsConfiguration fhir = policy(List.of(), false).fhir();
		assertThat(fhir.checkOrigin("https://evil.example")).isNull();
		assertThat(fhir.getAllowCredentials()).isFalse();
		assertThat(fhir.getAllowedMethods()).containsExactly("GET", "POST", "PUT", "PATCH", "DELETE");
	}

	private static CorsPolicy policy(List<String> origins, boolean securityEnabled) {
		return new CorsPolicy(new FhirServerProperties("test", 20, 200, 1000, 100, origins), securityEnabled);
	}
}
