package org.stemiraccds.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * A token issuer for tests: an RSA key pair, its public JWKS written to a file the server is configured with,
 * and signed JWTs (RS384) with whatever claims a test needs. Forged tokens are built from the same parts.
 */
public final class TestIssuer {
	private final String issuer;
	private final RSAKey key;
	private final Path jwksFile;

	public TestIssuer(String issuer, String kid) {
		this.issuer = issuer;
		try {
			this.key = new RSAKeyGenerator(2048).keyID(kid).generate();
			this.jwksFile = Files.createTempFile("jwks-", ".json");
			Files.writeString(jwksFile, new JWKSet(key.toPublicJWK()).toString());
			jwksFile.toFile().deleteOnExit();
		} catch (JOSEException e) {
			throw new IllegalStateException(e);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	public String issuer() {
		return issuer;
	}

	public RSAKey key() {
		return key;
	}

	/** The public keys, as the server reads them. */
	public Path jwksFile() {
		return jwksFile;
	}

	/** The private key as a JWK file (for a server that signs with it, such as the demo page's tokens). */
	public Path privateKeyFile() {
		try {
			Path file = Files.createTempFile("jwk-", ".json");
			Files.writeString(file, key.toJSONString());
			file.toFile().deleteOnExit();
			return file;
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Claims every valid token has: iss, sub, iat, exp in 5 minutes, a fresh jti; the test adds aud, scope… */
	public JWTClaimsSet.Builder claims(String subject) {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder()
				.issuer(issuer)
				.subject(subject)
				.issueTime(Date.from(now))
				.expirationTime(Date.from(now.plusSeconds(300)))
				.jwtID(UUID.randomUUID().toString());
	}

	/** The claims signed with this issuer's key, RS384, with its kid. */
	public String sign(JWTClaimsSet claims) {
		return sign(new JWSHeader.Builder(JWSAlgorithm.RS384).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
	}

	public String sign(JWSHeader header, JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(header, claims);
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		} catch (JOSEException e) {
			throw new IllegalStateException(e);
		}
	}
}
