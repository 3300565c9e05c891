package org.stemiraccds.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.PatchTypeEnum;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import java.util.Map;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.springframework.stereotype.Component;

/**
 * Refuses XML Patch (RFC 5261) with 415 before HAPI applies it: HAPI 8.6.1 applies it with
 * com.github.dnault:xml-patch, whose SAX builder resolves external entities, so a patch declaring
 * {@code <!ENTITY x SYSTEM "file:///…">} would copy a server file into the resource (XXE). JSON Patch
 * (RFC 6902) and FHIRPath Patch (FHIR R4 § 3.1.0.7.2) are untouched.
 * <p>
 * Two doors lead there: a PATCH request whose Content-Type is XML Patch, checked before its body is read; and
 * a PATCH entry of a transaction or batch Bundle whose resource is a Binary of that content type (how HAPI's
 * transaction processor picks the patch type), checked once the Bundle is parsed and before any entry is
 * processed. Both use HAPI's own Content-Type mapping ({@link PatchTypeEnum}), so no spelling it accepts
 * slips past.
 */
@Component
public class XmlPatchRefusal implements FhirServerInterceptor {
	private static final int UNSUPPORTED_MEDIA_TYPE = 415;

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
	public boolean refuseXmlPatchRequest(RequestDetails request) {
		if (request.getRequestType() == RequestTypeEnum.PATCH && isXmlPatch(request, request.getHeader(Constants.HEADER_CONTENT_TYPE))) {
			throw refusal(request);
		}
		return true;
	}

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
	public void refuseXmlPatchEntries(RequestDetails request, RestOperationTypeEnum operation) {
		if (operation != RestOperationTypeEnum.TRANSACTION || !(request.getResource() instanceof Bundle bundle)) return;
		for (BundleEntryComponent entry : bundle.getEntry()) {
			if (entry.getRequest().getMethod() == Bundle.HTTPVerb.PATCH
					&& entry.getResource() instanceof Binary binary
					&& isXmlPatch(request, binary.getContentType())) {
				throw refusal(request);
			}
		}
	}

	private static boolean isXmlPatch(RequestDetails request, String contentType) {
		return PatchTypes.of(request.getFhirContext(), contentType) == PatchTypeEnum.XML_PATCH;
	}

	private static UnclassifiedServerFailureException refusal(RequestDetails request) {
		String text = FhirRefusals.text(request.getHeader("Accept-Language"), "error.fhir.xml-patch", Map.of());
		return new UnclassifiedServerFailureException(UNSUPPORTED_MEDIA_TYPE, text,
				FhirRefusals.outcome(request.getFhirContext(), text, "not-supported"));
	}
}
