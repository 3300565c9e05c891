package org.stemiraccds.errors;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
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
 * traces. The database out of reach is a 503 with Retry-After ({@link DatabaseOutages}); anything else unexpected is a 500 that tells only an incident id (the failure is logged under it).
 * HAPI's own exception handler writes the OperationOutcome (JSON, or XML when asked for); this interceptor does
 * not handle SERVER_HANDLE_EXCEPTION itself: in HAPI 8.6.1 a hook that answers there (returns false) makes
 * RestfulServer log the answered exception at ERROR as "HAPI-2544: Exception handling threw an exception".
 * Browsers get the same OperationOutcome: {@link SuccessOnlyResponseHighlighter} leaves errors alone.
 */
@Component
@Interceptor(order = Integer.MIN_VALUE)
public class FhirErrorAnswers implements FhirServerInterceptor {
	private static final String INCIDENT = FhirErrorAnswers.class.getName() + ".incident";
	private static final String DATABASE_OUTAGE = FhirErrorAnswers.class.getName() + ".database-outage";

	@Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
	public BaseServerResponseException classify(RequestDetails request, Throwable failure) {
		if (failure instanceof BaseServerResponseException answer && answer.getStatusCode() < 500) return null;
		if (DatabaseOutages.causedBy(failure)) {
			request.getUserData().put(DATABASE_OUTAGE, Boolean.TRUE);
			return DatabaseOutages.fhirAnswer(request.getRequestType() + " " + request.getCompleteUrl(), failure);
		}
		Optional<String> badInput = BadInput.message(failure);
		if (badInput.isPresent()) return new InvalidRequestException(badInput.get());
		if (failure instanceof BaseServerResponseException answer && answer.getStatusCode() != 500) return null;
		String incident = Incidents.record(request.getRequestType() + " " + request.getCompleteUrl(), failure);
		request.getUserData().put(INCIDENT, incident);
		return new InternalErrorException("incident " + incident);
	}

	@Hook(Pointcut.SERVER_OUTGOING_FAILURE_OPERATIONOUTCOME)
	public void explain(RequestDetails request, IBaseOperationOutcome outcome, ResponseDetails response) {
		if (!(outcome instanceof OperationOutcome r4)) return;
		Locale locale = RuleTexts.locale(request.getHeader("Accept-Language"));
		String message = message(request, response.getResponseCode(), locale);
		if (r4.getIssue().isEmpty()) r4.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
				.setCode(OperationOutcome.IssueType.fromCode(HttpErrors.issueType(response.getResponseCode())));
		boolean outage = request.getUserData().containsKey(DATABASE_OUTAGE);
		for (OperationOutcomeIssueComponent issue : r4.getIssue()) {
			issue.setDiagnostics(Diagnostics.clean(issue.getDiagnostics()));
			if (!issue.getDetails().hasText()) issue.getDetails().setText(message);
			if (outage) issue.setSeverity(OperationOutcome.IssueSeverity.FATAL).setCode(DatabaseOutages.ISSUE_TYPE);
		}
	}

	private static String message(RequestDetails request, int status, Locale locale) {
		Object incident = request.getUserData().get(INCIDENT);
		if (incident != null) return ErrorTexts.message("incident", locale, Map.of("incident", incident));
		return ErrorTexts.message(HttpErrors.code(status), locale);
	}
}
