package org.stemiraccds.registry;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.param.TokenParam;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Group of every treated patient (guideline §2 and §4 ①-1(6): every patient given STEMIRAC is entered in the
 * product's patient registry), kept by this server: the registry's data set is this Group's Bulk Data export. A change
 * recomputes the membership of the patients it concerns from what is committed, so it converges whatever order the
 * writes commit in; the Group's row is locked while it is changed (every instance on the database waits its turn),
 * and a change that still meets another (two creations of the Group at once) is tried again.
 */
@Component
public class TreatedCohort {
	private static final Logger log = LoggerFactory.getLogger(TreatedCohort.class);
	static final String NAME = "STEMIRAC 投与患者（製品の患者登録） / Patients given STEMIRAC (the product's patient registry)";
	private static final String GROUP_ROW =
			"SELECT t.myPid FROM ResourceTable t WHERE t.myResourceType = 'Group' AND t.myFhirId = :fhirId";

	@PersistenceContext
	private EntityManager entityManager;
	private final DaoRegistry daoRegistry;
	private final TreatedPatients treated;
	private final RegistrySettings settings;
	private final TransactionTemplate newTransaction;

	public TreatedCohort(DaoRegistry daoRegistry, TreatedPatients treated, RegistrySettings settings,
			PlatformTransactionManager transactions) {
		this.daoRegistry = daoRegistry;
		this.treated = treated;
		this.settings = settings;
		this.newTransaction = new TransactionTemplate(transactions);
		newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	public String groupId() {
		return settings.groupId();
	}

	/** These patients in the Group if treated, out of it if not: in a transaction of its own. */
	public void refresh(Collection<String> patientIds) {
		change(members -> {
			Set<String> next = new TreeSet<>(members);
			for (String patient : patientIds) {
				if (treated.isTreated(patient)) next.add(patient);
				else next.remove(patient);
			}
			return next;
		});
	}

	/** The Group made again from every administration on record; returns how many patients it holds. */
	public int rebuild() {
		Set<String> all = treated.all();
		change(members -> all);
		log.info("Treated cohort Group/{} rebuilt: {} patients", settings.groupId(), all.size());
		return all.size();
	}

	private void change(UnaryOperator<Set<String>> membership) {
		RuntimeException last = null;
		for (int attempt = 1; attempt <= settings.updateAttempts(); attempt++) {
			try {
				newTransaction.executeWithoutResult(status -> changeOnce(membership));
				return;
			} catch (RuntimeException e) {
				last = e;
				log.debug("Treated cohort change {} of {} failed", attempt, settings.updateAttempts(), e);
			}
		}
		throw last;
	}

	private void changeOnce(UnaryOperator<Set<String>> membership) {
		lockGroupRow();
		Group group = current();
		Set<String> before = members(group);
		Set<String> after = membership.apply(before);
		if (after.equals(before) && group.hasId()) return;
		groups().update(withMembers(group, after), new SystemRequestDetails());
	}

	/** Holds the Group's row until this transaction ends; nothing when the Group does not exist yet. */
	private void lockGroupRow() {
		entityManager.createQuery(GROUP_ROW).setParameter("fhirId", settings.groupId())
				.setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
	}

	/** The Group, or a new one; searched by id, since a read of a missing one would mark the transaction for rollback. */
	private Group current() {
		SearchParameterMap byId = SearchParameterMap.newSynchronous("_id", new TokenParam(settings.groupId()));
		return groups().searchForResources(byId, new SystemRequestDetails()).stream()
				.map(Group.class::cast).findFirst().orElseGet(Group::new);
	}

	private static Set<String> members(Group group) {
		Set<String> members = new LinkedHashSet<>();
		group.getMember().stream()
				.map(m -> m.getEntity().getReferenceElement())
				.filter(id -> "Patient".equals(id.getResourceType()) && id.hasIdPart())
				.forEach(id -> members.add(id.getIdPart()));
		return members;
	}

	private Group withMembers(Group previous, Set<String> patients) {
		Group group = new Group();
		group.setId(new IdType("Group", settings.groupId()));
		group.setActive(true);
		group.setType(Group.GroupType.PERSON);
		group.setActual(true);
		group.setName(NAME);
		previous.getIdentifier().forEach(group::addIdentifier);
		new TreeSet<>(patients).forEach(p -> group.addMember().setEntity(new Reference("Patient/" + p)));
		group.setQuantity(patients.size());
		return group;
	}

	@SuppressWarnings("unchecked")
	private IFhirResourceDao<Group> groups() {
		return daoRegistry.getResourceDao(Group.class);
	}
}
