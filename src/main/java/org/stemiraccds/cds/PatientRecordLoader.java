package org.stemiraccds.cds;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;

/**
 * Reads from this server's database what the rules need about one patient: the resources that point at
 * the patient (by the search parameter of the data contract) and the ones those orders and administrations
 * point at (the lot's Medication, the physician's PractitionerRole, Practitioner and Organization).
 */
@Component
public class PatientRecordLoader {
	/** Resource type → the search parameter that names the patient (also the CDS Hooks prefetch templates). */
	static final Map<String, String> BY_PATIENT = new LinkedHashMap<>();

	static {
		BY_PATIENT.put("Condition", "subject");
		BY_PATIENT.put("AllergyIntolerance", "patient");
		BY_PATIENT.put("Observation", "subject");
		BY_PATIENT.put("Procedure", "subject");
		BY_PATIENT.put("ServiceRequest", "subject");
		BY_PATIENT.put("MedicationAdministration", "subject");
		BY_PATIENT.put("Consent", "patient");
		BY_PATIENT.put("EpisodeOfCare", "patient");
	}

	private final DaoRegistry daoRegistry;

	public PatientRecordLoader(DaoRegistry daoRegistry) {
		this.daoRegistry = daoRegistry;
	}

	/** The patient (404 when unknown) and their record, with what the given draft orders reference. */
	public Record load(IdType patientId, List<Resource> draftOrders, RequestDetails request) {
		Patient patient = (Patient) daoRegistry.getResourceDao("Patient").read(patientId.toUnqualifiedVersionless(), request);
		List<Resource> record = new ArrayList<>();
		String reference = "Patient/" + patient.getIdElement().getIdPart();
		BY_PATIENT.forEach((type, parameter) -> {
			SearchParameterMap search = SearchParameterMap.newSynchronous(parameter, new ReferenceParam(reference));
			daoRegistry.getResourceDao(type).searchForResources(search, request).forEach(r -> record.add((Resource) r));
		});
		record.addAll(ReferencedResources.missingFrom(record, draftOrders, Optional.empty(), id -> read(id, request)));
		return new Record(patient, record);
	}

	public record Record(Patient patient, List<Resource> resources) {}

	/** A resource of this server by "Type/id", or empty when it does not exist. */
	public Optional<Resource> read(IdType id, RequestDetails request) {
		if (!daoRegistry.isResourceTypeSupported(id.getResourceType())) return Optional.empty();
		try {
			return Optional.of((Resource) daoRegistry.getResourceDao(id.getResourceType()).read(id, request));
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return Optional.empty();
		}
	}
}
