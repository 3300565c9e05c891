package org.stemiraccds.errors;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.Constants;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * The two shapes of an error answer: a FHIR OperationOutcome under /fhir (R4 § 3.1.0.5: every error of
 * the RESTful API SHOULD carry one), and the CDS Hooks JSON error {@code {"error","message","detail","status"}}
 * everywhere else. The message, in the request's language, goes in the OperationOutcome's
 * {@code issue.details.text}; what the server knows about the input (cleaned of Java names) in
 * {@code diagnostics} or {@code detail}.
 */
public final class ErrorBodies {
	public static final String FHIR_PATH = "/fhir";
	private static final ObjectMapper JSON = new ObjectMapper();

	private ErrorBodies() {}

	/** An error answer's body and its Content-Type. */
	public record Body(String contentType, String text) {}

	public static boolean isFhir(String path) {
		return path != null && (path.equals(FHIR_PATH) || path.startsWith(FHIR_PATH + "/"));
	}

	/** The path the client asked for: during the container's error dispatch, the failed request's, not /error. */
	public static String requestedPath(HttpServletRequest request) {
		Object failed = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		return failed instanceof String path ? path : request.getRequestURI();
	}

	/** The body for a request to {@code path}: OperationOutcome under /fhir (XML when {@code xml}), else the CDS JSON error. */
	public static Body forPath(String path, int status, Locale locale, String detail, boolean xml) {
		String code = HttpErrors.code(status);
		String message = ErrorTexts.message(code, locale);
		if (isFhir(path)) return operationOutcome(status, message, detail, xml);
		return new Body("application/json;charset=UTF-8", cdsError(status, code, message, detail));
	}

	public static Body operationOutcome(int status, String message, String diagnostics, boolean xml) {
		return operationOutcome(status, IssueType.fromCode(HttpErrors.issueType(status)), message, diagnostics, xml);
	}

	public static Body operationOutcome(int status, IssueType type, String message, String diagnostics, boolean xml) {
		OperationOutcome outcome = new OperationOutcome();
		OperationOutcome.OperationOutcomeIssueComponent issue = outcome.addIssue()
				.setSeverity(status >= 500 ? IssueSeverity.FATAL : IssueSeverity.ERROR)
				.setCode(type);
		issue.getDetails().setText(message);
		if (diagnostics != null) issue.setDiagnostics(diagnostics);
		FhirContext fhir = FhirContext.forR4Cached();
		return xml
				? new Body(Constants.CT_FHIR_XML_NEW + ";charset=UTF-8", fhir.newXmlParser().encodeResourceToString(outcome))
				: new Body(Constants.CT_FHIR_JSON_NEW + ";charset=UTF-8", fhir.newJsonParser().encodeResourceToString(outcome));
	}

	public static String cdsError(int status, String code, String message, String detail) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", code);
		body.put("message", message);
		if (detail != null) body.put("detail", detail);
		body.put("status", status);
		try {
			return JSON.writeValueAsString(body);
		} catch (JsonProcessingException impossible) {
			throw new IllegalStateException(impossible);
		}
	}

	/**
	 * Whether a FHIR client asked for XML: {@code _format} in the raw query (it may not decode) or an Accept
	 * naming XML and not JSON (R4 § 3.1.0.1.10). JSON otherwise: this server's default.
	 */
	public static boolean prefersXml(String accept, String rawQuery) {
		if (rawQuery != null && rawQuery.matches("(?:^|.*&)_format=[^&]*xml.*")) return true;
		return accept != null && accept.contains("xml") && !accept.contains("json");
	}
}
