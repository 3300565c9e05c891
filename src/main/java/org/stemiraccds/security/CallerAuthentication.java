package org.stemiraccds.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated Caller in Spring Security's context (a CDS client after its JWT was verified). */
public final class CallerAuthentication extends AbstractAuthenticationToken {
	private final Caller caller;

	public CallerAuthentication(Caller caller) {
		super(caller.scopes().stream().map(scope -> new SimpleGrantedAuthority("SCOPE_" + scope)).toList());
		this.caller = caller;
		setAuthenticated(true);
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public Caller getPrincipal() {
		return caller;
	}

	@Override
	public String getName() {
		return caller.issuer() + "#" + caller.subject();
	}
}
