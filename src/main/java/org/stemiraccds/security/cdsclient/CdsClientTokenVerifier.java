package org.stemiraccds.security.cdsclient;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.stemiraccds.security.Caller;
import org.stemiraccds.security.SecurityProperties;

/**
 * Verifies a CDS client's bearer JWT (CDS Hooks 2.0 § Trusting CDS Clients) with Nimbus JOSE+JWT and answers who
 * is calling. In order: a signed JWT (an unsecured "alg: none" or encrypted token is refused), an asymmetric
 * algorithm (every HMAC algorithm is refused, so a token "signed" with an EHR's public key as HMAC secret never
 * reaches a verifier), typ JWT when given, a kid, an iss registered here, keys from the registration or from a
 * jku on its allow-list, the signature, the claims ({@link CdsClientClaims}), and last a jti never seen from that
 * issuer: only a token that passed every other check takes a row of the replay cache.
 */
public final class CdsClientTokenVerifier {
	private static final Logger log = LoggerFactory.getLogger(CdsClientTokenVerifier.class);
	/** RSA (PKCS#1 v1.5 and PSS) and ECDSA on the NIST curves; CDS Hooks 2.0 requires at least RS384 and ES384. */
	static final Set<JWSAlgorithm> ASYMMETRIC = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
			JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
			JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);

	private final TrustedClients clients;
	private final CdsClientClaims claims;
	private final ReplayCache replays;
	private final Clock clock;

	CdsClientTokenVerifier(TrustedClients clients, CdsClientClaims claims, ReplayCache replays, Clock clock) {
		this.clients = clients;
		this.claims = claims;
		this.replays = replays;
		this.clock = clock;
	}

	/** A verifier for the registered clients, its replay cache in this database (created if need be). */
	public static CdsClientTokenVerifier of(SecurityProperties.Cds cds, CdsClientKeyFetching fetching, JdbcTemplate jdbc,
			Clock clock) {
		return new CdsClientTokenVerifier(TrustedClients.of(cds.clients(), fetching),
				new CdsClientClaims(cds.clockSkew(), cds.replayWindow()), new ReplayCache(jdbc), clock);
	}

	/** The caller a token speaks for, when it was sent to {@code url} (scheme://host:port/path as the call arrived). */
	public Caller verify(String token, String url) throws TokenRefused {
		SignedJWT jwt = signed(token);
		JWSHeader header = jwt.getHeader();
		checkHeader(header);
		TrustedClient client = clients.find(issuer(jwt)).orElseThrow(() -> new TokenRefused(Refusal.UNKNOWN_ISSUER));
		JWTClaimsSet verified = process(jwt, client, new CallContext(url, clock.instant()));
		if (!replays.firstUse(client.registration().issuer(), verified.getJWTID(), claims.keepUntil(verified), clock.instant())) {
			throw new TokenRefused(Refusal.REPLAYED);
		}
		SecurityProperties.CdsClient registration = client.registration();
		return new Caller(registration.issuer(), verified.getSubject(), Set.copyOf(registration.scopes()), Optional.empty(),
				registration.fhirServers(), false);
	}

	private static SignedJWT signed(String token) throws TokenRefused {
		JWT jwt;
		try {
			jwt = JWTParser.parse(token);
		} catch (ParseException notAJwt) {
			throw new TokenRefused(Refusal.MALFORMED);
		}
		if (jwt instanceof SignedJWT signed) return signed;
		throw new TokenRefused(Refusal.UNSIGNED);
	}

	private static void checkHeader(JWSHeader header) throws TokenRefused {
		if (!ASYMMETRIC.contains(header.getAlgorithm())) {
			throw new TokenRefused(Refusal.ALGORITHM);
		}
		if (header.getType() != null && !JOSEObjectType.JWT.equals(header.getType())) throw new TokenRefused(Refusal.TYPE);
		if (header.getKeyID() == null || header.getKeyID().isBlank()) throw new TokenRefused(Refusal.NO_KID);
	}

	private static String issuer(SignedJWT jwt) throws TokenRefused {
		try {
			return jwt.getJWTClaimsSet().getIssuer();
		} catch (ParseException badClaims) {
			throw new TokenRefused(Refusal.MALFORMED);
		}
	}

	private JWTClaimsSet process(SignedJWT jwt, TrustedClient client, CallContext call) throws TokenRefused {
		DefaultJWTProcessor<CallContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ASYMMETRIC, client.keysFor(jwt.getHeader().getJWKURL())));
		processor.setJWTClaimsSetVerifier(claims);
		try {
			return processor.process(jwt, call);
		} catch (CdsClientClaims.Refused refused) {
			throw refused.refused();
		} catch (BadJWSException badSignature) {
			throw new TokenRefused(Refusal.SIGNATURE);
		} catch (BadJOSEException noKey) {
			throw new TokenRefused(Refusal.NO_MATCHING_KEY);
		} catch (KeySourceException unavailable) {
			log.warn("CDS client {}: its keys could not be fetched: {}", client.registration().issuer(), unavailable.getMessage());
			throw new TokenRefused(Refusal.KEYS_UNAVAILABLE);
		} catch (JOSEException failed) {
			throw new TokenRefused(Refusal.SIGNATURE);
		}
	}
}
