package org.stemiraccds.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.PatchTypeEnum;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;

/** The patch type HAPI makes of a Content-Type (its own mapping, so that no spelling it accepts slips past a check). */
public final class PatchTypes {
	private PatchTypes() {}

	/** HAPI's patch type for this Content-Type, or null for none (HAPI then refuses the PATCH itself, 400). */
	public static PatchTypeEnum of(FhirContext fhirContext, String contentType) {
		if (contentType == null) return null;
		try {
			return PatchTypeEnum.forContentTypeOrThrowInvalidRequestException(fhirContext, contentType);
		} catch (InvalidRequestException notAPatchType) {
			return null;
		}
	}
}
