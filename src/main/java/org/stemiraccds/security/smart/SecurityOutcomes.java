package org.stemiraccds.security.smart;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.util.OperationOutcomeUtil;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseOperationOutcome;
import org.springframework.stereotype.Component;
import org.stemiraccds.cds.cards.CardTexts;
import org.stemiraccds.cds.cards.RuleTexts;

/**
 * The words and the OperationOutcome of a refused FHIR request, in the request's language (Japanese unless
 * Accept-Language prefers English), from the error.* messages; never an exception's text.
 */
@Component
public class SecurityOutcomes {
	private final FhirContext fhirContext;
	private final CardTexts texts;

	public SecurityOutcomes(FhirContext fhirContext, CardTexts texts) {
		this.fhirContext = fhirContext;
		this.texts = texts;
	}

	public String message(String key, String acceptLanguage, Map<String, ?> values) {
		Locale locale = RuleTexts.locale(acceptLanguage);
		return texts.message(key, locale, values);
	}

	/** Answers {@code status} with an OperationOutcome (application/fhir+json) of one error issue. */
	void write(HttpServletRequest request, HttpServletResponse response, int status, String key, String issueType)
			throws IOException {
		IBaseOperationOutcome outcome = OperationOutcomeUtil.newInstance(fhirContext);
		OperationOutcomeUtil.addIssue(fhirContext, outcome, "error",
				message(key, request.getHeader("Accept-Language"), Map.of()), null, issueType);
		response.setStatus(status);
		response.setContentType(Constants.CT_FHIR_JSON_NEW);
		response.setCharacterEncoding("UTF-8");
		response.getWriter().write(fhirContext.newJsonParser().encodeResourceToString(outcome));
	}
}
