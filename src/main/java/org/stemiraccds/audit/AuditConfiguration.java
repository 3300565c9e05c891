package org.stemiraccds.audit;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import jakarta.persistence.EntityManagerFactory;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.orm.jpa.SharedEntityManagerCreator;

/** The audit trail (stemirac.audit.enabled, on by default): the async writer and BALP on the FHIR endpoint. */
@Configuration
@ConditionalOnProperty(name = "stemirac.audit.enabled", havingValue = "true", matchIfMissing = true)
public class AuditConfiguration {

	@Bean
	public AuditTrail auditTrail(DaoRegistry daos, IHapiTransactionService transactions,
			EntityManagerFactory entityManagers, AuditProperties properties,
			@Value("${spring.jpa.properties.hibernate.search.enabled:true}") boolean fullTextIndex) {
		IFhirResourceDao<AuditEvent> dao = daos.getResourceDao(AuditEvent.class);
		SingleTransactionBatch batches = new SingleTransactionBatch(transactions, dao,
				SharedEntityManagerCreator.createSharedEntityManager(entityManagers), fullTextIndex);
		return new AuditTrail(dao, reference -> exists(daos, reference), properties.queueCapacity(), properties.shutdownDrain(),
				properties.fullQueueWait(), batches, properties.writeBatchSize());
	}

	/** Whether this server has the resource (not deleted); asked only when a write was refused for a reference. */
	private static boolean exists(DaoRegistry daos, String reference) {
		try {
			IdType id = new IdType(reference);
			daos.getResourceDao(id.getResourceType()).read(id, new SystemRequestDetails());
			return true;
		} catch (RuntimeException notFoundOrGone) {
			return false;
		}
	}

	@Bean
	public AuditTrailHealth auditTrailHealthIndicator(AuditTrail trail) {
		return new AuditTrailHealth(trail);
	}

	@Bean
	public AuditCaptureInterceptor auditCaptureInterceptor(AuditTrail trail, AuditProperties properties) {
		return new AuditCaptureInterceptor(trail, properties.reads());
	}
}
