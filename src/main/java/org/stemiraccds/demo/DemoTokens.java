package org.stemiraccds.demo;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The demo page's tokens when security is on. The page plays the EHR, so it needs what an EHR holds: an access token
 * of the authorization server for /fhir, and for each CDS call a JWT of its own whose aud is the URL called (CDS
 * Hooks 2.0 § Trusting CDS Clients: single use, so one per call). Off unless stemirac.demo.tokens.enabled:
 * whoever reaches this endpoint gets these tokens, so it is for one machine with the dev keys, never production.
 */
@RestController
@ConditionalOnProperty(name = "stemirac.demo.tokens.enabled", havingValue = "true")
public class DemoTokens {
	static final String PATH = DemoPage.PATH + "/tokens";
	private static final Duration FHIR_LIFETIME = Duration.ofMinutes(30);
	private static final Duration CDS_LIFETIME = Duration.ofMinutes(2);

	private final DemoTokenSettings settings;
	private final RSAKey fhirKey;
	private final RSAKey ehrKey;

	public DemoTokens(DemoTokenSettings settings) {
		this.settings = settings;
		this.fhirKey = privateKey(settings.fhirKey());
		this.ehrKey = privateKey(settings.ehrKey());
	}

	/** {"fhir": access token, "cds": the EHR's JWT for the CDS Hooks URL given (this server's only)}. */
	@PostMapping(PATH)
	public ResponseEntity<Map<String, String>> tokens(@RequestParam(name = "cds", required = false) String cdsUrl,
			HttpServletRequest request) {
		String cdsBase = ServletUriComponentsBuilder.fromContextPath(request).path("/cds-services/").toUriString();
		if (cdsUrl != null && !cdsUrl.startsWith(cdsBase)) {
			// a JWT only for this server's own services: the endpoint must not mint tokens for anyone else's
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "cds: a URL under " + cdsBase);
		}
		String fhir = sign(fhirKey, claims(settings.fhirIssuer(), FHIR_LIFETIME).claim("scope", settings.fhirScope()).build());
		Map<String, String> tokens = cdsUrl == null ? Map.of("fhir", fhir)
				: Map.of("fhir", fhir, "cds", sign(ehrKey, claims(settings.ehrIssuer(), CDS_LIFETIME).audience(cdsUrl).build()));
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(tokens);
	}

	private JWTClaimsSet.Builder claims(String issuer, Duration lifetime) {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(issuer).subject(settings.user()).issueTime(Date.from(now))
				.expirationTime(Date.from(now.plus(lifetime))).jwtID(UUID.randomUUID().toString());
	}

	private static String sign(RSAKey key, JWTClaimsSet claims) {
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.RS384).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
		try {
			jwt.sign(new RSASSASigner(key));
		} catch (JOSEException e) {
			throw new IllegalStateException("the demo key cannot sign", e);
		}
		return jwt.serialize();
	}

	private static RSAKey privateKey(Path file) {
		try {
			RSAKey key = RSAKey.parse(Files.readString(file));
			if (!key.isPrivate()) throw new IllegalStateException(file + " holds no private key");
			return key;
		} catch (IOException | ParseException e) {
			throw new IllegalStateException("stemirac.demo.tokens: cannot read the private JWK " + file, e);
		}
	}
}
