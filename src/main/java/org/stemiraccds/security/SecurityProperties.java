package org.stemiraccds.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * stemirac.security.*: off for local development (a loud warning at start-up), on in the prod profile and in
 * docker-compose. When on, /cds-services takes only CDS clients' JWTs (CDS Hooks 2.0 § Trusting CDS Clients)
 * and /fhir only the authorization server's access tokens with SMART scopes.
 */
@ConfigurationProperties("stemirac.security")
public record SecurityProperties(
		@DefaultValue("false") boolean enabled,
		@DefaultValue FhirApi fhir,
		@DefaultValue Cds cds) {

	/** The FHIR REST API as an OAuth2 resource server. */
	public record FhirApi(
			/** The authorization server's issuer (iss); its JWKS is found by OpenID discovery unless jwk-set-uri or jwks-file is set. */
			String issuer,
			String jwkSetUri,
			/** A JWKS file (the authorization server's public keys), e.g. for a test or an air-gapped site. */
			String jwksFile,
			/** When set, tokens must name it in aud. */
			String audience,
			/** The scope that grants the admin operations ($reindex…, $hapi.fhir.replace-references, system _history). */
			@DefaultValue("stemirac/admin") String adminScope,
			/** Tolerance for exp / nbf of access tokens. */
			@DefaultValue("60s") Duration clockSkew,
			/** Connect and read timeout for fetching the JWKS (and the OpenID configuration). */
			@DefaultValue("5s") Duration jwksTimeout) {}

	/** CDS Hooks: the EHRs (CDS clients) this server trusts, by issuer. */
	public record Cds(
			@DefaultValue List<CdsClient> clients,
			/** Tolerance for exp / iat / nbf. */
			@DefaultValue("60s") Duration clockSkew,
			/** How long a seen jti is remembered (must exceed the longest token lifetime accepted). */
			@DefaultValue("10m") Duration replayWindow) {}

	/**
	 * One trusted EHR: its iss, where its public keys are (a JWKS URL or a file), the jku URLs it may name in a
	 * token's header, the fhirServer base URLs it may send us to, and the SMART scopes its calls carry when the
	 * hooks read this server's own database.
	 */
	public record CdsClient(
			String issuer,
			String jwksUri,
			String jwksFile,
			@DefaultValue List<String> jkuAllowed,
			@DefaultValue List<String> fhirServers,
			@DefaultValue("system/*.rs") List<String> scopes) {}
}
