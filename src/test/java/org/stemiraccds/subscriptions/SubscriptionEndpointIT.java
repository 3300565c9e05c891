package org.stemiraccds.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import org.stemiraccds.fhir.FhirHttp;
import org.stemiraccds.fhir.ServerTestBase;

/** With the prod profile's endpoint checks on: a non-https or unreachable endpoint is refused with 422 and an OperationOutcome. */
@TestPropertySource(properties = {"stemirac.subscriptions.require-https=true", "stemirac.subscriptions.require-reachable=true",
		"stemirac.subscriptions.connect-timeout=1s"})
class SubscriptionEndpointIT extends ServerTestBase {

	@Test
	void nonHttpsEndpointIsRefusedInBothLanguages() {
		FhirHttp.Response ja = http.post("/fhir/Subscription", subscription("http://127.0.0.1:9/hook"));
		assertThat(ja.status()).isEqualTo(422);
		assertThat(ja.body()).contains("OperationOutcome", "https の URL", "http://127.0.0.1:9/hook");
		FhirHttp.Response en = http.post("/fhir/Subscription", subscription("http://127.0.0.1:9/hook"), FhirHttp.FHIR_JSON, "en");
		assertThat(en.status()).isEqualTo(422);
		assertThat(en.diagnostics()).contains("must be an https URL");
	}

	@Test
	void unreachableHttpsEndpointIsRefusedAndAReachableOneIsStored() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		FhirHttp.Response unreachable = http.post("/fhir/Subscription", subscription("https://127.0.0.1:" + closedPort + "/hook"), FhirHttp.FHIR_JSON, "en");
		assertThat(unreachable.status()).isEqualTo(422);
		assertThat(unreachable.diagnostics()).contains("cannot be reached", "https://127.0.0.1:" + closedPort);
		try (ServerSocket listening = new ServerSocket(0)) {
			FhirHttp.Response reachable = http.post("/fhir/Subscription", subscription("https://127.0.0.1:" + listening.getLocalPort() + "/hook"));
			assertThat(reachable.status()).as(reachable.body()).isEqualTo(201);
		}
	}

	private static String subscription(String endpoint) {
		Subscription subscription = new Subscription();
		subscription.setStatus(Subscription.SubscriptionStatus.REQUESTED);
		subscription.setReason("reminder Tasks");
		subscription.setCriteria("Task?status=requested");
		subscription.getChannel().setType(Subscription.SubscriptionChannelType.RESTHOOK).setEndpoint(endpoint).setPayload("application/fhir+json");
		return FhirHttp.R4.newJsonParser().encodeResourceToString(subscription);
	}
}
