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
}
