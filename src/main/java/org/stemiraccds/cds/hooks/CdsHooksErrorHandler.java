package org.stemiraccds.cds.hooks;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.stemiraccds.cds.CdsHooksError;
import org.stemiraccds.cds.cards.CardTexts;
import org.stemiraccds.errors.BadInput;
import org.stemiraccds.errors.Diagnostics;
import org.stemiraccds.errors.ErrorTexts;
import org.stemiraccds.errors.HttpErrors;
import org.stemiraccds.errors.Incidents;

/**
 * Every failure of a CDS Hooks call as a JSON error body {@code {"error", "message", "detail", "status"}} in
 * the request's language: 400 for bad input (including what HAPI's request parsing and Spring MVC's body
 * reading reject), 404 for an unknown service, card or patient, 412 when the data cannot be had, Spring
 * MVC's own refusals (415, 405, 406, …) with their status; 500 only for our own bugs, telling an incident id.
 * No detail names a Java class.
 */
@RestControllerAdvice(assignableTypes = CdsHooksController.class)
public class CdsHooksErrorHandler {
	private final CardTexts texts;

	public CdsHooksErrorHandler(CardTexts texts) {
		this.texts = texts;
	}

	@ExceptionHandler(CdsHooksError.class)
	public ResponseEntity<String> refused(CdsHooksError error, HttpServletRequest request) {
		return body(request, error.status(), error.code(), error.values(), error.getMessage());
	}

	@ExceptionHandler(BaseServerResponseException.class)
	public ResponseEntity<String> hapi(BaseServerResponseException e, HttpServletRequest request) {
		if (e instanceof PreconditionFailedException) return body(request, HttpStatus.PRECONDITION_FAILED, "prefetch", Map.of(), e.getMessage());
		if (e instanceof ResourceNotFoundException) return body(request, HttpStatus.NOT_FOUND, "unknown-patient",
				Map.of("patient", String.valueOf(Diagnostics.clean(e.getMessage()))), e.getMessage());
		HttpStatus status = HttpStatus.resolve(e.getStatusCode());
		if (status == null || status.is5xxServerError()) return internal(e, request);
		return body(request, status, "bad-request", Map.of(), e.getMessage());
	}

	@ExceptionHandler({DataFormatException.class, IllegalArgumentException.class, ClassCastException.class,
			HttpMessageNotReadableException.class})
	public ResponseEntity<String> unparseable(RuntimeException e, HttpServletRequest request) {
		return body(request, HttpStatus.BAD_REQUEST, "bad-request", Map.of(), BadInput.message(e).orElse(e.getMessage()));
	}

	/** Spring MVC's own refusals (unsupported media type, method not allowed, missing parts, …): their status. */
	@ExceptionHandler({ServletException.class, ErrorResponseException.class})
	public ResponseEntity<String> mvc(Exception e, HttpServletRequest request) {
		if (!(e instanceof ErrorResponse refusal) || refusal.getStatusCode().is5xxServerError()) return internal(e, request);
		HttpStatusCode status = refusal.getStatusCode();
		return body(request, status, HttpErrors.code(status.value()), Map.of(), null);
	}

	@ExceptionHandler(Exception.class)
	public ResponseEntity<String> internal(Exception e, HttpServletRequest request) {
		java.util.Optional<String> badInput = BadInput.message(e);
		if (badInput.isPresent()) return body(request, HttpStatus.BAD_REQUEST, "bad-request", Map.of(), badInput.get());
		String incident = Incidents.record("CDS Hooks " + request.getRequestURI(), e);
		return body(request, HttpStatus.INTERNAL_SERVER_ERROR, "internal", Map.of(),
				ErrorTexts.message("incident", ErrorTexts.locale(request), Map.of("incident", incident)));
	}

	private ResponseEntity<String> body(HttpServletRequest request, HttpStatusCode status, String code, Map<String, ?> values,
			String detail) {
		String message = texts.message("error." + code, ErrorTexts.locale(request), values);
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
				.body(org.stemiraccds.errors.ErrorBodies.cdsError(status.value(), code, message, Diagnostics.clean(detail)));
	}
}
