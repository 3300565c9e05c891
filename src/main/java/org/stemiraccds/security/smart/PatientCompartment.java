package org.stemiraccds.security.smart;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;

/**
 * The Patient compartment (FHIR R4 § CompartmentDefinition patient): the resource types that belong to one
 * patient, which patient/ scopes are limited to. Of the types outside it, only shared reference data may be
 * read under a patient/ scope: Binary, Bundle, Basic, Task… lie outside the compartment and may still hold
 * any patient's data.
 */
public final class PatientCompartment {
	/** Outside every patient's compartment and no one's data: what a patient's record points at. */
	public static final List<String> SHARED_TYPES = List.of("Medication", "Substance", "Practitioner",
			"PractitionerRole", "Organization", "Location", "HealthcareService");

	private PatientCompartment() {}

	public static boolean isShared(String type) {
		return SHARED_TYPES.contains(type);
	}

	public static boolean includesType(FhirContext fhirContext, String type) {
		if ("Patient".equals(type)) return true;
		if (!fhirContext.getResourceTypes().contains(type)) return false;
		List<?> params = fhirContext.getResourceDefinition(type).getSearchParamsForCompartmentName("Patient");
		return params != null && !params.isEmpty();
	}

	/** Whether {@code resource} is the patient or one of their resources. */
	public static boolean contains(FhirContext fhirContext, IBaseResource resource, String patientId) {
		IdType patient = new IdType("Patient", patientId);
		String type = fhirContext.getResourceType(resource);
		if ("Patient".equals(type)) return patientId.equals(resource.getIdElement().getIdPart());
		return fhirContext.newTerser().isSourceInCompartmentForTarget("Patient", resource, patient);
	}
}
