package org.stemiraccds.security.smart;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import com.nimbusds.jose.jwk.source.JWKSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestTemplate;
import org.stemiraccds.security.SecurityProperties;

/**
 * The FHIR API's access tokens: how they are verified (the authorization server's issuer and keys) and what a
 * request without one, or without the right, is told (an OperationOutcome). The keys come from a local JWKS
 * file, else the configured JWKS URL, else the issuer's OpenID configuration (looked up at the first request,
 * so the server starts while the authorization server is down). Only asymmetric signatures are accepted (RFC
 * 8725 § 3.1: no "none", no HMAC with a public key as secret).
 */
@Component
public class FhirTokens {
	private static final Logger log = LoggerFactory.getLogger(FhirTokens.class);
	/** RS*, PS* and ES*: the algorithms SMART App Launch and CDS Hooks name for signed tokens. */
	static final Set<SignatureAlgorithm> ALGORITHMS = Set.of(
			SignatureAlgorithm.RS256, SignatureAlgorithm.RS384, SignatureAlgorithm.RS512,
			SignatureAlgorithm.PS256, SignatureAlgorithm.PS384, SignatureAlgorithm.PS512,
			SignatureAlgorithm.ES256, SignatureAlgorithm.ES384, SignatureAlgorithm.ES512);

	private final SecurityProperties.FhirApi settings;
	private final SecurityOutcomes outcomes;
	/** The keys of this server's own authorization server for the SMART app launch (smartlaunch), when on. */
	private final Optional<JWKSource<SecurityContext>> ownIssuerKeys;

	public FhirTokens(SecurityProperties properties, SecurityOutcomes outcomes,
			ObjectProvider<JWKSource<SecurityContext>> ownIssuerKeys) {
		this.settings = properties.fhir();
		this.outcomes = outcomes;
		this.ownIssuerKeys = Optional.ofNullable(ownIssuerKeys.getIfAvailable());
	}

	public JwtDecoder decoder() {
		return keysUnavailableIsInvalid(keySource());
	}

	/**
	 * The configured issuer's tokens and, with the SMART launch on, those of this server's own authorization
	 * server: its key is made in this process and never leaves it, so its signature alone says who issued the
	 * token (its issuer name follows the request's host, so it is not compared).
	 */
	private JwtDecoder keySource() {
		Optional<JwtDecoder> own = ownIssuerKeys.map(keys -> validated(fromKeys(keys), false));
		boolean external = isSet(settings.jwksFile()) || isSet(settings.jwkSetUri()) || isSet(settings.issuer());
		if (own.isPresent() && !external) return own.get();
		JwtDecoder configured = configuredKeySource();
		return own.map(mine -> eitherOf(mine, configured)).orElse(configured);
	}

	/** The first decoder that verifies the token; a token neither verifies is refused as the configured one refuses it. */
	private static JwtDecoder eitherOf(JwtDecoder first, JwtDecoder second) {
		return token -> {
			try {
				return first.decode(token);
			} catch (JwtException notOurs) {
				return second.decode(token);
			}
		};
	}

	private JwtDecoder configuredKeySource() {
		if (isSet(settings.jwksFile())) return validated(fromFile(Path.of(settings.jwksFile())));
		if (isSet(settings.jwkSetUri())) return validated(remote(NimbusJwtDecoder.withJwkSetUri(settings.jwkSetUri())));
		if (isSet(settings.issuer())) {
			return new SupplierJwtDecoder(() -> validated(remote(NimbusJwtDecoder.withIssuerLocation(settings.issuer()))));
		}
		throw new IllegalStateException("stemirac.security.fhir needs issuer, jwk-set-uri or jwks-file when security is on (or stemirac.smart.enabled for its own launch tokens)");
	}

	/**
	 * A token that cannot be verified because the authorization server's keys (or its OpenID configuration) cannot
	 * be fetched is refused like any unverifiable token (401), not answered with 500 as Spring would for a
	 * non-"bad" JwtException; the cause is logged for the operator.
	 */
	private static JwtDecoder keysUnavailableIsInvalid(JwtDecoder decoder) {
		return token -> {
			try {
				return decoder.decode(token);
			} catch (BadJwtException refused) {
				throw refused;
			} catch (JwtException | JwtDecoderInitializationException unavailable) {
				log.warn("FHIR API token not verified: the authorization server's keys are unavailable ({})", unavailable.getMessage());
				throw new BadJwtException("the authorization server's keys are unavailable", unavailable);
			}
		};
	}

	/** 401 with an OperationOutcome and RFC 6750 § 3's WWW-Authenticate: no token, or one that fails verification. */
	public AuthenticationEntryPoint entryPoint() {
		return (request, response, failure) -> {
			boolean tokenSent = failure instanceof OAuth2AuthenticationException;
			response.setHeader("WWW-Authenticate", tokenSent ? "Bearer error=\"invalid_token\"" : "Bearer");
			outcomes.write(request, response, 401, tokenSent ? "error.invalid-token" : "error.unauthenticated", "login");
		};
	}

	/** 403 with an OperationOutcome: a valid token that does not grant what was asked. */
	public AccessDeniedHandler accessDenied() {
		return (request, response, denied) -> {
			response.setHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\"");
			outcomes.write(request, response, 403, "error.forbidden-scope", "forbidden");
		};
	}

	private static NimbusJwtDecoder fromKeys(JWKSource<SecurityContext> keys) {
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
				Set.copyOf(ALGORITHMS.stream().map(a -> JWSAlgorithm.parse(a.getName())).toList()), keys));
		// the claims are checked by Spring's validators, as for the other key sources
		processor.setJWTClaimsSetVerifier((claims, context) -> {});
		return new NimbusJwtDecoder(processor);
	}

	private NimbusJwtDecoder fromFile(Path file) {
		JWKSet keys;
		try {
			keys = JWKSet.load(file.toFile());
		} catch (IOException e) {
			throw new UncheckedIOException("stemirac.security.fhir.jwks-file cannot be read: " + file, e);
		} catch (ParseException e) {
			throw new IllegalStateException("stemirac.security.fhir.jwks-file is not a JWKS: " + file, e);
		}
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
				Set.copyOf(ALGORITHMS.stream().map(a -> JWSAlgorithm.parse(a.getName())).toList()), new ImmutableJWKSet<>(keys)));
		// the claims are checked by Spring's validators below, as for the other key sources
		processor.setJWTClaimsSetVerifier((claims, context) -> {});
		return new NimbusJwtDecoder(processor);
	}

	private NimbusJwtDecoder remote(NimbusJwtDecoder.JwkSetUriJwtDecoderBuilder builder) {
		SimpleClientHttpRequestFactory timeouts = new SimpleClientHttpRequestFactory();
		timeouts.setConnectTimeout(settings.jwksTimeout());
		timeouts.setReadTimeout(settings.jwksTimeout());
		return builder.jwsAlgorithms(algorithms -> algorithms.addAll(ALGORITHMS))
				.restOperations(new RestTemplate(timeouts))
				.build();
	}

	/**
	 * exp present (a token without one would never expire), exp / nbf with the configured skew, the issuer
	 * (when configured) and aud (when an audience is configured).
	 */
	private NimbusJwtDecoder validated(NimbusJwtDecoder decoder) {
		return validated(decoder, true);
	}

	private NimbusJwtDecoder validated(NimbusJwtDecoder decoder, boolean configuredIssuer) {
		List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
		validators.add(new JwtClaimValidator<Object>(JwtClaimNames.EXP, java.util.Objects::nonNull));
		validators.add(new JwtTimestampValidator(settings.clockSkew()));
		if (!configuredIssuer) {
			decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
			return decoder;
		}
		if (isSet(settings.issuer())) validators.add(new JwtIssuerValidator(settings.issuer()));
		if (isSet(settings.audience())) validators.add(new JwtAudienceValidator(settings.audience()));
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
		return decoder;
	}

	private static boolean isSet(String value) {
		return value != null && !value.isBlank();
	}
}
