package org.stemiraccds.fhir;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.stemiraccds.Application;

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
}
