package org.stemiraccds.cds.hooks;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.stemiraccds.cds.CdsHooksError;
import org.stemiraccds.cds.cards.CardTexts;

/**
 * Every failure of a CDS Hooks call as a JSON error body {@code {"error", "message", "detail"}} in the
 * request's language: 400 for bad input (including what HAPI's request parsing rejects), 404 for an unknown
 * service, card or patient, 412 when the data cannot be had; 500 only for our own bugs.
 */
@RestControllerAdvice(assignableTypes = CdsHooksController.class)
public class CdsHooksErrorHandler {
	private static final Logger log = LoggerFactory.getLogger(CdsHooksErrorHandler.class);
	private final CardTexts texts;

	public CdsHooksErrorHandler(CardTexts texts) {
		this.texts = texts;
	}

	@ExceptionHandler(CdsHooksError.class)
	public ResponseEntity<Map<String, Object>> refused(CdsHooksError error) {
		return body(error.status(), error.code(), error.values(), error.getMessage());
	}

	@ExceptionHandler(BaseServerResponseException.class)
	public ResponseEntity<Map<String, Object>> hapi(BaseServerResponseException e) {
		if (e instanceof PreconditionFailedException) return body(HttpStatus.PRECONDITION_FAILED, "prefetch", Map.of(), e.getMessage());
		if (e instanceof ResourceNotFoundException) return body(HttpStatus.NOT_FOUND, "unknown-patient",
				Map.of("patient", String.valueOf(e.getMessage())), e.getMessage());
		if (e instanceof ForbiddenOperationException) return body(HttpStatus.FORBIDDEN, "forbidden", Map.of(), e.getMessage());
		HttpStatus status = HttpStatus.resolve(e.getStatusCode());
		if (status == null || status.is5xxServerError()) return internal(e);
		return body(status, "bad-request", Map.of(), e.getMessage());
	}

	@ExceptionHandler({DataFormatException.class, IllegalArgumentException.class, ClassCastException.class})
	public ResponseEntity<Map<String, Object>> unparseable(RuntimeException e) {
		return body(HttpStatus.BAD_REQUEST, "bad-request", Map.of(), e.getMessage());
	}

	@ExceptionHandler(Exception.class)
	public ResponseEntity<Map<String, Object>> internal(Exception e) {
		log.error("CDS Hooks call failed", e);
		return body(HttpStatus.INTERNAL_SERVER_ERROR, "internal", Map.of(), null);
	}

	private ResponseEntity<Map<String, Object>> body(HttpStatus status, String code, Map<String, ?> values, String detail) {
		Locale locale = LocaleContextHolder.getLocale();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", code);
		body.put("message", texts.message("error." + code, locale, values));
		if (detail != null) body.put("detail", detail);
		body.put("status", status.value());
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
	}
}
