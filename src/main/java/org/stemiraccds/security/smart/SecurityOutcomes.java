package org.stemiraccds.security.smart;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.stemiraccds.cds.cards.CardTexts;
import org.stemiraccds.cds.cards.RuleTexts;
import org.stemiraccds.fhir.FhirRefusals;

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
		FhirRefusals.write(response, fhirContext, status, message(key, request.getHeader("Accept-Language"), Map.of()),
				issueType);
	}
}
