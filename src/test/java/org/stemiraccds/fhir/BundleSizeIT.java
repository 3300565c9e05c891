package org.stemiraccds.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;

/**
 * Transaction and batch Bundles of more than stemirac.fhir.max-bundle-entries entries (100 in the test
 * profile) are refused with 413 before any entry is processed.
 */
class BundleSizeIT extends ServerTestBase {
	private static final int LIMIT = 100;
	private final String identifier = UUID.randomUUID().toString();

	@Test
	void transactionOverTheLimitIsRefusedAndNothingWritten() {
		FhirHttp.Response response = http.post("/fhir", bundle("transaction", LIMIT + 1));
		assertRefused(response);
		assertThat(response.diagnostics()).contains("101").contains("100").contains("件");
		assertThat(stored()).isZero();
	}

	@Test
	void batchOverTheLimitIsRefusedAndNothingWritten() {
		assertRefused(http.post("/fhir", bundle("batch", LIMIT + 1)));
		assertThat(stored()).isZero();
	}

	@Test
	void refusalInEnglishWhenPreferred() {
		FhirHttp.Response response = http.post("/fhir", bundle("batch", LIMIT + 1), FhirHttp.FHIR_JSON, "en");
		assertRefused(response);
		assertThat(response.diagnostics()).contains("The Bundle has 101 entries; at most 100");
	}

	@Test
	void transactionAtTheLimitIsProcessed() {
		FhirHttp.Response response = http.post("/fhir", bundle("transaction", LIMIT));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(stored()).isEqualTo(LIMIT);
	}

	private static void assertRefused(FhirHttp.Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(413);
		OperationOutcome.OperationOutcomeIssueComponent issue = response.outcome().getIssueFirstRep();
		assertThat(issue.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
		assertThat(issue.getCode()).isEqualTo(OperationOutcome.IssueType.TOOLONG);
	}

	/** {@code entries} new Patients, all with this test's identifier. */
	private String bundle(String type, int entries) {
		String entry = """
				{"resource":{"resourceType":"Patient","identifier":[{"system":"urn:test:bundle-size","value":"%s"}]},
				 "request":{"method":"POST","url":"Patient"}}""".formatted(identifier);
		return "{\"resourceType\":\"Bundle\",\"type\":\"" + type + "\",\"entry\":["
				+ IntStream.range(0, entries).mapToObj(i -> entry).collect(Collectors.joining(",")) + "]}";
	}

	private int stored() {
		return http.get("/fhir/Patient?identifier=urn:test:bundle-size|" + identifier + "&_summary=count")
				.resource(Bundle.class).getTotal();
	}
}
