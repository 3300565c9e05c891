package org.stemiraccds.smartlaunch;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.stereotype.Component;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * What a SMART app discovers about this server's authorization (SMART App Launch 2.x § Conformance,
 * .well-known/smart-configuration) and the CapabilityStatement's oauth-uris: the endpoints of this server's own
 * authorization server, at the configured issuer or the request's base URL.
 */
@Component
@ConditionalOnProperty(name = "stemirac.smart.enabled", havingValue = "true", matchIfMissing = true)
public class SmartConfiguration {
	static final List<String> CAPABILITIES = List.of("launch-ehr", "client-public", "context-ehr-patient",
			"permission-patient", "permission-v2", "sso-openid-connect");

	private final SmartLaunchProperties properties;
	private final AuthorizationServerSettings settings;

	public SmartConfiguration(SmartLaunchProperties properties, AuthorizationServerSettings settings) {
		this.properties = properties;
		this.settings = settings;
	}

	public Map<String, Object> document(HttpServletRequest request) {
		String issuer = issuer(request);
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("issuer", issuer);
		document.put("jwks_uri", issuer + settings.getJwkSetEndpoint());
		document.put("authorization_endpoint", authorizeEndpoint(request));
		document.put("token_endpoint", tokenEndpoint(request));
		document.put("grant_types_supported", List.of("authorization_code"));
		document.put("token_endpoint_auth_methods_supported", List.of("none"));
		document.put("scopes_supported", properties.scopes());
		document.put("response_types_supported", List.of("code"));
		document.put("code_challenge_methods_supported", List.of("S256"));
		document.put("capabilities", CAPABILITIES);
		return document;
	}

	public String authorizeEndpoint(HttpServletRequest request) {
		return issuer(request) + settings.getAuthorizationEndpoint();
	}

	public String tokenEndpoint(HttpServletRequest request) {
		return issuer(request) + settings.getTokenEndpoint();
	}

	/** The configured issuer, else the request's scheme, host, port and context path (as the authorization server resolves it). */
	private String issuer(HttpServletRequest request) {
		String issuer = properties.issuer() != null && !properties.issuer().isBlank() ? properties.issuer()
				: ServletUriComponentsBuilder.fromContextPath(request).replaceQuery(null).build().toUriString();
		return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
	}
}
