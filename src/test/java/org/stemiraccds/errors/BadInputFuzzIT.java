package org.stemiraccds.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stemiraccds.fhir.FhirHttp;
import org.stemiraccds.fhir.ServerTestBase;

/**
 * Thousands of generated bad requests (fixed seed: the same cases every run) against the whole server:
 * not one 5xx, not one Java name, not one HTML page, and every error body an OperationOutcome (under
 * /fhir) or the CDS Hooks JSON error. {@code -Dfuzz.cases=20000} (and {@code -Dfuzz.seed=…}) for a longer run.
 */
class BadInputFuzzIT extends ServerTestBase {
	static final long DEFAULT_SEED = 20261126L;

	@Test
	void everyBadRequestGetsAnAnswer() throws InterruptedException {
		FuzzCases generator = new FuzzCases(Long.getLong("fuzz.seed", DEFAULT_SEED));
		assertThat(http.post("/fhir", generator.setupBundle(), FhirHttp.FHIR_JSON).status()).isEqualTo(200);
		List<FuzzCase> cases = generator.generate(Integer.getInteger("fuzz.cases", 3000));

		long start = System.currentTimeMillis();
		List<FuzzRun.Outcome> outcomes = FuzzRun.run(port, cases, Integer.getInteger("fuzz.threads", 4));
		String summary = FuzzRun.summary(outcomes, System.currentTimeMillis() - start);
		System.out.println(summary);

		assertThat(outcomes).hasSizeGreaterThanOrEqualTo(cases.size());
		assertThat(outcomes.stream().filter(o -> !o.problems().isEmpty())).as(summary).isEmpty();
	}
}
