package org.stemiraccds.errors;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.server.method.BaseResourceReturningMethodBinding;
import ca.uhn.fhir.util.OperationOutcomeUtil;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.instance.model.api.IBaseOperationOutcome;
import org.springframework.stereotype.Component;
import org.stemiraccds.cds.cards.RuleTexts;
import org.stemiraccds.fhir.FhirServerInterceptor;

/**
 * Every error of /fhir as an OperationOutcome a client can use: input the parser rejects is a 400 however
 * deep in HAPI it surfaced; each issue gets {@code details.text} in the request's language (Japanese, or
 * English when Accept-Language prefers it) and its {@code diagnostics} lose Java class names and stack
 * traces. Anything else unexpected is a 500 that tells only an incident id (the failure is logged under it).
 */
@Component
@Interceptor(order = Integer.MIN_VALUE)
public class FhirErrorAnswers implements FhirServerInterceptor {
	private static final String INCIDENT = FhirErrorAnswers.class.getName() + ".incident";

	@Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
	public BaseServerResponseException classify(RequestDetails request, Throwable failure) {
		if (failure instanceof BaseServerResponseException answer && answer.getStatusCode() < 500) return null;
		Optional<String> badInput = BadInput.message(failure);
		if (badInput.isPresent()) return new InvalidRequestException(badInput.get());
		if (failure instanceof BaseServerResponseException answer && answer.getStatusCode() != 500) return null;
		String incident = Incidents.record(request.getRequestType() + " " + request.getCompleteUrl(), failure);
		request.getUserData().put(INCIDENT, incident);
		return new InternalErrorException("incident " + incident);
	}

	/**
	 * Writes the OperationOutcome itself, as FHIR JSON (XML when asked for): HAPI's own writer passes it
	 * through ResponseHighlighterInterceptor, which makes an HTML page of it for a browser's Accept: text/html.
	 * Other interceptors still see it at SERVER_OUTGOING_FAILURE_OPERATIONOUTCOME.
	 */
	@Hook(value = Pointcut.SERVER_HANDLE_EXCEPTION, order = Integer.MIN_VALUE)
	public boolean answer(RequestDetails request, BaseServerResponseException failure, HttpServletResponse servletResponse)
			throws IOException {
		if (failure.getStatusCode() < 400 || servletResponse.isCommitted()) return true; // 304 Not Modified: HAPI's way
		FhirContext fhir = request.getFhirContext();
		IBaseOperationOutcome outcome = failure.getOperationOutcome();
		if (outcome == null) {
			outcome = OperationOutcomeUtil.newInstance(fhir);
			OperationOutcomeUtil.addIssue(fhir, outcome, "error", failure.getMessage(), null, "processing");
		}
		if (failure.getAdditionalMessages() != null) {
			for (String message : failure.getAdditionalMessages()) OperationOutcomeUtil.addIssue(fhir, outcome, "error", message, null, "processing");
		}
		BaseResourceReturningMethodBinding.callOutgoingFailureOperationOutcomeHook(request, outcome, failure);
		boolean xml = ErrorBodies.prefersXml(request.getHeader("Accept"), request.getCompleteUrl());
		servletResponse.resetBuffer();
		servletResponse.setStatus(failure.getStatusCode());
		if (failure.hasResponseHeaders()) failure.getResponseHeaders().forEach((name, values) -> values.forEach(v -> servletResponse.addHeader(name, v)));
		servletResponse.setContentType((xml ? Constants.CT_FHIR_XML_NEW : Constants.CT_FHIR_JSON_NEW) + ";charset=UTF-8");
		servletResponse.setCharacterEncoding("UTF-8");
		if (!"HEAD".equals(request.getRequestType().name())) {
			servletResponse.getWriter().write((xml ? fhir.newXmlParser() : fhir.newJsonParser()).encodeResourceToString(outcome));
		}
		return false;
	}

	@Hook(Pointcut.SERVER_OUTGOING_FAILURE_OPERATIONOUTCOME)
	public void explain(RequestDetails request, IBaseOperationOutcome outcome, ResponseDetails response) {
		if (!(outcome instanceof OperationOutcome r4)) return;
		Locale locale = RuleTexts.locale(request.getHeader("Accept-Language"));
		String message = message(request, response.getResponseCode(), locale);
		if (r4.getIssue().isEmpty()) r4.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
				.setCode(OperationOutcome.IssueType.fromCode(HttpErrors.issueType(response.getResponseCode())));
		for (OperationOutcomeIssueComponent issue : r4.getIssue()) {
			issue.setDiagnostics(Diagnostics.clean(issue.getDiagnostics()));
			if (!issue.getDetails().hasText()) issue.getDetails().setText(message);
		}
	}

	private static String message(RequestDetails request, int status, Locale locale) {
		Object incident = request.getUserData().get(INCIDENT);
		if (incident != null) return ErrorTexts.message("incident", locale, Map.of("incident", incident));
		return ErrorTexts.message(HttpErrors.code(status), locale);
	}
}
