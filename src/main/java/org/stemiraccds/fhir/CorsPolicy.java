package org.stemiraccds.fhir;

import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;

/**
 * Which browser origins may call this server (Fetch Standard § CORS protocol): only those listed in
 * stemirac.fhir.cors-allowed-origins, none by default. A wildcard ("*", "https://*.example.org") with
 * stemirac.security.enabled=true stops the start-up: with security on the list names the sites that may
 * host a browser client, one by one. No credentials (cookies) are allowed: the API takes bearer tokens.
 */
@Component
public class CorsPolicy {
	/** FHIR REST (FHIR R4 § 3.1.0): read, search, create, update, patch, delete. */
	/** The CDS Hooks endpoint (CDS Hooks 2.0 § Discovery): this package does not depend on the CDS side. */
	private static final String CDS_PATH = "/cds-services";
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

	/**
	 * The rules of both endpoints by path, for a CORS filter placed in front of authentication: with security on,
	 * a browser client must be able to read a 401 (an expired token) as well as a success.
	 */
	public CorsConfigurationSource byPath() {
		CorsConfiguration fhir = fhir();
		CorsConfiguration cds = fhir();
		cds.setAllowedMethods(List.of("GET", "POST"));
		return request -> {
			String path = request.getRequestURI().substring(request.getContextPath().length());
			if (under(path, RestfulServerConfig.FHIR_PATH)) return fhir;
			return under(path, CDS_PATH) ? cds : null;
		};
	}

	private static boolean under(String path, String base) {
		return path.equals(base) || path.startsWith(base + "/");
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
