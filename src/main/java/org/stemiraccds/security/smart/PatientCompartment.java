package org.stemiraccds.security.smart;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;

/**
 * The Patient compartment (FHIR R4 § CompartmentDefinition patient): the resource types that belong to one
 * patient, which patient/ scopes are limited to. Types outside it (Medication, Practitioner, Organization,
 * the conformance resources…) hold no patient's data.
 */
public final class PatientCompartment {
	private PatientCompartment() {}

	public static boolean includesType(FhirContext fhirContext, String type) {
		if ("Patient".equals(type)) return true;
		if (!fhirContext.getResourceTypes().contains(type)) return false;
		List<?> params = fhirContext.getResourceDefinition(type).getSearchParamsForCompartmentName("Patient");
		return params != null && !params.isEmpty();
	}

	/** Every resource type outside the compartment, sorted. */
	public static List<String> typesOutside(FhirContext fhirContext) {
		return fhirContext.getResourceTypes().stream().filter(type -> !includesType(fhirContext, type)).sorted().toList();
	}

	/** Whether {@code resource} is the patient or one of their resources; types outside the compartment are in no one's. */
	public static boolean contains(FhirContext fhirContext, IBaseResource resource, String patientId) {
		IdType patient = new IdType("Patient", patientId);
		String type = fhirContext.getResourceType(resource);
		if ("Patient".equals(type)) return patientId.equals(resource.getIdElement().getIdPart());
		return fhirContext.newTerser().isSourceInCompartmentForTarget("Patient", resource, patient);
	}
}
