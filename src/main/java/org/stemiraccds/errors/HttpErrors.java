package org.stemiraccds.errors;

/** An HTTP error status as the error code of the answer body (and its message key {@code error.<code>}). */
public final class HttpErrors {
	private HttpErrors() {}

	/**
	 * The status to answer with: a method the server does not know (501) is one this URL does not allow
	 * (405), an HTTP version it does not speak (505) a bad request (400) — the client's error, not a 5xx.
	 */
	public static int clientStatus(int status) {
		if (status == 501) return 405;
		if (status == 505) return 400;
		return status;
	}

	public static String code(int status) {
		switch (status) {
			case 400: return "bad-request";
			case 401: return "unauthorized";
			case 403: return "forbidden";
			case 404: return "not-found";
			case 405: return "method-not-allowed";
			case 406: return "not-acceptable";
			case 409: return "conflict";
			case 410: return "gone";
			case 412: return "precondition-failed";
			case 413: return "too-large";
			case 414: return "uri-too-long";
			case 415: return "unsupported-media-type";
			case 422: return "unprocessable";
			case 431: return "headers-too-large";
			case 503: return "unavailable";
			default: return status >= 500 ? "internal" : "client";
		}
	}

	/** The FHIR issue type (R4 ValueSet issue-type) that names the same failure. */
	public static String issueType(int status) {
		switch (status) {
			case 401: return "login";
			case 403: return "forbidden";
			case 404: case 410: return "not-found";
			case 405: case 406: case 415: return "not-supported";
			case 409: case 412: return "conflict";
			case 413: case 414: case 431: return "too-long";
			case 422: return "processing";
			default: return status >= 500 ? "exception" : "invalid";
		}
	}
}
