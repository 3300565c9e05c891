package org.stemiraccds.audit;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.storage.interceptor.balp.BalpConstants;
import java.util.Date;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.stemiraccds.security.Caller;

/**
 * The AuditEvent of a FHIR request that failed (BALP describes only successful interactions): the same type,
 * subtype and agents as BALP's, outcome 4 or 8 with the HTTP status, and what was asked for (the resource
 * type and id, the URL).
 */
final class FailedRequestEvents {
	private FailedRequestEvents() {}

	static AuditEvent of(RequestDetails request, int status, Caller caller) {
		AuditEvent event = new AuditEvent();
		event.setType(AuditCodes.REST.copy());
		RestOperationTypeEnum operation = request.getRestOperationType();
		if (operation != null) {
			event.addSubtype().setSystem(BalpConstants.CS_RESTFUL_INTERACTION).setCode(operation.getCode())
					.setDisplay(operation.getCode());
		}
		event.setAction(action(operation));
		event.setRecorded(new Date());
		AuditCodes.setOutcome(event, status);
		event.getSource().getObserver().setDisplay(request.getFhirServerBase());
		AuditEvent.AuditEventAgentComponent requestor = AuditAgents.requestor(caller);
		event.addAgent(requestor);
		requestor.getNetwork().setAddress(CallerAuditContext.remoteAddress(request))
				.setType(BalpConstants.AUDIT_EVENT_AGENT_NETWORK_TYPE_IP_ADDRESS);
		target(event, request);
		return event;
	}

	/** The resource asked for: a patient entity for Patient/{id}, else a data entity; the request as its query. */
	private static void target(AuditEvent event, RequestDetails request) {
		IIdType id = request.getId();
		String type = request.getResourceName();
		if (id != null && id.hasIdPart() && type != null) {
			String reference = type + "/" + id.getIdPart();
			if (type.equals("Patient")) AuditCodes.addPatient(event, reference);
			else AuditCodes.addData(event).getWhat().setReference(reference);
			return;
		}
		AuditEventEntityComponent query = AuditCodes.addData(event);
		query.getRole().setCode(BalpConstants.CS_OBJECT_ROLE_24_QUERY).setDisplay("Query");
		query.setDescription(request.getRequestType() + " " + request.getCompleteUrl());
	}

	private static AuditEventAction action(RestOperationTypeEnum operation) {
		if (operation == null) return AuditEventAction.E;
		switch (operation) {
			case CREATE:
				return AuditEventAction.C;
			case READ:
			case VREAD:
				return AuditEventAction.R;
			case UPDATE:
			case PATCH:
				return AuditEventAction.U;
			case DELETE:
				return AuditEventAction.D;
			default:
				return AuditEventAction.E;
		}
	}
}
