package org.stemiraccds.security;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who is calling, as far as this server's rules need to know, read from the request's authentication: a CDS
 * client (its iss, the scopes its registration grants, the fhirServers it may name), a FHIR API token (its
 * SMART scopes and patient), or, with security off, the local developer with every right.
 */
public record Caller(String issuer, String subject, Set<String> scopes, Optional<String> patient,
		List<String> fhirServers, boolean local) {

	/** Security off: everything is allowed (the start-up log says so). */
	public static final Caller LOCAL = new Caller("local", "local-developer", Set.of("system/*.*"), Optional.empty(),
			List.of(), true);
	/** No (valid) authentication: no rights. */
	public static final Caller NOBODY = new Caller("none", "anonymous", Set.of(), Optional.empty(), List.of(), false);

	/** The caller of the current request (its thread's security context). */
	public static Caller current() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null) return NOBODY;
		Object principal = authentication.getPrincipal();
		if (principal instanceof Caller caller) return caller;
		if (principal instanceof Jwt jwt) return of(jwt);
		return NOBODY;
	}

	/** A FHIR API access token: SMART scopes from "scope" (space-separated) or "scp" (a list), the patient claim. */
	public static Caller of(Jwt jwt) {
		return new Caller(String.valueOf(jwt.getIssuer()), jwt.getSubject(), scopes(jwt),
				Optional.ofNullable(jwt.getClaimAsString("patient")), List.of(), false);
	}

	private static Set<String> scopes(Jwt jwt) {
		Object scope = jwt.getClaim("scope");
		if (scope instanceof String text) return Set.of(text.trim().split("\\s+"));
		Object scp = jwt.getClaim("scp");
		if (scp instanceof Collection<?> list) return Set.copyOf(list.stream().map(String::valueOf).toList());
		return Set.of();
	}

	/** Whether this caller may send the hooks to read from this fhirServer (CDS Hooks 2.0 § fhirServer). */
	public boolean mayUse(String fhirServer) {
		if (local) return true;
		String base = withoutTrailingSlash(fhirServer);
		return fhirServers.stream().map(Caller::withoutTrailingSlash).anyMatch(base::equals);
	}

	private static String withoutTrailingSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}
}
