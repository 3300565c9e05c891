package org.stemiraccds.audit;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;

/**
 * Stores a batch of AuditEvents with the same DAO creates as a single event, all inside one database
 * transaction (HAPI's transaction service; the creates join it): one commit and one full-text index refresh
 * for the batch instead of one per event. Any create that fails rolls the whole batch back.
 * <p>
 * Not a FHIR transaction Bundle: HAPI pre-fetches a Bundle's references with one query OR-ing every
 * (type, id) pair, which H2 answers by scanning the whole resource table; each create alone resolves its
 * references by the (type, id) index.
 */
final class SingleTransactionBatch implements AuditTrail.BatchStore {
	private final IHapiTransactionService transactions;
	private final IFhirResourceDao<AuditEvent> dao;

	SingleTransactionBatch(IHapiTransactionService transactions, IFhirResourceDao<AuditEvent> dao) {
		this.transactions = transactions;
		this.dao = dao;
	}

	@Override
	public void storeAll(List<AuditEvent> events) {
		SystemRequestDetails request = new SystemRequestDetails();
		transactions.withRequest(request).execute(() -> events.forEach(event -> dao.create(event, request)));
	}
}
