package org.stemiraccds.bench;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.stemiraccds.security.TestIssuer;

/**
 * Security on for the secured rows: a stand-in authorization server and a stand-in EHR (the tests' TestIssuer
 * key pairs, their public JWKS in files the server is started with). /fhir gets one access token with scope
 * system/*.* (static, so hey can send it); every CDS call its own client JWT, since the server refuses a jti it
 * has seen (CDS Hooks 2.0 § Trusting CDS Clients), signed before the clock starts.
 */
final class BenchTokens {
	private final TestIssuer auth = new TestIssuer("https://auth.bench.local", "bench-auth");
	private final TestIssuer ehr = new TestIssuer("https://ehr.bench.local", "bench-ehr");
	private final Map<String, String> fhirHeaders;

	BenchTokens() {
		Instant now = Instant.now();
		// Longer than any run: the access token is sent unchanged from the first row to the last.
		String accessToken = auth.sign(auth.claims("bench-system").expirationTime(Date.from(now.plusSeconds(6 * 3600)))
				.claim("scope", "system/*.*").build());
		fhirHeaders = Map.of("Authorization", "Bearer " + accessToken);
	}

	/** The server's arguments that trust these two issuers. */
	List<String> serverArguments() {
		return List.of("--stemirac.security.enabled=true",
				"--stemirac.security.fhir.issuer=" + auth.issuer(),
				"--stemirac.security.fhir.jwks-file=" + auth.jwksFile(),
				"--stemirac.security.cds.clients[0].issuer=" + ehr.issuer(),
				"--stemirac.security.cds.clients[0].jwks-file=" + ehr.jwksFile());
	}

	Map<String, String> fhir() {
		return fhirHeaders;
	}

	/** A CDS client JWT for one call to this URL (aud), with a fresh jti, valid 5 minutes. */
	Map<String, String> cds(String url) {
		return Map.of("Authorization", "Bearer " + ehr.sign(ehr.claims("bench-ehr").audience(url).build()));
	}
}
