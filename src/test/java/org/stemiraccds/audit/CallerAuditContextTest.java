package org.stemiraccds.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.stemiraccds.security.Caller;
import org.stemiraccds.security.CallerAuthentication;

/** Who the AuditEvents name: the token's subject under its issuer, the client that presented it. */
class CallerAuditContextTest {
	private final CallerAuditContext context = new CallerAuditContext();
	private final ServletRequestDetails request = new ServletRequestDetails();

	@AfterEach
	void clear() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void aFhirAccessTokenNamesItsSubjectAsUserAndItsClientId() {
		Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS384").issuer("https://auth.example.org")
				.subject("dr-tanaka").claim("client_id", "ward-app").claim("scope", "user/*.rs")
				.issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();
		SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(jwt));

		assertIdentifier(context.getAgentUserWho(request), "https://auth.example.org", "dr-tanaka");
		assertIdentifier(context.getAgentClientWho(request), "https://auth.example.org", "ward-app");
		AuditEvent.AuditEventAgentComponent requestor = AuditAgents.requestor(Caller.current());
		assertThat(requestor.getRequestor()).isTrue();
		assertThat(requestor.getName()).isEqualTo("dr-tanaka");
		assertThat(requestor.getAltId()).isEqualTo("https://auth.example.org");
	}

	@Test
	void aCdsClientIsNamedByItsIssuerAndSub() {
		Caller ehr = new Caller("https://ehr.example.org", "ehr-client", Set.of("system/*.rs"), Optional.empty(),
				List.of(), false);
		SecurityContextHolder.getContext().setAuthentication(new CallerAuthentication(ehr));

		assertIdentifier(context.getAgentUserWho(request), "https://ehr.example.org", "ehr-client");
		assertIdentifier(context.getAgentClientWho(request), "https://ehr.example.org", "ehr-client");
	}

	@Test
	void securityOffIsTheLocalDeveloperAndNoAuthenticationIsAnonymous() {
		SecurityContextHolder.getContext().setAuthentication(new CallerAuthentication(Caller.LOCAL));
		assertIdentifier(context.getAgentUserWho(request), "urn:stemirac:caller:local", "local-developer");
		SecurityContextHolder.clearContext();
		assertIdentifier(context.getAgentUserWho(request), "urn:stemirac:caller:none", "anonymous");
	}

	@Test
	void resourcesAreNamedByRelativeIdsAndANetworkAddressNeverFails() {
		request.setFhirServerBase("http://localhost/fhir");
		assertThat(context.massageResourceIdForStorage(request, new Patient(), new IdType("Patient/7/_history/3")))
				.isEqualTo("Patient/7");
		assertThat(context.getNetworkAddress(request)).isNull();
	}

	private static void assertIdentifier(Reference who, String system, String value) {
		assertThat(who.getIdentifier().getSystem()).isEqualTo(system);
		assertThat(who.getIdentifier().getValue()).isEqualTo(value);
		assertThat(who.hasReference()).as("the caller is no resource of this server").isFalse();
	}
}
