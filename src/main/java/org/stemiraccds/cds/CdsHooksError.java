package org.stemiraccds.cds;

import java.util.Map;
import org.springframework.http.HttpStatus;

/** A CDS Hooks request (a hook call or feedback) this server refuses: the status, an error code and the message bundle's words for it. */
public class CdsHooksError extends RuntimeException {
	private final HttpStatus status;
	private final String code;
	private final Map<String, ?> values;

	public CdsHooksError(HttpStatus status, String code, Map<String, ?> values, String detail) {
		super(detail);
		this.status = status;
		this.code = code;
		this.values = values;
	}

	public static CdsHooksError malformedJson(String detail) {
		return new CdsHooksError(HttpStatus.BAD_REQUEST, "malformed-json", Map.of(), detail);
	}

	public static CdsHooksError missingField(String field) {
		return new CdsHooksError(HttpStatus.BAD_REQUEST, "missing-field", Map.of("field", field), null);
	}

	public static CdsHooksError wrongHook(String expected, String actual) {
		return new CdsHooksError(HttpStatus.BAD_REQUEST, "wrong-hook", Map.of("expected", expected, "actual", actual), null);
	}

	public static CdsHooksError unknownService(String service) {
		return new CdsHooksError(HttpStatus.NOT_FOUND, "unknown-service", Map.of("service", service), null);
	}

	public static CdsHooksError feedback(String detail) {
		return new CdsHooksError(HttpStatus.BAD_REQUEST, "feedback", Map.of(), detail);
	}

	/** 413: the body is over stemirac.cds.max-request-bytes. */
	public static CdsHooksError requestTooLarge(long maxBytes) {
		return new CdsHooksError(HttpStatus.PAYLOAD_TOO_LARGE, "request-too-large", Map.of("max", maxBytes), null);
	}

	/** 415: a compressed body (never inflated here, so no decompression bomb). */
	public static CdsHooksError contentEncoding(String encoding) {
		return new CdsHooksError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "content-encoding", Map.of("encoding", encoding), null);
	}

	/** 400: a list in the request is longer than its cap. */
	public static CdsHooksError tooMany(String field, int max) {
		return new CdsHooksError(HttpStatus.BAD_REQUEST, "too-many", Map.of("field", field, "max", max), null);
	}

	/** 400: a context id that is no FHIR id (or no "Type/id" where one is required). */
	public static CdsHooksError invalidId(String field) {
		return new CdsHooksError(HttpStatus.BAD_REQUEST, "invalid-id", Map.of("field", field), null);
	}

	public static CdsHooksError invalidHookInstance(int maxLength) {
		return new CdsHooksError(HttpStatus.BAD_REQUEST, "invalid-hook-instance", Map.of("max", maxLength), null);
	}

	public static CdsHooksError invalidFhirServer() {
		return new CdsHooksError(HttpStatus.BAD_REQUEST, "invalid-fhir-server", Map.of(), null);
	}

	/** 403: the calling CDS client's registration does not list this fhirServer. */
	public static CdsHooksError fhirServerNotAllowed(String fhirServer) {
		return new CdsHooksError(HttpStatus.FORBIDDEN, "fhir-server-not-allowed", Map.of("fhirServer", fhirServer), null);
	}

	/** 412: a read of the fhirServer failed; {@code detail} is our own words, never the remote server's text. */
	public static CdsHooksError fhirServerRead(String detail) {
		return new CdsHooksError(HttpStatus.PRECONDITION_FAILED, "prefetch", Map.of(), detail);
	}

	public HttpStatus status() {
		return status;
	}

	public String code() {
		return code;
	}

	public Map<String, ?> values() {
		return values;
	}
}
