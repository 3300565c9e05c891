package org.stemiraccds.smartlaunch;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The one client: the checklist app, public (no secret; PKCE required, SMART App Launch 2.x § PKCE), no
 * consent screen. Its redirect URI is the server's own base URL + redirect-path, resolved per request from
 * the issuer (configured, or the request's base URL), so the same registration serves any host and port.
 */
class ChecklistAppClient implements RegisteredClientRepository {
	private final SmartLaunchProperties properties;

	ChecklistAppClient(SmartLaunchProperties properties) {
		this.properties = properties;
	}

	@Override
	public void save(RegisteredClient registeredClient) {
		throw new UnsupportedOperationException("the checklist app is registered by configuration (stemirac.smart)");
	}

	@Override
	public RegisteredClient findById(String id) {
		return properties.clientId().equals(id) ? client() : null;
	}

	@Override
	public RegisteredClient findByClientId(String clientId) {
		return properties.clientId().equals(clientId) ? client() : null;
	}

	private RegisteredClient client() {
		return RegisteredClient.withId(properties.clientId())
				.clientId(properties.clientId())
				.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
				.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.redirectUri(issuer() + properties.redirectPath())
				.scopes(scopes -> scopes.addAll(properties.scopes()))
				.clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
				.tokenSettings(TokenSettings.builder()
						.authorizationCodeTimeToLive(properties.codeLifetime())
						.accessTokenTimeToLive(properties.accessTokenLifetime())
						.build())
				.build();
	}

	private static String issuer() {
		String issuer = AuthorizationServerContextHolder.getContext().getIssuer();
		return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
	}
}
