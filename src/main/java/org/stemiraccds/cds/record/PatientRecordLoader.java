package org.stemiraccds.cds.record;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.Optional;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;

/**
 * Reads from this server's database what the rules need about one patient, in one search: the patient with
 * every resource that points at it by the data contract's search parameter ({@link #recordQuery}, also the
 * CDS Hooks prefetch template), plus what the orders and administrations point at (the lot's Medication, the
 * physician's PractitionerRole, Practitioner and Organization).
 */
@Component
public class PatientRecordLoader {
	/** Resource type:search parameter that names the patient (or the patient the lot was made from). */
	public static final List<String> REVERSE_INCLUDES = List.of(
			"Condition:subject",
			"AllergyIntolerance:patient",
			"Observation:subject",
			"Procedure:subject",
			"ServiceRequest:subject",
			"MedicationAdministration:subject",
			"Consent:patient",
			"EpisodeOfCare:patient",
			"Medication:autologous-source");

	private final DaoRegistry daoRegistry;

	public PatientRecordLoader(DaoRegistry daoRegistry) {
		this.daoRegistry = daoRegistry;
	}

	/** The search for the patient's record: Patient?_id={patientId}&_revinclude=… */
	public static String recordQuery(String patientId) {
		return "Patient?_id=" + patientId + REVERSE_INCLUDES.stream().map(i -> "&_revinclude=" + i).collect(Collectors.joining());
	}

	/** The patient (404 when unknown) and their record, with what the given draft orders reference. */
	public Record load(IdType patientId, List<Resource> draftOrders, RequestDetails request) {
		SearchParameterMap search = SearchParameterMap.newSynchronous("_id", new TokenParam(patientId.getIdPart()));
		REVERSE_INCLUDES.forEach(include -> search.addRevInclude(new Include(include)));
		List<Resource> record = new ArrayList<>();
		daoRegistry.getResourceDao("Patient").search(search, request).getAllResources().forEach(r -> record.add((Resource) r));
		Patient patient = record.stream().filter(Patient.class::isInstance).map(Patient.class::cast)
				.filter(p -> p.getIdElement().getIdPart().equals(patientId.getIdPart()))
				.findFirst()
				.orElseThrow(() -> new ResourceNotFoundException(patientId.withResourceType("Patient")));
		record.remove(patient);
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
