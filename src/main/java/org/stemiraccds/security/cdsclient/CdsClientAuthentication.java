package org.stemiraccds.security.cdsclient;

import jakarta.servlet.Filter;
import java.time.Clock;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.stereotype.Component;
import org.stemiraccds.cds.cards.CardTexts;
import org.stemiraccds.security.SecurityProperties;

/**
 * CDS Hooks 2.0 § Trusting CDS Clients: every call carries the EHR's JWT, verified against the JWKS of its
 * issuer as registered in stemirac.security.cds.clients. Only the security configuration asks for the filter,
 * and only with security on: with it off, no key is read and no table created. The filter is no bean, so Spring
 * Boot does not also register it as a servlet filter for every path.
 */
@Component
public class CdsClientAuthentication {
	private final SecurityProperties properties;
	private final CdsClientKeyFetching fetching;
	private final JdbcTemplate jdbc;
	private final RefusalResponse refusals;

	public CdsClientAuthentication(SecurityProperties properties, CdsClientKeyFetching fetching, JdbcTemplate jdbc,
			CardTexts texts) {
		this.properties = properties;
		this.fetching = fetching;
		this.jdbc = jdbc;
		this.refusals = new RefusalResponse(texts);
	}

	/** The filter that verifies the JWT and puts the Caller in the security context, or answers 401. */
	public Filter filter() {
		return new CdsClientFilter(CdsClientTokenVerifier.of(properties.cds(), fetching, jdbc, Clock.systemUTC()), refusals);
	}

	/** The 401 JSON error (CDS Hooks style) for a request without a token. */
	public AuthenticationEntryPoint entryPoint() {
		return (request, response, failure) -> refusals.send(request, response, new TokenRefused(Refusal.MISSING));
	}
}
