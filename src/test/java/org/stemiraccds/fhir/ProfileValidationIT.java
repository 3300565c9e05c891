package org.stemiraccds.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stemiraccds.conformance.Examples;

/** $validate and validation on write: our profiles are enforced, plain R4 is stored as it is. */
class ProfileValidationIT extends ServerTestBase {

	/** The valid examples reference each other; a transaction stores them together. */
	@BeforeEach
	void storeValidExamples() {
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		for (Path example : Examples.valid()) {
			IBaseResource resource = Examples.parse(FhirHttp.R4, example);
			transaction.addEntry().setResource((org.hl7.fhir.r4.model.Resource) resource).getRequest()
					.setMethod(Bundle.HTTPVerb.PUT)
					.setUrl(resource.getIdElement().toUnqualifiedVersionless().getValue());
		}
		FhirHttp.Response response = http.post("/fhir", FhirHttp.R4.newJsonParser().encodeResourceToString(transaction));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
	}

	@Test
	void validateOperationAcceptsEveryValidExampleAgainstItsProfile() {
		for (Path example : Examples.valid()) {
			IBaseResource resource = Examples.parse(FhirHttp.R4, example);
			String profile = profileOf(resource);
			FhirHttp.Response result = http.post("/fhir/" + resource.fhirType() + "/$validate?profile=" + profile,
					Examples.read(example));
			assertThat(errors(result.outcome())).as(example.toString()).isZero();
		}
	}

	@Test
	void validateOperationReportsTheExpectedErrorForEveryInvalidExample() {
		for (Path example : Examples.invalid()) {
			IBaseResource resource = Examples.parse(FhirHttp.R4, example);
			FhirHttp.Response result = http.post("/fhir/" + resource.fhirType() + "/$validate?profile="
					+ profileOf(resource), Examples.read(example));
			assertThat(result.diagnostics()).as(example.toString())
					.contains(Examples.expectedMessages().get(example.getFileName().toString()));
		}
	}

	@Test
	void writingAnInvalidProfiledResourceIsRefusedWith422AndNothingIsStored() {
		for (Path example : Examples.invalid()) {
			IBaseResource resource = Examples.parse(FhirHttp.R4, example);
			String url = "/fhir/" + resource.fhirType() + "/" + resource.getIdElement().getIdPart();
			FhirHttp.Response refused = http.put(url, Examples.read(example));
			assertThat(refused.status()).as(example.toString()).isEqualTo(422);
			assertThat(refused.diagnostics()).as(example.toString())
					.contains(Examples.expectedMessages().get(example.getFileName().toString()));
			assertThat(http.get(url).status()).as(example + " stored").isEqualTo(404);
		}
	}

	@Test
	void resourcesWithoutOurProfilesAreStoredAsPlainR4() {
		String weight = """
				{"resourceType":"Observation","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"29463-7"}]},
				 "subject":{"reference":"Patient/example-patient"},"valueQuantity":{"value":70,"system":"http://unitsofmeasure.org","code":"kg"}}""";
		assertThat(http.post("/fhir/Observation", weight).status()).isEqualTo(201);
	}

	@Test
	void aTransactionWithOneInvalidEntryLeavesNoTrace() {
		String transaction = """
				{"resourceType":"Bundle","type":"transaction","entry":[
				 {"fullUrl":"urn:uuid:8a4a2a4e-1111-4b0c-9d6e-000000000001",
				  "resource":{"resourceType":"Patient","identifier":[{"system":"urn:test","value":"rollback-1"}],"gender":"male","birthDate":"1970-01-01"},
				  "request":{"method":"POST","url":"Patient"}},
				 {"resource":{"resourceType":"Condition","meta":{"profile":["https://stemirac-cds.org/fhir/StructureDefinition/traumatic-sci-condition"]},
				   "code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10","code":"G95.1"}]},
				   "subject":{"reference":"urn:uuid:8a4a2a4e-1111-4b0c-9d6e-000000000001"},"onsetDateTime":"2026-10-01"},
				  "request":{"method":"POST","url":"Condition"}}]}""";
		FhirHttp.Response refused = http.post("/fhir", transaction);
		assertThat(refused.status()).isEqualTo(422);
		assertThat(refused.diagnostics()).contains("sci-traumatic");
		assertThat(http.get("/fhir/Patient?identifier=urn:test|rollback-1").resource(Bundle.class).getEntry()).isEmpty();
	}

	private static String profileOf(IBaseResource resource) {
		return resource.getMeta().getProfile().stream().map(IPrimitiveType::getValueAsString).findFirst().orElseThrow();
	}

	private static long errors(OperationOutcome outcome) {
		return outcome.getIssue().stream()
				.filter(i -> i.getSeverity() == OperationOutcome.IssueSeverity.ERROR
						|| i.getSeverity() == OperationOutcome.IssueSeverity.FATAL)
				.count();
	}
}
