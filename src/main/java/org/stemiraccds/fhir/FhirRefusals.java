package org.stemiraccds.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.util.OperationOutcomeUtil;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseOperationOutcome;
import org.stemiraccds.cds.cards.RuleTexts;
import org.stemiraccds.errors.ErrorTexts;

/**
 * The words of the /fhir endpoint's own refusals, from the error.fhir.* keys of messages/cards: Japanese unless
 * the request's Accept-Language prefers English, as an OperationOutcome (FHIR R4 § 3.1.0.6, errors as
 * OperationOutcome).
 */
public final class FhirRefusals {
	private FhirRefusals() {}

	static String text(String acceptLanguage, String key, Map<String, ?> values) {
		return ErrorTexts.text(key, RuleTexts.locale(acceptLanguage), values);
	}

	/** One error issue; {@code issueType} is a code of http://hl7.org/fhir/issue-type (too-long, not-supported…). */
	static IBaseOperationOutcome outcome(FhirContext fhirContext, String text, String issueType) {
		IBaseOperationOutcome outcome = OperationOutcomeUtil.newInstance(fhirContext);
		IBase issue = OperationOutcomeUtil.addIssue(fhirContext, outcome, "error", text, null, issueType);
		OperationOutcomeUtil.addDetailsToIssue(fhirContext, issue, null, null, text); // the words for a person: details.text
		return outcome;
	}

	/** Writes the refusal directly, for the filters that answer before HAPI sees the request (size, tokens). */
	public static void write(HttpServletResponse response, FhirContext fhirContext, int status, String text, String issueType)
			throws IOException {
		response.setStatus(status);
		response.setContentType(Constants.CT_FHIR_JSON_NEW);
		response.setCharacterEncoding("UTF-8");
		response.getWriter().write(fhirContext.newJsonParser().encodeResourceToString(outcome(fhirContext, text, issueType)));
	}
}
