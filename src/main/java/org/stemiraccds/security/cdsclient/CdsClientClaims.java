package org.stemiraccds.security.cdsclient;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.JWTClaimsSetVerifier;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * The claims of CDS Hooks 2.0 § Trusting CDS Clients, checked once the signature holds: iss, sub, aud, exp, iat
 * and jti are REQUIRED; aud is the endpoint called; exp not past and iat not ahead (within the clock skew); nbf
 * honoured when present. exp may lie at most the replay window ahead, so that every token that can still be
 * accepted has its jti in the replay cache.
 */
final class CdsClientClaims implements JWTClaimsSetVerifier<CallContext> {
	private static final List<String> REQUIRED = List.of("iss", "sub", "aud", "exp", "iat", "jti");
	private final Duration clockSkew;
	private final Duration replayWindow;

	CdsClientClaims(Duration clockSkew, Duration replayWindow) {
		this.clockSkew = clockSkew;
		this.replayWindow = replayWindow;
	}

	/** A claim check failed: carries which, through Nimbus' processor. */
	static final class Refused extends BadJWTException {
		private final transient TokenRefused refused;

		Refused(TokenRefused refused) {
			super(refused.refusal().name());
			this.refused = refused;
		}

		TokenRefused refused() {
			return refused;
		}
	}

	@Override
	public void verify(JWTClaimsSet claims, CallContext call) throws BadJWTException {
		for (String claim : REQUIRED) {
			if (claims.getClaim(claim) == null) throw refused(Refusal.CLAIM_MISSING, Map.of("claim", claim));
		}
		if (!claims.getAudience().contains(call.url())) throw refused(Refusal.AUDIENCE, Map.of("url", call.url()));
		checkTimes(claims, call.now());
		if (claims.getJWTID().length() > ReplayCache.MAX_JTI_LENGTH) throw refused(Refusal.JTI_TOO_LONG, Map.of());
	}

	private void checkTimes(JWTClaimsSet claims, Instant now) throws Refused {
		if (now.minus(clockSkew).isAfter(instant(claims.getExpirationTime()))) throw refused(Refusal.EXPIRED, Map.of());
		Date notBefore = claims.getNotBeforeTime();
		if (notBefore != null && now.plus(clockSkew).isBefore(instant(notBefore))) throw refused(Refusal.NOT_YET_VALID, Map.of());
		if (now.plus(clockSkew).isBefore(instant(claims.getIssueTime()))) throw refused(Refusal.ISSUED_IN_FUTURE, Map.of());
		if (instant(claims.getExpirationTime()).isAfter(now.plus(replayWindow))) {
			throw refused(Refusal.LIFETIME_TOO_LONG, Map.of("seconds", String.valueOf(replayWindow.toSeconds())));
		}
	}

	/** Until when the jti of an accepted token must be remembered: as long as the token could be accepted. */
	Instant keepUntil(JWTClaimsSet claims) {
		return instant(claims.getExpirationTime()).plus(clockSkew);
	}

	private static Instant instant(Date date) {
		return date.toInstant();
	}

	private static Refused refused(Refusal refusal, Map<String, String> values) {
		return new Refused(new TokenRefused(refusal, values));
	}
}
