package org.stemiraccds.fhir;

import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;

/**
 * Which browser origins may call this server (Fetch Standard § CORS protocol): only those listed in
 * stemirac.fhir.cors-allowed-origins, none by default. A wildcard ("*", "https://*.example.org") with
 * stemirac.security.enabled=true stops the start-up: with security on the list names the sites that may
 * host a browser client, one by one. No credentials (cookies) are allowed: the API takes bearer tokens.
 */
@Component
public class CorsPolicy {
	/** FHIR REST (FHIR R4 § 3.1.0): read, search, create, update, patch, delete. */
	static final List<String> FHIR_METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");
	private final List<String> origins;

	public CorsPolicy(FhirServerProperties properties,
			@Value("${stemirac.security.enabled:false}") boolean securityEnabled) {
		this.origins = List.copyOf(properties.corsAllowedOrigins());
		requireNoWildcardWhenSecured(origins, securityEnabled);
	}

	static void requireNoWildcardWhenSecured(List<String> origins, boolean securityEnabled) {
		if (!securityEnabled) return;
		origins.stream().filter(origin -> origin.contains("*")).findFirst().ifPresent(wildcard -> {
			throw new IllegalStateException("stemirac.fhir.cors-allowed-origins holds the wildcard \"" + wildcard
					+ "\" while stemirac.security.enabled=true: list each allowed origin, e.g. https://app.example.org");
		});
	}

	/** The origins, each an exact origin or a pattern of Spring's CorsConfiguration#addAllowedOriginPattern. */
	public List<String> origins() {
		return origins;
	}

	/** The /fhir endpoint's CORS rules. */
	CorsConfiguration fhir() {
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOrigins(List.of());
		cors.setAllowedOriginPatterns(origins);
		cors.setAllowedMethods(FHIR_METHODS);
		cors.addAllowedHeader(CorsConfiguration.ALL);
		cors.setExposedHeaders(List.of("Location", "Content-Location", "ETag", "Last-Modified"));
		cors.setAllowCredentials(false);
		return cors;
	}
}
