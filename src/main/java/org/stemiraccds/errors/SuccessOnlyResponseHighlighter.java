package org.stemiraccds.errors;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.interceptor.ResponseHighlighterInterceptor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * HAPI's response highlighter (a browser's read or search as a syntax-highlighted HTML page), for successful
 * answers only: an error stays an OperationOutcome in FHIR JSON or XML (FHIR R4 § 3.1.0.5) whatever the
 * Accept header, written by HAPI's exception handler. The stock highlighter makes an HTML page of an error
 * for Accept: text/html, and, by answering SERVER_HANDLE_EXCEPTION itself, makes HAPI 8.6.1 log the error at
 * ERROR level (HAPI-2544).
 */
public class SuccessOnlyResponseHighlighter extends ResponseHighlighterInterceptor {

	@Override
	@Hook(value = Pointcut.SERVER_HANDLE_EXCEPTION, order = Integer.MAX_VALUE)
	public boolean handleException(RequestDetails request, BaseServerResponseException failure,
			HttpServletRequest servletRequest, HttpServletResponse servletResponse) {
		return true;
	}
}
