package org.stemiraccds.errors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.stemiraccds.fhir.FhirHttp;

/** Whether an error body has the shape its path calls for: an OperationOutcome under /fhir, the CDS Hooks JSON error elsewhere. */
final class ErrorShapes {
	private static final ObjectMapper JSON = new ObjectMapper();
	/** A request target this long, with the request's headers, is past Tomcat's 8 KiB request-header limit. */
	private static final int OVER_HEADER_LIMIT = 8000;

	private ErrorShapes() {}

	/** Empty when the body is right; else what is wrong with it. */
	static Optional<String> problem(FuzzCase fuzzCase, FuzzHttp.Answer answer) {
		if (answer.body().isEmpty()) {
			return "HEAD".equals(fuzzCase.method()) ? Optional.empty() : Optional.of("empty body");
		}
		boolean fhir = ErrorBodies.isFhir(pathOnly(fuzzCase.path()));
		if (fhir && isOperationOutcome(answer)) return Optional.empty();
		if (!fhir && isCdsError(answer)) return Optional.empty();
		// Tomcat may not know the path of a request line it could not parse, or of one longer than its header
		// limit (8 KiB, server.max-http-request-header-size): either shape will do
		boolean pathUnknown = fuzzCase.isRaw() || fuzzCase.path().length() > OVER_HEADER_LIMIT;
		if (pathUnknown && (isOperationOutcome(answer) || isCdsError(answer))) return Optional.empty();
		return Optional.of(fhir ? "not an OperationOutcome" : "not a CDS Hooks error");
	}

	static boolean isOperationOutcome(FuzzHttp.Answer answer) {
		try {
			String body = answer.body().stripLeading();
			IBaseResource resource = body.startsWith("<") ? FhirHttp.R4.newXmlParser().parseResource(body)
					: FhirHttp.R4.newJsonParser().parseResource(body);
			return resource instanceof OperationOutcome outcome && outcome.hasIssue()
					&& outcome.getIssue().stream().allMatch(issue -> issue.getDetails().hasText());
		} catch (RuntimeException notFhir) {
			return false;
		}
	}

	static boolean isCdsError(FuzzHttp.Answer answer) {
		try {
			JsonNode error = JSON.readTree(answer.body());
			return error.path("error").isTextual() && error.path("message").isTextual()
					&& error.path("status").asInt() == answer.status();
		} catch (IOException notJson) {
			return false;
		}
	}

	private static String pathOnly(String target) {
		int query = target.indexOf('?');
		return query < 0 ? target : target.substring(0, query);
	}
}
