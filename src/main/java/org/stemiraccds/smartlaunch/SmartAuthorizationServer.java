package org.stemiraccds.smartlaunch;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AccessTokenResponseAuthenticationSuccessHandler;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;
import org.stemiraccds.fhir.RestfulServerConfig;
import org.stemiraccds.security.smart.SecurityOutcomes;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

/**
 * The EHR's authorization server for SMART App Launch 2.x (EHR launch), built with Spring Authorization
 * Server: authorization code with PKCE for the checklist app's public client, the launch resolving to the
 * patient, no consent screen (the demo's EHR user launched the app themselves), access tokens signed with a
 * key made at start-up, carrying {@code patient} and {@code scope} as the FHIR API reads them (FhirTokens,
 * Caller). Ahead of the other filter chains, for the authorization server's endpoints only.
 */
@Configuration
@ConditionalOnProperty(name = "stemirac.smart.enabled", havingValue = "true", matchIfMissing = true)
public class SmartAuthorizationServer {

	@Bean
	LaunchRegistry launchRegistry(SmartLaunchProperties properties) {
		return new LaunchRegistry(properties);
	}

	@Bean
	AuthorizationServerSettings authorizationServerSettings(SmartLaunchProperties properties) {
		AuthorizationServerSettings.Builder settings = AuthorizationServerSettings.builder();
		if (properties.issuer() != null && !properties.issuer().isBlank()) settings.issuer(properties.issuer());
		return settings.build();
	}

	@Bean
	OAuth2AuthorizationService smartAuthorizations() {
		return new InMemoryOAuth2AuthorizationService();
	}

	/** The signing key: made at start-up, never stored; tokens end with the process (the app launches again). */
	@Bean
	JWKSource<SecurityContext> smartSigningKeys() throws NoSuchAlgorithmException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		KeyPair pair = generator.generateKeyPair();
		RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
				.keyID(UUID.randomUUID().toString()).build();
		return new ImmutableJWKSet<>(new JWKSet(key));
	}

	/** For the OpenID Connect userinfo endpoint (openid is among the app's scopes): this server's own tokens. */
	@Bean
	JwtDecoder smartUserInfoTokens(JWKSource<SecurityContext> smartSigningKeys) {
		return OAuth2AuthorizationServerConfiguration.jwtDecoder(smartSigningKeys);
	}

	@Bean
	FilterRegistrationBean<SmartDiscoveryFilter> smartDiscovery(SmartConfiguration configuration) {
		FilterRegistrationBean<SmartDiscoveryFilter> registration = new FilterRegistrationBean<>(new SmartDiscoveryFilter(configuration));
		registration.addUrlPatterns(RestfulServerConfig.FHIR_PATH + SmartDiscoveryFilter.PATH);
		return registration;
	}

	@Bean
	OAuth2TokenCustomizer<JwtEncodingContext> smartTokenClaims() {
		return SmartTokens::customize;
	}

	@Bean
	@Order(0)
	SecurityFilterChain smartAuthorizationEndpoints(HttpSecurity http, SmartLaunchProperties properties,
			LaunchRegistry launches, OAuth2AuthorizationService authorizations, SecurityOutcomes texts,
			AuthorizationServerSettings settings) throws Exception {
		OAuth2AuthorizationServerConfigurer server = OAuth2AuthorizationServerConfigurer.authorizationServer();
		OAuth2AccessTokenResponseAuthenticationSuccessHandler tokenResponse = new OAuth2AccessTokenResponseAuthenticationSuccessHandler();
		tokenResponse.setAccessTokenResponseCustomizer(context -> SmartTokens.addLaunchContext(context, authorizations));
		http.securityMatcher(server.getEndpointsMatcher())
				.with(server, as -> as
						.registeredClientRepository(new ChecklistAppClient(properties))
						.authorizationService(authorizations)
						.tokenEndpoint(token -> token.accessTokenResponseHandler(tokenResponse))
						.oidc(Customizer.withDefaults()))
				.csrf(AbstractHttpConfigurer::disable)
				.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
				.requestCache(AbstractHttpConfigurer::disable)
				.addFilterAfter(new LaunchAuthenticationFilter(
						new AntPathRequestMatcher(settings.getAuthorizationEndpoint()), launches, texts),
						SecurityContextHolderFilter.class)
				.authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
		return http.build();
	}
}
