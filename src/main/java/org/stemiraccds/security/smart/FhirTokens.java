package org.stemiraccds.security.smart;

import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;
import org.stemiraccds.security.SecurityProperties;

/**
 * The FHIR API's access tokens: how they are verified (the authorization server's issuer and keys) and what a
 * request without one, or without the right, is told (an OperationOutcome).
 * STUB: to be completed (issue 8).
 */
@Component
public class FhirTokens {
	private final SecurityProperties properties;

	public FhirTokens(SecurityProperties properties) {
		this.properties = properties;
	}

	public JwtDecoder decoder() {
		throw new UnsupportedOperationException("not yet implemented: " + properties.fhir());
	}

	public AuthenticationEntryPoint entryPoint() {
		throw new UnsupportedOperationException("not yet implemented");
	}

	public AccessDeniedHandler accessDenied() {
		throw new UnsupportedOperationException("not yet implemented");
	}
}
