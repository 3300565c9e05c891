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
