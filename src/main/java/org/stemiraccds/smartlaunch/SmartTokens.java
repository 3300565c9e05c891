package org.stemiraccds.smartlaunch;

import java.util.HashMap;
import java.util.Map;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;

/**
 * The launch context in the tokens (SMART App Launch 2.x § Launch context arrives with your access token):
 * the access token's {@code patient} claim and space-separated {@code scope} (as the FHIR API reads them),
 * and {@code patient} (and the EHR's appContext) beside the token in the token response.
 */
final class SmartTokens {
	static final String PATIENT = "patient";
	static final String APP_CONTEXT = "appContext";

	private SmartTokens() {}

	static void customize(JwtEncodingContext context) {
		if (!(context.getPrincipal() instanceof LaunchAuthentication launch)) return;
		if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) return;
		context.getClaims().claim(PATIENT, launch.launch().patient());
		context.getClaims().claim("scope", String.join(" ", context.getAuthorizedScopes()));
		launch.launch().appContext().ifPresent(app -> context.getClaims().claim(APP_CONTEXT, app));
	}

	static void addLaunchContext(OAuth2AccessTokenAuthenticationContext context, OAuth2AuthorizationService authorizations) {
		OAuth2AccessTokenAuthenticationToken issued = context.getAuthentication();
		OAuth2AccessToken token = issued.getAccessToken();
		OAuth2Authorization authorization = authorizations.findByToken(token.getTokenValue(), OAuth2TokenType.ACCESS_TOKEN);
		if (authorization == null || authorization.getAccessToken().getClaims() == null) return;
		Map<String, Object> claims = authorization.getAccessToken().getClaims();
		Map<String, Object> extra = new HashMap<>(issued.getAdditionalParameters());
		if (claims.get(PATIENT) != null) extra.put(PATIENT, claims.get(PATIENT));
		if (claims.get(APP_CONTEXT) != null) extra.put(APP_CONTEXT, claims.get(APP_CONTEXT));
		context.getAccessTokenResponse().additionalParameters(extra);
	}
}
