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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Date;
import java.util.Deque;
import java.util.List;
import java.util.UUID;

/**
 * Keys and tokens for trying the server with security on, on one machine (README, "Security"): a stand-in
 * authorization server ("auth") and a stand-in EHR ("ehr"), each an RSA key pair whose public half is a JWKS
 * file the server is started with. Run through scripts/dev-token.sh:
 * <pre>
 *   keys                                    create dev-keys/ (once)
 *   fhir [--scope S] [--patient ID] [--sub U]   an access token for /fhir (default scope user/*.cruds)
 *   cds  URL [--sub U]                      a CDS client JWT for one call to URL (aud = URL, fresh jti)
 * </pre>
 * Never for production: the private keys sit in plain files.
 */
public final class DevTokens {
	public static final String AUTH_ISSUER = "https://auth.example.local";
	public static final String EHR_ISSUER = "https://ehr.example.local";
	private static final Path DIR = Path.of("dev-keys");

	private DevTokens() {}

	public static void main(String[] args) throws Exception {
		Deque<String> arguments = new ArrayDeque<>(List.of(args));
		String command = arguments.isEmpty() ? "help" : arguments.pop();
		switch (command) {
			case "keys" -> keys();
			case "fhir" -> System.out.println(fhirToken(arguments));
			case "cds" -> System.out.println(cdsToken(arguments));
			default -> System.out.println("usage: keys | fhir [--scope S] [--patient ID] [--sub U] | cds URL [--sub U]");
		}
	}

	private static void keys() throws Exception {
		Files.createDirectories(DIR);
		for (String name : List.of("auth", "ehr")) {
			Path privateKey = DIR.resolve(name + ".jwk");
			if (Files.exists(privateKey)) continue;
			RSAKey key = new RSAKeyGenerator(2048).keyID(name + "-" + UUID.randomUUID()).generate();
			Files.writeString(privateKey, key.toJSONString());
			Files.writeString(DIR.resolve(name + "-jwks.json"), new JWKSet(key.toPublicJWK()).toString());
		}
		System.out.println("Keys in " + DIR.toAbsolutePath() + ". Start the server with:");
		System.out.println("  --stemirac.security.enabled=true"
				+ " --stemirac.security.fhir.issuer=" + AUTH_ISSUER
				+ " --stemirac.security.fhir.jwks-file=" + DIR.resolve("auth-jwks.json")
				+ " --stemirac.security.cds.clients[0].issuer=" + EHR_ISSUER
				+ " --stemirac.security.cds.clients[0].jwks-file=" + DIR.resolve("ehr-jwks.json"));
	}

	private static String fhirToken(Deque<String> arguments) throws Exception {
		String scope = option(arguments, "--scope", "user/*.cruds");
		String patient = option(arguments, "--patient", null);
		JWTClaimsSet.Builder claims = claims(AUTH_ISSUER, option(arguments, "--sub", "dev-user"), Duration.ofHours(1))
				.claim("scope", scope);
		if (patient != null) claims.claim("patient", patient);
		return sign("auth", claims.build());
	}

	private static String cdsToken(Deque<String> arguments) throws Exception {
		if (arguments.isEmpty()) throw new IllegalArgumentException("cds URL: the URL the token is for (its aud)");
		String audience = arguments.pop();
		return sign("ehr", claims(EHR_ISSUER, option(arguments, "--sub", "dev-ehr"), Duration.ofMinutes(5))
				.audience(audience).build());
	}

	private static JWTClaimsSet.Builder claims(String issuer, String subject, Duration lifetime) {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(issuer).subject(subject).issueTime(Date.from(now))
				.expirationTime(Date.from(now.plus(lifetime))).jwtID(UUID.randomUUID().toString());
	}

	private static String sign(String name, JWTClaimsSet claims) throws Exception {
		Path privateKey = DIR.resolve(name + ".jwk");
		if (!Files.exists(privateKey)) throw new IllegalStateException("no " + privateKey + ": run 'keys' first");
		RSAKey key = RSAKey.parse(Files.readString(privateKey));
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.RS384).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
		try {
			jwt.sign(new RSASSASigner(key));
		} catch (JOSEException e) {
			throw new IllegalStateException(e);
		}
		return jwt.serialize();
	}

	private static String option(Deque<String> arguments, String name, String fallback) {
		List<String> list = List.copyOf(arguments);
		int at = list.indexOf(name);
		return at >= 0 && at + 1 < list.size() ? list.get(at + 1) : fallback;
	}
}
