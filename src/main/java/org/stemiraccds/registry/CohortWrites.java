package org.stemiraccds.registry;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.stemiraccds.errors.Incidents;
import org.stemiraccds.fhir.FhirServerInterceptor;

/**
 * Keeps the treated cohort current as STEMIRAC MedicationAdministrations are created, updated (a status corrected to
 * entered-in-error, a subject corrected) and deleted through /fhir. Once the write's transaction has committed, the
 * patients it concerns (before and after) are put in or out of the Group, in a transaction of its own: the Group then
 * follows what is committed, and a failure there never undoes the administration (the next change of those patients,
 * or a rebuild, puts it right). Administrations of other drugs cost the one check of their medication.
 */
@Component
public class CohortWrites implements FhirServerInterceptor {
	private static final Logger log = LoggerFactory.getLogger(CohortWrites.class);
	private final TreatedCohort cohort;
	private final TreatedPatients treated;

	public CohortWrites(TreatedCohort cohort, TreatedPatients treated) {
		this.cohort = cohort;
		this.treated = treated;
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void created(IBaseResource resource) {
		concerns(null, resource);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void updated(IBaseResource previous, IBaseResource resource) {
		concerns(previous, resource);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
	public void deleted(IBaseResource resource) {
		concerns(resource, null);
	}

	private void concerns(IBaseResource before, IBaseResource after) {
		Set<String> patients = new TreeSet<>();
		for (IBaseResource version : new IBaseResource[] {before, after}) {
			if (version instanceof MedicationAdministration administration && treated.isStemirac(administration)) {
				TreatedPatients.patientOf(administration).ifPresent(patients::add);
			}
		}
		if (!patients.isEmpty()) afterCommit(patients);
	}

	/** One refresh per transaction, of every patient it concerns, once it has committed. */
	private void afterCommit(Set<String> patients) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			refresh(patients);
			return;
		}
		Object key = CohortWrites.class;
		@SuppressWarnings("unchecked")
		Set<String> pending = (Set<String>) TransactionSynchronizationManager.getResource(key);
		if (pending != null) {
			pending.addAll(patients);
			return;
		}
		Set<String> collected = new TreeSet<>(patients);
		TransactionSynchronizationManager.bindResource(key, collected);
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				refresh(collected);
			}

			@Override
			public void afterCompletion(int status) {
				TransactionSynchronizationManager.unbindResourceIfPossible(key);
			}
		});
	}

	private void refresh(Set<String> patients) {
		try {
			cohort.refresh(patients);
		} catch (RuntimeException e) {
			log.warn("Treated cohort not updated for {} (incident {})", patients, Incidents.record("treated cohort", e));
		}
	}
}
