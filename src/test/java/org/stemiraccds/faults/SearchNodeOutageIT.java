package org.stemiraccds.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.stemiraccds.Application;
import org.stemiraccds.fhir.FhirHttp;
import org.stemiraccds.fhir.OpenSearchNode;
import org.stemiraccds.fhir.TestPostgres;

/**
 * The search node stopped (issue 10, faults; profiles postgres,opensearch): writes and full-text searches fail
 * cleanly — 503, nothing stored — while it is down, and succeed again, searchable, once it is back; nothing written before is lost from the
 * index. Without the check before the commit, the write was stored and then failed, and never reached the index.
 * Run alone: ./mvnw -o -B test-compile failsafe:integration-test failsafe:verify -Dit.test=SearchNodeOutageIT
 */
class SearchNodeOutageIT {
	private static final Path DIRECTORY = Path.of("target", "faults", "opensearch");
	private static final String SYSTEM = "urn:test:search-outage";

	@TempDir
	static Path dataDir;

	@Test
	void writesFailCleanlyWhileTheSearchNodeIsDownAndAreIndexedOnceItIsBack() {
		OpenSearchNode node = OpenSearchNode.start(DIRECTORY);
		try {
			TestPostgres.Database database = TestPostgres.freshDatabase("stemirac_search_outage");
			node.awaitReady(Duration.ofMinutes(5));
			try (ConfigurableApplicationContext app = start(database, node)) {
				FhirHttp http = new FhirHttp(((WebServerApplicationContext) app).getWebServer().getPort());
				String before = word();
				assertThat(write(http, before, "ja").status()).isEqualTo(201);
				assertThat(foundByContent(http, before)).hasSize(1);

				node.close();
				String during = word();
				FhirHttp.Response refused = write(http, during, "en");
				assertThat(refused.status()).as(refused.body()).isEqualTo(503);
				OperationOutcome.OperationOutcomeIssueComponent issue = refused.outcome().getIssueFirstRep();
				assertThat(issue.getDetails().getText()).isEqualTo("The service is temporarily unavailable");
				assertThat(issue.getDiagnostics()).contains("search index unavailable", "nothing was stored");
				assertThat(refused.body()).doesNotContain("Exception", "java.");
				assertThat(storedWithCode(http, during)).as("the refused write is not in the database").isEqualTo(0);
				FhirHttp.Response search = http.get("/fhir/Basic?_content=" + before);
				assertThat(search.status()).as(search.body()).isEqualTo(503);
				assertThat(search.outcome().getIssueFirstRep().getDiagnostics()).contains("search index unavailable");

				node = node.restart().awaitReady(Duration.ofMinutes(5));
				String after = word();
				FhirHttp.Response written = awaitWritten(http, after);
				assertThat(written.status()).as(written.body()).isEqualTo(201);
				assertThat(foundByContent(http, after)).hasSize(1);
				assertThat(foundByContent(http, before)).as("written before the outage, still in the index").hasSize(1);
				assertThat(storedWithCode(http, during)).isEqualTo(0);
			}
		} finally {
			node.close();
		}
	}

	/** The first write after the node's return may still find it starting (its shards recovering): sent again then. */
	private static FhirHttp.Response awaitWritten(FhirHttp http, String word) {
		FhirHttp.Response response = write(http, word, "en");
		for (int i = 0; i < 30 && response.status() == 503; i++) {
			sleep(1000);
			response = write(http, word, "en");
		}
		return response;
	}

	private static String word() {
		return "w" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

	private static FhirHttp.Response write(FhirHttp http, String word, String language) {
		Basic basic = new Basic();
		basic.getCode().addCoding().setSystem(SYSTEM).setCode(word);
		basic.getCode().setText(word);
		return http.post("/fhir/Basic", FhirHttp.R4.newJsonParser().encodeResourceToString(basic), FhirHttp.FHIR_JSON, language);
	}

	private static List<String> foundByContent(FhirHttp http, String word) {
		FhirHttp.Response found = http.get("/fhir/Basic?_content=" + word);
		assertThat(found.status()).as(found.body()).isEqualTo(200);
		return found.resource(Bundle.class).getEntry().stream().map(e -> e.getResource().getIdElement().getIdPart()).toList();
	}

	/** From the database (a token search), not the full-text index. */
	private static int storedWithCode(FhirHttp http, String word) {
		FhirHttp.Response found = http.get("/fhir/Basic?code=" + SYSTEM + "%7C" + word + "&_summary=count");
		assertThat(found.status()).as(found.body()).isEqualTo(200);
		return found.resource(Bundle.class).getTotal();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private static ConfigurableApplicationContext start(TestPostgres.Database database, OpenSearchNode node) {
		return new SpringApplicationBuilder(Application.class).run(
				"--spring.profiles.active=postgres,opensearch",
				"--spring.datasource.url=" + database.url(),
				"--spring.datasource.username=" + database.user(),
				"--spring.datasource.password=" + database.password(),
				"--stemirac.search.hosts=" + node.hosts(),
				"--stemirac.search.index-prefix=outage",
				"--stemirac.data-dir=" + dataDir,
				"--server.port=0");
	}
}
