package org.stemiraccds.cds.writes;

import ca.uhn.fhir.jpa.model.entity.BaseTag;
import ca.uhn.fhir.jpa.model.entity.TagDefinition;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Map;
import org.hibernate.engine.spi.EntityEntry;
import org.hibernate.engine.spi.SessionImplementor;
import org.springframework.stereotype.Component;

/**
 * Makes the tags a write has just stored point at this session's own tag definition, before the write's
 * transaction reads anything more.
 * <p>
 * Why: HAPI 8.6.1 (CacheTagDefinitionDao) gives a write the TagDefinition entity of a profile, tag or security
 * label from a memory cache shared by all transactions: the instance another session loaded, detached from
 * this one. The write's new tag rows (ResourceTag, ResourceHistoryTag) reference that foreign instance. When a
 * search in the same transaction then loads tags of other resources with the same definition, Hibernate 6.6
 * meets two instances of one row in one session: it fails an assertion (AssertionError with -ea: a 500) or,
 * with assertions off, mixes the instances up ("possible non-threadsafe access to the session"). Re-pointing
 * the tag rows at the managed instance (a find by id: the definition is immutable) leaves one instance per
 * row. The foreign key does not change, so nothing is written.
 */
@Component
class SessionTagDefinitions {
	@PersistenceContext
	private EntityManager entityManager;

	/** In the caller's transaction: every tag row of the session references a definition of the session. */
	void adoptShared() {
		SessionImplementor session = entityManager.unwrap(SessionImplementor.class);
		for (Map.Entry<Object, EntityEntry> entry : session.getPersistenceContextInternal().reentrantSafeEntityEntries()) {
			if (entry.getKey() instanceof BaseTag tag && tag.getTag() != null && !session.contains(tag.getTag())) {
				tag.setTag(entityManager.find(TagDefinition.class, tag.getTag().getId()));
			}
		}
	}
}
