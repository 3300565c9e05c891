package org.stemiraccds.errors;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.PatchTypeEnum;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseExtension;
import org.hl7.fhir.instance.model.api.IBaseParameters;
import org.hl7.fhir.instance.model.api.IBaseReference;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.springframework.stereotype.Component;
import org.stemiraccds.fhir.FhirServerInterceptor;
import org.stemiraccds.fhir.PatchTypes;

/**
 * Input HAPI 8.6.1 takes on trust and then fails on with a 500, refused first with a 400 naming it: paging
 * numbers that are not non-negative integers, a version id that is not a number (this server's versions
 * are), a PATCH with neither id nor condition, a string that is not Unicode text (an unpaired UTF-16
 * surrogate, which JSON's \\uD800 escape can carry; FHIR R4 § 2.24.0.1 string is a sequence of Unicode
 * characters), a blank profile canonical or extension url, a reference whose path has an empty segment (the
 * validator fails on all three), _filter when it is disabled, a FHIRPath Patch whose body is not a Parameters
 * resource.
 */
@Component
public class FhirInputChecks implements FhirServerInterceptor {
	private static final List<String> PAGING = List.of("_count", "_offset", "_getpagesoffset");
	private static final Pattern NON_NEGATIVE = Pattern.compile("\\d{1,9}");
	private static final Pattern SCHEME_AND_AUTHORITY = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*");
	private final FhirContext fhirContext;
	private final JpaStorageSettings storageSettings;

	public FhirInputChecks(FhirContext fhirContext, JpaStorageSettings storageSettings) {
		this.fhirContext = fhirContext;
		this.storageSettings = storageSettings;
	}

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
	public boolean checkRequest(RequestDetails request) {
		// HAPI parses _filter (and fails on some expressions) before it checks whether _filter is enabled
		if (!storageSettings.isFilterParameterEnabled() && request.getParameters().containsKey("_filter")) {
			throw new InvalidRequestException("The _filter parameter is disabled on this server");
		}
		for (String name : PAGING) {
			String[] values = request.getParameters().get(name);
			if (values == null) continue;
			for (String value : values) {
				if (!NON_NEGATIVE.matcher(value).matches()) throw new InvalidRequestException(name + " must be a non-negative integer: " + value);
			}
		}
		IIdType id = request.getId();
		if (id != null && id.hasVersionIdPart() && !id.getVersionIdPart().matches("\\d{1,18}")) {
			throw new InvalidRequestException("A version id of this server is a number: " + id.getVersionIdPart());
		}
		if (isTransactionWithoutBody(request)) {
			throw new InvalidRequestException("A transaction or batch needs a Bundle in the request body");
		}
		if (request.getRestOperationType() == RestOperationTypeEnum.PATCH && (id == null || !id.hasIdPart())
				&& (request.getParameters() == null || request.getParameters().isEmpty())) {
			throw new InvalidRequestException("PATCH needs a resource id in the URL or a search condition");
		}
		if (isFhirPathPatchOfAnotherResource(request)) {
			throw new InvalidRequestException("A FHIRPath Patch (application/fhir+json or +xml) is a Parameters resource");
		}
		return true;
	}

	/**
	 * FHIR R4 § 3.1.0.7.2: a FHIRPath Patch is a Parameters resource. HAPI parsed whatever resource the body held and
	 * passed it on as the patch (a 500, "argument type mismatch"). A body HAPI cannot parse it refuses itself (400).
	 */
	private boolean isFhirPathPatchOfAnotherResource(RequestDetails request) {
		if (request.getRequestType() != RequestTypeEnum.PATCH) return false;
		PatchTypeEnum type = PatchTypes.of(fhirContext, request.getHeader(Constants.HEADER_CONTENT_TYPE));
		byte[] body = request.loadRequestContents();
		if (type != PatchTypeEnum.FHIR_PATCH_JSON && type != PatchTypeEnum.FHIR_PATCH_XML || body == null) return false;
		try {
			IParser parser = type == PatchTypeEnum.FHIR_PATCH_JSON ? fhirContext.newJsonParser() : fhirContext.newXmlParser();
			return !(parser.parseResource(new String(body, StandardCharsets.UTF_8)) instanceof IBaseParameters);
		} catch (DataFormatException unparsable) {
			return false;
		}
	}

	/**
	 * A POST to the base is a transaction or batch (FHIR R4 § 3.1.0.11); with no body, HAPI's
	 * SearchNarrowingInterceptor walked a null Bundle (a 500).
	 */
	static boolean isTransactionWithoutBody(RequestDetails request) {
		if (request.getRequestType() != RequestTypeEnum.POST || request.getResourceName() != null
				|| request.getOperation() != null) {
			return false;
		}
		byte[] body = request.loadRequestContents();
		return body == null || new String(body, StandardCharsets.UTF_8).isBlank();
	}

	/** Before profile validation and indexing, which fail on such strings. */
	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = -1000)
	public void created(IBaseResource resource) {
		checkStrings(resource);
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = -1000)
	public void updated(IBaseResource previous, IBaseResource resource) {
		checkStrings(resource);
	}

	private void checkStrings(IBaseResource resource) {
		for (IPrimitiveType<?> primitive : fhirContext.newTerser().getAllPopulatedChildElementsOfType(resource, IPrimitiveType.class)) {
			String value = primitive.getValueAsString();
			if (value != null && hasUnpairedSurrogate(value)) {
				throw new InvalidRequestException("A string holds an unpaired UTF-16 surrogate, which is not a Unicode character");
			}
			if (primitive.getValue() instanceof BigDecimal decimal && beyondIndexRange(decimal)) {
				throw new InvalidRequestException("A decimal is beyond ±1.8e308, the largest number this server can index or compare");
			}
		}
		for (IPrimitiveType<String> profile : resource.getMeta().getProfile()) {
			if (profile.getValue() == null || profile.getValue().isBlank()) throw new InvalidRequestException("meta.profile holds a blank canonical");
		}
		for (IBaseExtension<?, ?> extension : fhirContext.newTerser().getAllPopulatedChildElementsOfType(resource, IBaseExtension.class)) {
			if (extension.getUrl() == null || extension.getUrl().isBlank()) throw new InvalidRequestException("An extension has no url");
		}
		for (IBaseReference reference : fhirContext.newTerser().getAllPopulatedChildElementsOfType(resource, IBaseReference.class)) {
			String value = reference.getReferenceElement().getValue();
			if (value != null && hasEmptyPathSegment(value)) {
				throw new InvalidRequestException("A reference has an empty path segment (\"//\" or a leading \"/\"): it names no resource type");
			}
		}
	}

	/**
	 * A literal reference is [type]/[id](/_history/[vid]), relative or after an absolute URL's authority (FHIR R4
	 * § 2.3.0): one whose path has an empty segment names no resource type. The validator takes the empty segment
	 * for a type and fails on it. Local ("#id") and urn: references have no path.
	 */
	static boolean hasEmptyPathSegment(String reference) {
		if (reference.startsWith("#") || reference.regionMatches(true, 0, "urn:", 0, 4)) return false;
		Matcher authority = SCHEME_AND_AUTHORITY.matcher(reference);
		String path = authority.lookingAt() ? reference.substring(authority.end()).replaceFirst("^/", "") : reference;
		path = path.replaceFirst("[?#].*", "");
		return path.startsWith("/") || path.contains("//");
	}

	/**
	 * FHIR's decimal has no range (R4 § 2.24.0.1), but HAPI indexes quantities, and the rules compare doses, as
	 * doubles: a value past the double range (1e400) became Infinity and failed there (a 500).
	 */
	static boolean beyondIndexRange(BigDecimal decimal) {
		return Double.isInfinite(decimal.doubleValue());
	}

	static boolean hasUnpairedSurrogate(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) i++;
			else if (Character.isSurrogate(c)) return true;
		}
		return false;
	}
}
