package org.stemiraccds.security.cdsclient;

import com.nimbusds.jose.jwk.source.JWKSource;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.stemiraccds.security.SecurityProperties.CdsClient;

/**
 * A registered CDS client with its keys: those of its registration (jwks-file or jwks-uri) and, per allowed jku
 * URL, the keys published there. A jku the registration does not name exactly has no keys here (CDS Hooks 2.0:
 * CDS Services SHOULD allow-list iss and jku).
 */
record TrustedClient(CdsClient registration, JWKSource<CallContext> keys, Map<String, JWKSource<CallContext>> jkuKeys) {

	/** The keys to verify a token with: the registration's when the header names no jku, else the allowed jku's. */
	JWKSource<CallContext> keysFor(URI jku) throws TokenRefused {
		if (jku == null) return keys;
		return Optional.ofNullable(jkuKeys.get(jku.toString())).orElseThrow(() -> new TokenRefused(Refusal.JKU_NOT_ALLOWED));
	}
}
