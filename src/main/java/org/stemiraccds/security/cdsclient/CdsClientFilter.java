package org.stemiraccds.security.cdsclient;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.web.filter.OncePerRequestFilter;
import org.stemiraccds.security.Caller;
import org.stemiraccds.security.CallerAuthentication;

/**
 * In the /cds-services filter chain: reads the bearer token (RFC 6750, Spring Security's resolver), verifies it
 * and puts the {@link Caller} in the security context, or answers 401 at once, before anything of the request
 * is read. A request without an Authorization header passes on unauthenticated, and the chain's entry point
 * refuses it (an OPTIONS preflight, which carries none, is let through by the chain's rules).
 * <p>
 * The URL a token must name as aud is the one the request arrived at, scheme://host:port/path. Behind a reverse
 * proxy, server.forward-headers-strategy=framework makes that the public URL (from Forwarded / X-Forwarded-*),
 * which is what the EHR signs.
 */
final class CdsClientFilter extends OncePerRequestFilter {
	private static final Logger log = LoggerFactory.getLogger(CdsClientFilter.class);
	private final CdsClientTokenVerifier verifier;
	private final RefusalResponse refusals;
	private final DefaultBearerTokenResolver bearer = new DefaultBearerTokenResolver();
	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	CdsClientFilter(CdsClientTokenVerifier verifier, RefusalResponse refusals) {
		this.verifier = verifier;
		this.refusals = refusals;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getHeader(HttpHeaders.AUTHORIZATION) == null) {
			chain.doFilter(request, response);
			return;
		}
		try {
			Caller caller = verifier.verify(token(request), request.getRequestURL().toString());
			SecurityContext context = contexts.createEmptyContext();
			context.setAuthentication(new CallerAuthentication(caller));
			contexts.setContext(context);
		} catch (TokenRefused refused) {
			log.info("CDS client refused on {} {}: {}", request.getMethod(), request.getRequestURI(), refused.refusal());
			refusals.send(request, response, refused);
			return;
		}
		chain.doFilter(request, response);
	}

	private String token(HttpServletRequest request) throws TokenRefused {
		try {
			String token = bearer.resolve(request);
			if (token == null) throw new TokenRefused(Refusal.NOT_BEARER);
			return token;
		} catch (OAuth2AuthenticationException malformed) {
			throw new TokenRefused(Refusal.MALFORMED);
		}
	}
}
