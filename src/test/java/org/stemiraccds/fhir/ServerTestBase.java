package org.stemiraccds.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.stemiraccds.Application;
import org.stemiraccds.conformance.Examples;

/** The whole server on a random port with an in-memory database; one Spring context shared by subclasses. */
@SpringBootTest(classes = Application.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class ServerTestBase {
	@LocalServerPort
	protected int port;

	protected FhirHttp http;

	@BeforeEach
	void connect() {
		http = new FhirHttp(port);
	}

	/** Loads examples/demo/demo-bundle.json (PUT by id, so loading it again changes nothing). */
	protected void loadDemoBundle() {
		assertThat(http.post("/fhir", Examples.read(Examples.DEMO_BUNDLE)).status()).isEqualTo(200);
	}

	/**
	 * Loads examples/trial/trial-bundle.json, the 13 synthetic patients of the guideline's §3 trial, compacted: the test
	 * profile bounds request bodies to 200 kB and the pretty-printed file is larger.
	 */
	protected void loadTrialDataset() {
		String bundle = FhirHttp.R4.newJsonParser().encodeResourceToString(
				FhirHttp.R4.newJsonParser().parseResource(Examples.read(Examples.TRIAL_BUNDLE)));
		FhirHttp.Response loaded = http.post("/fhir", bundle);
		assertThat(loaded.status()).as(loaded.body()).isEqualTo(200);
	}
}
