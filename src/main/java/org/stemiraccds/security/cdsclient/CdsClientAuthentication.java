package org.stemiraccds.security.cdsclient;

import jakarta.servlet.Filter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.stereotype.Component;
import org.stemiraccds.security.SecurityProperties;

/**
 * CDS Hooks 2.0 § Trusting CDS Clients: every call carries the EHR's JWT, verified against the JWKS of its
 * issuer as registered in stemirac.security.cds.clients.
 * STUB: to be completed (issue 8).
 */
@Component
public class CdsClientAuthentication {
	private final SecurityProperties properties;

	public CdsClientAuthentication(SecurityProperties properties) {
		this.properties = properties;
	}

	/** The filter that verifies the JWT and puts the Caller in the security context, or answers 401. */
	public Filter filter() {
		throw new UnsupportedOperationException("not yet implemented: " + properties.cds());
	}

	/** The 401 JSON error (CDS Hooks style) for a request without a valid token. */
	public AuthenticationEntryPoint entryPoint() {
		throw new UnsupportedOperationException("not yet implemented");
	}
}
