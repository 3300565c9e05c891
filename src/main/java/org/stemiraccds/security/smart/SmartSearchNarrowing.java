package org.stemiraccds.security.smart;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizedList;
import ca.uhn.fhir.rest.server.interceptor.auth.SearchNarrowingInterceptor;
import org.springframework.stereotype.Component;
import org.stemiraccds.fhir.FhirServerInterceptor;
import org.stemiraccds.security.Caller;
import org.stemiraccds.security.smart.SmartScopes.Reach;

/**
 * A search by a caller whose only right on the searched type is a patient/ scope is narrowed to the token's
 * patient (HAPI adds the compartment's search parameter, e.g. Observation?patient=Patient/A), so that it
 * returns that patient's resources instead of being refused for the others' (SMART App Launch 2.x § patient/
 * scopes). Searches of types the caller reaches as a whole, and of types outside the Patient compartment, are
 * left as they are; SmartAuthorization still checks every result.
 */
@Component
public class SmartSearchNarrowing extends SearchNarrowingInterceptor implements FhirServerInterceptor {
	private final FhirContext fhirContext;

	public SmartSearchNarrowing(FhirContext fhirContext) {
		this.fhirContext = fhirContext;
	}

	@Override
	protected AuthorizedList buildAuthorizedList(RequestDetails request) {
		String type = request.getResourceName();
		if (type == null || !PatientCompartment.includesType(fhirContext, type)) return null;
		SmartScopes scopes = SmartScopes.of(Caller.current());
		if (scopes.reach(type, 's') != Reach.PATIENT) return null;
		return new AuthorizedList().addCompartment("Patient/" + scopes.patient().orElseThrow());
	}
}
