package org.stemiraccds.audit;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.jpa.model.entity.ResourceTable;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import java.util.List;
import org.hibernate.search.mapper.orm.Search;
import org.hl7.fhir.r4.model.AuditEvent;

/**
 * Stores a batch of AuditEvents with the same DAO creates as a single event, all inside one database
 * transaction (HAPI's transaction service; the creates join it): one commit for the batch instead of one per
 * event. Any create that fails rolls the whole batch back.
 * <p>
 * The events stay out of the full-text index (Hibernate Search's indexing plan filter, for this session only):
 * they are searched by their search parameters (patient, agent-name, entity-name, date…), never by
 * {@code _content}; indexing them cost the writer a Lucene document per event, and a request's own index work,
 * which it waits for (read-sync), queued behind a batch of them.
 * <p>
 * Not a FHIR transaction Bundle: HAPI pre-fetches a Bundle's references with one query OR-ing every
 * (type, id) pair, which H2 answers by scanning the whole resource table; each create alone resolves its
 * references by the (type, id) index. Those lookups must not flush what the batch has written so far (by
 * default Hibernate flushes before every query, a dirty check of every entity in the growing session): the
 * session flushes at commit only, as HAPI's own transaction processing does. The events of a batch never
 * reference one another, so no lookup needs to see them.
 */
final class SingleTransactionBatch implements AuditTrail.BatchStore {
	private final IHapiTransactionService transactions;
	private final IFhirResourceDao<AuditEvent> dao;
	/** Spring's shared EntityManager: the session of the transaction in progress. */
	private final EntityManager entityManager;

	/** Whether Hibernate Search is on (hibernate.search.enabled): there is an index to keep the events out of. */
	private final boolean fullTextIndex;

	SingleTransactionBatch(IHapiTransactionService transactions, IFhirResourceDao<AuditEvent> dao, EntityManager entityManager,
			boolean fullTextIndex) {
		this.transactions = transactions;
		this.dao = dao;
		this.entityManager = entityManager;
		this.fullTextIndex = fullTextIndex;
	}

	@Override
	public void storeAll(List<AuditEvent> events) {
		SystemRequestDetails request = new SystemRequestDetails();
		transactions.withRequest(request).execute(() -> {
			entityManager.setFlushMode(FlushModeType.COMMIT);
			if (fullTextIndex) Search.session(entityManager).indexingPlanFilter(plan -> plan.exclude(ResourceTable.class));
			events.forEach(event -> dao.create(event, request));
		});
	}
}
