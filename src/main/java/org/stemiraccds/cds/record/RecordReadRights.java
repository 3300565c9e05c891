package org.stemiraccds.cds.record;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.util.Map;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.stereotype.Component;
import org.stemiraccds.security.Caller;
import org.stemiraccds.security.smart.PatientCompartment;
import org.stemiraccds.security.smart.SecurityOutcomes;
import org.stemiraccds.security.smart.SmartScopes;
import org.stemiraccds.security.smart.SmartScopes.Reach;

/**
 * The record loader reads this server's database with the rights of whoever called (a CDS client's
 * registered scopes, a FHIR API token's SMART scopes), not as the system: each type is checked before it is
 * read, by the same scopes that govern /fhir (r to read by id, s to search). A patient/ scope reaches only the
 * token's patient, and the shared reference data (Medication, Practitioner…). What may not be
 * read is refused with 403 before anything is read, instead of evaluating the rules on part of the record.
 */
@Component
public class RecordReadRights {
	private final FhirContext fhirContext;
	private final SecurityOutcomes outcomes;

	public RecordReadRights(FhirContext fhirContext, SecurityOutcomes outcomes) {
		this.fhirContext = fhirContext;
		this.outcomes = outcomes;
	}

	/** The caller may {@code permission} (r or s) {@code type} of patient {@code patientId}, or 403. */
	void require(String type, char permission, String patientId) {
		SmartScopes scopes = SmartScopes.of(Caller.current());
		Reach reach = scopes.reach(type, permission);
		if (reach == Reach.ALL) return;
		if (reach == Reach.PATIENT && (PatientCompartment.isShared(type)
				|| (PatientCompartment.includesType(fhirContext, type) && scopes.patient().orElseThrow().equals(patientId)))) return;
		throw forbidden(type);
	}

	/** The caller may {@code permission} some resources of {@code type}; which ones is checked as they are read. */
	void requireType(String type, char permission) {
		Reach reach = SmartScopes.of(Caller.current()).reach(type, permission);
		if (reach == Reach.ALL) return;
		if (reach == Reach.PATIENT && (PatientCompartment.isShared(type) || PatientCompartment.includesType(fhirContext, type))) return;
		throw forbidden(type);
	}

	/** A resource just read: under a patient/ scope it must be the token's patient's (or shared reference data). */
	void requireVisible(Resource resource) {
		SmartScopes scopes = SmartScopes.of(Caller.current());
		String type = resource.fhirType();
		Reach read = scopes.reach(type, 'r');
		Reach search = scopes.reach(type, 's');
		if (read == Reach.ALL || search == Reach.ALL) return;
		if (read == Reach.NONE && search == Reach.NONE) throw forbidden(type);
		if (PatientCompartment.isShared(type)) return;
		boolean theirs = PatientCompartment.includesType(fhirContext, type)
				&& PatientCompartment.contains(fhirContext, resource, scopes.patient().orElseThrow());
		if (!theirs) throw forbidden(type);
	}

	private ForbiddenOperationException forbidden(String type) {
		return new ForbiddenOperationException(outcomes.message("error.forbidden-read", acceptLanguage(), Map.of("type", type)));
	}

	/** The current HTTP request's Accept-Language (Japanese when there is none). */
	private static String acceptLanguage() {
		if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) return null;
		return attributes.getRequest().getHeader("Accept-Language");
	}
}
