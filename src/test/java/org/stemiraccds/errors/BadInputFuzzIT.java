package org.stemiraccds.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.IdType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.stemiraccds.fhir.FhirHttp;
import org.stemiraccds.fhir.ServerTestBase;

/**
 * Thousands of generated bad requests (fixed seed: the same cases every run) against the whole server:
 * not one 5xx, not one Java name, not one HTML page, and every error body an OperationOutcome (under
 * /fhir) or the CDS Hooks JSON error. Then, read from the database itself: nothing stored but what 2xx
 * answers say they stored (no fragment of a refused or half-done write), and the server still answers and
 * stores. {@code -Dfuzz.cases=20000} (and {@code -Dfuzz.seed=…}) for a longer run.
 */
class BadInputFuzzIT extends ServerTestBase {
	static final long DEFAULT_SEED = 20261126L;

	@Autowired
	private DataSource dataSource;

	@Test
	void everyBadRequestGetsAnAnswer() throws InterruptedException {
		long seed = Long.getLong("fuzz.seed", DEFAULT_SEED);
		FuzzCases generator = new FuzzCases(seed);
		assertThat(http.post("/fhir", generator.setupBundle(), FhirHttp.FHIR_JSON).status()).isEqualTo(200);
		List<FuzzCase> cases = generator.generate(Integer.getInteger("fuzz.cases", 3000));
		StoredVersions stored = new StoredVersions(dataSource);
		Set<String> before = stored.all();

		FuzzLedger ledger = new FuzzLedger();
		long start = System.currentTimeMillis();
		List<FuzzRun.Outcome> outcomes = FuzzRun.run(port, cases, Integer.getInteger("fuzz.threads", 4), ledger);
		long millis = System.currentTimeMillis() - start;
		Set<String> after = stored.all();
		List<String> fragments = ledger.fragments(before, after, this::implicated);
		List<String> headless = stored.headless();
		List<String> down = StillServing.problems(port, generator.validPatient());
		String summary = FuzzRun.summary(outcomes, millis) + "  seed " + seed + "; stored during the run: "
				+ (after.size() - before.size()) + " versions, " + ledger.acknowledged() + " named by 2xx answers; fragments: "
				+ fragments.size() + " " + limit(fragments) + "; headless: " + headless.size() + " " + limit(headless)
				+ "; server after the run: " + (down.isEmpty() ? "up" : down) + "\n";
		System.out.println(summary);

		assertThat(outcomes).hasSizeGreaterThanOrEqualTo(cases.size());
		assertThat(outcomes.stream().filter(o -> !o.problems().isEmpty())).as(summary).isEmpty();
		assertThat(fragments).as(summary).isEmpty();
		assertThat(headless).as(summary).isEmpty();
		assertThat(down).as(summary).isEmpty();
	}

	/**
	 * For a DetectedIssue version, the resources its first version implicates (an administration write stores its
	 * findings as DetectedIssues, and an update deletes the earlier ones, in the write's own transaction); none for
	 * any other version.
	 */
	private List<String> implicated(String version) {
		if (!version.startsWith("DetectedIssue/")) return List.of();
		FhirHttp.Response first = http.get("/fhir/" + FuzzLedger.resource(version) + "/_history/1");
		if (first.status() != 200) return List.of();
		DetectedIssue issue = FhirHttp.R4.newJsonParser().parseResource(DetectedIssue.class, first.body());
		return issue.getImplicated().stream().map(reference -> new IdType(reference.getReference()).toUnqualifiedVersionless().getValue())
				.toList();
	}

	private static List<String> limit(List<String> items) {
		return items.subList(0, Math.min(items.size(), 10));
	}
}
