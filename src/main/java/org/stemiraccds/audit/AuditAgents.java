package org.stemiraccds.audit;

import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.stemiraccds.security.Caller;

/**
 * Who, in every AuditEvent this server writes: the caller of the request as its token names it, an
 * identifier (system = the token's issuer, value = its subject) rather than a reference, because the
 * caller is no resource of this server. agent.name is the subject too, so {@code AuditEvent?agent-name=}
 * finds a caller's events.
 */
public final class AuditAgents {
	/** BALP's type for the user agent (IHE ITI BALP § 1.3: the requestor is the information recipient). */
	static final Coding INFORMATION_RECIPIENT = new Coding("http://terminology.hl7.org/CodeSystem/v3-ParticipationType",
			"IRCP", "information recipient");

	private AuditAgents() {}

	/** The caller (user or system behind the token) as a Reference: identifier issuer|subject. */
	public static Reference who(Caller caller) {
		Reference who = new Reference().setDisplay(caller.subject());
		who.getIdentifier().setSystem(issuerSystem(caller)).setValue(caller.subject());
		return who;
	}

	/** The client software that called: a FHIR token's client_id (or azp), a CDS client's own sub. */
	public static Reference client(Caller caller) {
		String client = clientId(caller);
		Reference who = new Reference().setDisplay(client);
		who.getIdentifier().setSystem(issuerSystem(caller)).setValue(client);
		return who;
	}

	/** The requesting agent of the current request (BALP's user agent: requestor, information recipient). */
	public static AuditEventAgentComponent requestor(Caller caller) {
		AuditEventAgentComponent agent = new AuditEventAgentComponent().setRequestor(true).setWho(who(caller))
				.setName(caller.subject()).setAltId(caller.issuer());
		agent.getType().addCoding(INFORMATION_RECIPIENT.copy());
		return agent;
	}

	/** Fills agent.name / altId of the requestor where BALP leaves them empty, so agent-name finds every event. */
	static void nameRequestor(AuditEventAgentComponent agent, Caller caller) {
		if (agent.getRequestor() && !agent.hasName()) agent.setName(caller.subject()).setAltId(caller.issuer());
	}

	private static String issuerSystem(Caller caller) {
		// identifier.system is a URI; the local developer's and an anonymous caller's "issuer" are plain words
		return caller.issuer().contains(":") ? caller.issuer() : "urn:stemirac:caller:" + caller.issuer();
	}

	private static String clientId(Caller caller) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof Jwt jwt) {
			String client = jwt.getClaimAsString("client_id");
			if (client == null) client = jwt.getClaimAsString("azp");
			if (client != null) return client;
		}
		return caller.subject();
	}
}
