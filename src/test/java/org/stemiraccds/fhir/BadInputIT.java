package org.stemiraccds.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;

/** Bad input gets a 4xx with an OperationOutcome, and nothing is stored. */
class BadInputIT extends ServerTestBase {

	@Test
	void malformedJson() {
		assertRefused(http.post("/fhir/Patient", "{\"resourceType\":\"Patient\",", FhirHttp.FHIR_JSON), 400, "JSON");
	}

	@Test
	void malformedXml() {
		FhirHttp.Response response = http.post("/fhir/Patient", "<Patient xmlns=\"http://hl7.org/fhir\"><gender", "application/fhir+xml");
		assertRefused(response, 400, "XML");
	}

	@Test
	void unknownResourceType() {
		assertRefused(http.get("/fhir/Spaceship/1"), 404, "Unknown resource type");
	}

	@Test
	void resourceTypeInBodyDiffersFromUrl() {
		assertRefused(http.post("/fhir/Patient", "{\"resourceType\":\"Observation\",\"status\":\"final\"}"), 400, "expected \"Patient\"");
	}

	@Test
	void wrongContentType() {
		assertRefused(http.post("/fhir/Patient", "gender=male", "text/plain"), 400, "Content-Type");
	}

	@Test
	void unknownSearchParameter() {
		assertRefused(http.get("/fhir/Patient?favourite-colour=blue"), 400, "Unknown search parameter");
	}

	@Test
	void malformedSearchValue() {
		assertRefused(http.get("/fhir/Patient?birthdate=yesterday"), 400, "yesterday");
	}

	@Test
	void transactionReferencingAMissingResourceLeavesNoTrace() {
		String transaction = """
				{"resourceType":"Bundle","type":"transaction","entry":[
				 {"resource":{"resourceType":"Patient","identifier":[{"system":"urn:test","value":"missing-ref"}]},"request":{"method":"POST","url":"Patient"}},
				 {"resource":{"resourceType":"Observation","status":"final","code":{"text":"x"},"subject":{"reference":"Patient/nobody"}},
				  "request":{"method":"POST","url":"Observation"}}]}""";
		assertRefused(http.post("/fhir", transaction), 400, "Patient/nobody");
		assertThat(http.get("/fhir/Patient?identifier=urn:test|missing-ref").resource(Bundle.class).getEntry()).isEmpty();
	}

	@Test
	void oversizedBodyWithContentLength() {
		assertRefused(http.post("/fhir/Patient", oversizedPatient()), 413, "200000");
	}

	@Test
	void oversizedChunkedBody() {
		FhirHttp.Response response = http.postChunked("/fhir/Patient", oversizedPatient().getBytes());
		assertRefused(response, 413, "200000");
	}

	@Test
	void chunkedBodyUnderTheLimitIsAccepted() {
		FhirHttp.Response response = http.postChunked("/fhir/Patient", "{\"resourceType\":\"Patient\",\"gender\":\"other\"}".getBytes());
		assertThat(response.status()).isEqualTo(201);
	}

	/** A valid Patient just over the test limit of 200,000 bytes. */
	private static String oversizedPatient() {
		char[] padding = new char[210_000];
		Arrays.fill(padding, 'a');
		return "{\"resourceType\":\"Patient\",\"name\":[{\"text\":\"" + new String(padding) + "\"}]}";
	}

	private static void assertRefused(FhirHttp.Response response, int status, String diagnosticFragment) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		OperationOutcome outcome = response.outcome();
		assertThat(outcome.getIssueFirstRep().getSeverity()).isIn(OperationOutcome.IssueSeverity.ERROR, OperationOutcome.IssueSeverity.FATAL);
		assertThat(response.diagnostics()).contains(diagnosticFragment);
	}
}
