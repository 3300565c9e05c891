package org.stemiraccds.audit;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import ca.uhn.fhir.storage.interceptor.balp.BalpAuditCaptureInterceptor;
import ca.uhn.fhir.storage.interceptor.balp.BalpProfileEnum;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.stemiraccds.fhir.FhirServerInterceptor;
import org.stemiraccds.security.Caller;

/**
 * HAPI's IHE Basic Audit Log Patterns interceptor on the /fhir endpoint: an AuditEvent for every create,
 * update, delete, read and search (per patient compartment owner, as BALP specifies), plus one for every
 * request that failed with a 4xx/5xx after HAPI took it (SERVER_HANDLE_EXCEPTION: 400, 403 from the
 * authorization rules, 404, 409, 412, 422…; a 401 is answered by Spring Security before HAPI, when the
 * caller is unknown anyway).
 * <p>
 * Reads of AuditEvent itself are audited like any read (who looked at the trail); this cannot loop, since
 * the trail stores events through the DAO as a system request, which this interceptor never sees. Nothing
 * here fails a request: building an event is guarded, and storing it is asynchronous ({@link AuditTrail}).
 */
public class AuditCaptureInterceptor extends BalpAuditCaptureInterceptor implements FhirServerInterceptor {
	private static final Logger log = LoggerFactory.getLogger(AuditCaptureInterceptor.class);
	private static final Set<String> READ_PROFILES = Stream.of(BalpProfileEnum.BASIC_READ, BalpProfileEnum.PATIENT_READ,
			BalpProfileEnum.BASIC_QUERY, BalpProfileEnum.PATIENT_QUERY).map(BalpProfileEnum::getProfileUrl)
			.collect(Collectors.toUnmodifiableSet());

	private final AuditTrail trail;

	public AuditCaptureInterceptor(AuditTrail trail, boolean auditReads) {
		super(event -> record(trail, event, auditReads), new CallerAuditContext());
		this.trail = trail;
	}

	/**
	 * BALP's events, the requestor named (agent-name) and reads left out when they are not audited. BALP
	 * sees a write before its commit: the event is queued once the transaction committed (a rolled-back
	 * write leaves only its failure event), and so never names a resource the writer cannot see yet.
	 */
	private static void record(AuditTrail trail, AuditEvent event, boolean auditReads) {
		boolean read = event.getMeta().getProfile().stream().anyMatch(p -> READ_PROFILES.contains(p.getValue()));
		if (read && !auditReads) return;
		Caller caller = Caller.current();
		event.getAgent().forEach(agent -> AuditAgents.nameRequestor(agent, caller));
		if (read || !TransactionSynchronizationManager.isSynchronizationActive()) {
			trail.recordAuditEvent(event);
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				trail.recordAuditEvent(event);
			}
		});
	}

	@Override
	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void hookStoragePrecommitResourceCreated(IBaseResource resource, ServletRequestDetails request) {
		guarded(() -> super.hookStoragePrecommitResourceCreated(resource, request));
	}

	@Override
	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
	public void hookStoragePrecommitResourceDeleted(IBaseResource resource, ServletRequestDetails request) {
		guarded(() -> super.hookStoragePrecommitResourceDeleted(resource, request));
	}

	@Override
	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void hookStoragePrecommitResourceUpdated(IBaseResource old, IBaseResource resource, ServletRequestDetails request) {
		guarded(() -> super.hookStoragePrecommitResourceUpdated(old, resource, request));
	}

	/** A request HAPI answers with an error: one failure event (when it got as far as HAPI, the caller is known). */
	@Hook(Pointcut.SERVER_HANDLE_EXCEPTION)
	public boolean failed(RequestDetails request, BaseServerResponseException exception) {
		guarded(() -> trail.recordAuditEvent(FailedRequestEvents.of(request, exception.getStatusCode(), Caller.current())));
		return true;
	}

	/** Auditing never fails the request: an event that cannot be built is logged and skipped. */
	private static void guarded(Runnable audit) {
		try {
			audit.run();
		} catch (RuntimeException e) {
			log.warn("AuditEvent not created: {}", e.toString());
		}
	}
}
