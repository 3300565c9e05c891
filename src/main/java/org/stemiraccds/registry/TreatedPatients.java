package org.stemiraccds.registry;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;
import org.stemiraccds.cds.facts.FactsAssembler;
import org.stemiraccds.cds.record.ReferencedResources;
import org.stemiraccds.cds.facts.Resources;

/**
 * Who was treated, from the stored MedicationAdministrations, read with FHIR's semantics as the rules read them: a
 * STEMIRAC administration (its code, or its Medication: contained or stored) that was given (completed, in progress
 * or stopped). Entered-in-error, not-done and the other statuses do not make a patient treated.
 */
@Component
class TreatedPatients {
	private static final int PAGE = 200;
	private final DaoRegistry daoRegistry;

	TreatedPatients(DaoRegistry daoRegistry) {
		this.daoRegistry = daoRegistry;
	}

	/** Whether this patient has a STEMIRAC administration given, on record now. */
	boolean isTreated(String patientId) {
		SearchParameterMap search = SearchParameterMap.newSynchronous("subject", new ReferenceParam("Patient/" + patientId));
		return administrations().searchForResources(search, new SystemRequestDetails()).stream()
				.map(MedicationAdministration.class::cast)
				.anyMatch(this::isGivenStemirac);
	}

	/** Every treated patient's id, read page by page from every administration on record. */
	Set<String> all() {
		Set<String> treated = new TreeSet<>();
		IBundleProvider every = administrations().search(new SearchParameterMap(), new SystemRequestDetails());
		for (int from = 0; ; from += PAGE) {
			List<IBaseResource> page = every.getResources(from, from + PAGE);
			if (page.isEmpty()) break;
			page.stream().map(MedicationAdministration.class::cast)
					.filter(this::isGivenStemirac)
					.flatMap(a -> patientOf(a).stream())
					.forEach(treated::add);
		}
		return treated;
	}

	boolean isGivenStemirac(MedicationAdministration administration) {
		return FactsAssembler.wasGiven(administration) && isStemirac(administration);
	}

	/** STEMIRAC by its own code or its Medication (contained, or this server's, read by id). */
	boolean isStemirac(MedicationAdministration administration) {
		List<Resource> atHand = new ArrayList<>(List.of(administration));
		storedMedication(administration).ifPresent(atHand::add);
		return FactsAssembler.isStemirac(administration, administration.getMedication(), new Resources(atHand));
	}

	/** The id of the Patient the administration is for, when its subject is a reference to one. */
	static Optional<String> patientOf(MedicationAdministration administration) {
		IIdType subject = administration.getSubject().getReferenceElement();
		return "Patient".equals(subject.getResourceType()) && subject.hasIdPart()
				? Optional.of(subject.getIdPart()) : Optional.empty();
	}

	private Optional<Resource> storedMedication(MedicationAdministration administration) {
		// searched by id: a read of a missing one would mark the write's transaction for rollback
		return ReferencedResources.storedMedication(administration).flatMap(id -> {
			SearchParameterMap byId = SearchParameterMap.newSynchronous("_id", new TokenParam(id.getIdPart()));
			return daoRegistry.getResourceDao(Medication.class).searchForResources(byId, new SystemRequestDetails()).stream()
					.map(Resource.class::cast).findFirst();
		});
	}

	@SuppressWarnings("unchecked")
	private IFhirResourceDao<MedicationAdministration> administrations() {
		return daoRegistry.getResourceDao(MedicationAdministration.class);
	}
}
