package org.stemiraccds.audit;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditContextServices;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Reference;
import org.stemiraccds.security.Caller;

/**
 * What BALP needs to know about a request's context, from the request's {@link Caller}: the user (the
 * token's subject under its issuer), the client (the token's client_id), the network address. Never
 * throws: it runs inside the request.
 */
public class CallerAuditContext implements IBalpAuditContextServices {

	@Override
	public Reference getAgentClientWho(RequestDetails request) {
		return AuditAgents.client(Caller.current());
	}

	@Override
	public Reference getAgentUserWho(RequestDetails request) {
		return AuditAgents.who(Caller.current());
	}

	@Override
	public String getNetworkAddress(RequestDetails request) {
		return remoteAddress(request);
	}

	/**
	 * A relative id (Patient/123), not BALP's default absolute URL: this server stores AuditEvents itself,
	 * and a reference to its own resources must be relative to be searchable ({@code AuditEvent?patient=}) and
	 * accepted (external references are off).
	 */
	@Override
	public String massageResourceIdForStorage(RequestDetails request, IBaseResource resource, IIdType id) {
		String type = id.hasResourceType() ? id.getResourceType() : request.getFhirContext().getResourceType(resource);
		return type + "/" + id.getIdPart();
	}

	static String remoteAddress(RequestDetails request) {
		if (!(request instanceof ServletRequestDetails servlet)) return null;
		HttpServletRequest http = servlet.getServletRequest();
		return http == null ? null : http.getRemoteAddr();
	}
}
