package org.stemiraccds.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import ca.uhn.fhir.rest.server.RestfulServer;
import org.junit.jupiter.api.BeforeEach;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.junit.jupiter.api.Test;
import org.stemiraccds.cds.CdsClient;
import org.stemiraccds.fhir.FhirHttp;
import org.stemiraccds.fhir.ServerTestBase;

/**
 * Security off: every FHIR interaction, failure, CDS Hooks call and feedback leaves an AuditEvent naming
 * who (the local developer), what, when and the outcome, found by FHIR search.
 */
class AuditTrailIT extends ServerTestBase {
	private static final String REST = "http://hl7.org/fhir/restful-interaction|";
	private static final String LOCAL = "local-developer";
	private static final Logger log = LoggerFactory.getLogger(AuditTrailIT.class);
	@Autowired
	private RestfulServer restfulServer;
	@Autowired
	private AuditCaptureInterceptor capture;
	@Autowired
	private AuditTrail trail;
	private AuditSearch audit;
	private Instant start;

	@BeforeEach
	void setUp() {
		audit = new AuditSearch(http);
		start = Instant.now().minus(1, ChronoUnit.SECONDS);
	}

	@Test
	void createReadSearchUpdateAndDeleteAreAuditedPerPatient() {
		String patient = "Patient/" + createPatient();
		AuditEvent created = audit.awaitOne("patient=" + patient + "&subtype=" + REST + "create");
		assertSuccessByLocalDeveloper(created, AuditEvent.AuditEventAction.C);

		assertThat(http.get("/fhir/" + patient).status()).isEqualTo(200);
		AuditEvent read = audit.awaitOne("patient=" + patient + "&subtype=" + REST + "read&date=ge" + start);
		assertSuccessByLocalDeveloper(read, AuditEvent.AuditEventAction.R);
		assertThat(read.getAgent()).extracting(a -> a.getNetwork().getAddress()).contains("127.0.0.1");
		assertThat(read.getEntity()).extracting(e -> e.getWhat().getReference()).contains(patient);

		assertThat(http.get("/fhir/Patient?_id=" + patient.substring(8)).status()).isEqualTo(200);
		// searching the trail is itself audited (who looked): the Patient search is the one that names Patient?_id=
		AuditEvent search = audit.await("patient=" + patient + "&subtype=" + REST + "search-type",
				event -> query(event).contains("/Patient?_id=" + patient.substring(8))).stream()
				.filter(event -> query(event).contains("/Patient?_id=")).findFirst().orElseThrow();
		assertSuccessByLocalDeveloper(search, AuditEvent.AuditEventAction.E);
		assertThat(audit.search("patient=" + patient + "&subtype=" + REST + "search-type"))
				.as("a search of AuditEvents leaves one event, not a loop").anyMatch(e -> query(e).contains("/AuditEvent?"));

		assertThat(http.put("/fhir/" + patient, "{\"resourceType\":\"Patient\",\"id\":\"" + patient.substring(8)
				+ "\",\"gender\":\"male\"}").status()).isEqualTo(200);
		assertSuccessByLocalDeveloper(audit.awaitOne("patient=" + patient + "&subtype=" + REST + "update"),
				AuditEvent.AuditEventAction.U);

		String observation = "Observation/" + http.post("/fhir/Observation", observationOf(patient))
				.resource(Observation.class).getIdElement().getIdPart();
		assertThat(http.delete("/fhir/" + observation).status()).isIn(200, 204);
		// the deleted resource is named, no longer referenced (the server refuses references to deleted resources)
		AuditEvent deleted = audit.awaitOne("entity-name=" + observation + "&patient=" + patient + "&subtype=" + REST + "delete");
		assertSuccessByLocalDeveloper(deleted, AuditEvent.AuditEventAction.D);
		assertThat(deleted.getEntity()).extracting(e -> e.getWhat().getIdentifier().getValue()).contains(observation);
	}

	@Test
	void aResourceWithAnAuditTrailCanStillBeDeleted() {
		String patient = "Patient/" + createPatient();
		assertThat(http.get("/fhir/" + patient).status()).isEqualTo(200);
		audit.awaitOne("patient=" + patient + "&subtype=" + REST + "read");
		assertThat(http.delete("/fhir/" + patient).status()).as("AuditEvents do not hold a resource back").isIn(200, 204);
		audit.awaitOne("entity-name=" + patient + "&subtype=" + REST + "delete");
		assertThat(audit.search("subtype=" + REST + "read&date=ge" + start)).as("the trail stays")
				.anyMatch(event -> event.getEntity().stream().anyMatch(e -> patient.equals(e.getWhat().getReference())));
	}

	@Test
	void aFailedReadIsAuditedWithItsStatus() {
		assertThat(http.get("/fhir/Patient/no-such-patient").status()).isEqualTo(404);
		AuditEvent failed = audit.awaitOne("outcome=4&subtype=" + REST + "read&agent-name=" + LOCAL + "&date=ge" + start);
		assertThat(failed.getOutcomeDesc()).isEqualTo("HTTP 404");
		assertThat(failed.getAction()).isEqualTo(AuditEvent.AuditEventAction.R);
		assertThat(failed.getEntity()).anyMatch(e -> e.getWhat().getReference() != null
				&& e.getWhat().getReference().equals("Patient/no-such-patient")
				|| "Patient/no-such-patient".equals(e.getName()));
	}

	@Test
	void aCallersEventsAreFoundByAgentNameAndIssuer() {
		String patient = "Patient/" + createPatient();
		audit.awaitOne("agent-name=" + LOCAL + "&patient=" + patient);
		// the caller is no resource here (agent.who is an identifier): agent-name is its subject, altid its issuer
		audit.awaitOne("agent-name=" + LOCAL + "&altid=local&patient=" + patient);
		assertThat(audit.search("agent-name=someone-else&patient=" + patient)).isEmpty();
	}

	@Test
	void aCdsCallAndItsFeedbackAreAuditedWithTheServicePatientAndCaller() {
		loadDemoBundle();
		CdsClient cds = new CdsClient(port, http);
		ObjectNode request = CdsClient.request("patient-view", "demo-ais-d");
		String hookInstance = request.path("hookInstance").asText();
		CdsClient.Response response = cds.call("stemirac-patient-view", request);
		assertThat(response.status()).isEqualTo(200);

		AuditEvent call = audit.awaitOne("entity-name=" + hookInstance + "&patient=Patient/demo-ais-d&subtype="
				+ AuditCodes.CDS_HOOKS + "|service-call");
		assertThat(call.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._0);
		assertThat(call.getSource().getSite()).isEqualTo("stemirac-patient-view");
		assertThat(requestor(call).getName()).isEqualTo(LOCAL);
		assertThat(call.getAgent()).extracting(AuditEventAgentComponent::getName).contains("PractitionerRole/demo-role");
		assertThat(details(call)).contains("service=stemirac-patient-view", "hook=patient-view",
				"hookInstance=" + hookInstance, "cards=" + response.json().path("cards").size());
		assertThat(details(call)).as("what the alert statistics count: each card's rule, and the organisation")
				.containsAll(response.ruleIds().stream().map(rule -> AuditCodes.RULE_DETAIL + "=" + rule).toList())
				.contains(AuditCodes.ORGANIZATION_DETAIL + "=Organization/demo-facility");

		String card = response.json().path("cards").get(0).path("uuid").asText();
		ObjectNode feedback = CdsClient.JSON.createObjectNode();
		feedback.putArray("feedback").addObject().put("card", card).put("outcome", "overridden")
				.put("outcomeTimestamp", "2026-11-25T10:06:00+09:00");
		assertThat(cds.feedback("stemirac-patient-view", feedback).status()).isEqualTo(200);
		AuditEvent stored = audit.awaitOne("entity-name=" + card + "&subtype=" + AuditCodes.CDS_HOOKS + "|feedback");
		assertThat(requestor(stored).getName()).isEqualTo(LOCAL);
		assertThat(requestor(stored).getWho().getIdentifier().getValue()).isEqualTo(LOCAL);
		assertThat(details(stored)).as("the feedback counts for the card's organisation")
				.contains(AuditCodes.ORGANIZATION_DETAIL + "=Organization/demo-facility");
	}

	@Test
	void aRefusedCdsCallIsAuditedAsAFailure() {
		ObjectNode request = CdsClient.request("order-sign", "demo-ais-d");
		String hookInstance = request.path("hookInstance").asText();
		CdsClient.Response response = new CdsClient(port, http).call("stemirac-patient-view", request);
		assertThat(response.status()).isEqualTo(400);
		AuditEvent refused = audit.awaitOne("entity-name=" + hookInstance + "&outcome=4");
		assertThat(refused.getOutcomeDesc()).isEqualTo("HTTP 400");
		assertThat(refused.getSubtype()).extracting(c -> c.getSystem() + "|" + c.getCode())
				.containsExactly(AuditCodes.CDS_HOOKS + "|service-call");
	}

	/**
	 * The cost of auditing, measured in one server: rounds of 200 reads of one Patient alternately with BALP
	 * taken off the FHIR endpoint and with it, each audited round followed by the time the background writer
	 * needs to store its 200 events (before the next round starts, so that it does not compete with it).
	 */
	@Test
	void costOfAuditingTwoHundredReads() {
		String patient = "/fhir/Patient/" + createPatient();
		timeReads(patient, 50);
		StringBuilder rounds = new StringBuilder();
		for (int round = 0; round < 3; round++) {
			restfulServer.unregisterInterceptor(capture);
			long without;
			try {
				without = timeReads(patient, 200);
			} finally {
				restfulServer.registerInterceptor(capture);
			}
			long writtenBefore = trail.written();
			long with = timeReads(patient, 200);
			long lastResponse = System.nanoTime();
			awaitWritten(writtenBefore + 200);
			rounds.append(String.format("%n  without audit %d ms, with audit %d ms, 200 events stored %d ms after the last response",
					without / 1_000_000, with / 1_000_000, (System.nanoTime() - lastResponse) / 1_000_000));
		}
		log.info("200 GET Patient, 3 rounds:{}", rounds);
		assertThat(trail.dropped()).isZero();
		assertThat(trail.failed()).isZero();
	}

	private long timeReads(String path, int count) {
		long started = System.nanoTime();
		for (int i = 0; i < count; i++) assertThat(http.get(path).status()).isEqualTo(200);
		return System.nanoTime() - started;
	}

	private void awaitWritten(long count) {
		long deadline = System.nanoTime() + 60_000_000_000L;
		while (trail.written() < count) {
			assertThat(System.nanoTime()).as("events stored within 60 s").isLessThan(deadline);
			java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
		}
	}

	private String createPatient() {
		return http.post("/fhir/Patient", "{\"resourceType\":\"Patient\",\"gender\":\"female\"}")
				.resource(Patient.class).getIdElement().getIdPart();
	}

	private static String observationOf(String patient) {
		return "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"weight\"},"
				+ "\"subject\":{\"reference\":\"" + patient + "\"}}";
	}

	private void assertSuccessByLocalDeveloper(AuditEvent event, AuditEvent.AuditEventAction action) {
		assertThat(event.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._0);
		assertThat(event.getAction()).isEqualTo(action);
		assertThat(event.getRecorded().toInstant()).isAfterOrEqualTo(start.truncatedTo(ChronoUnit.SECONDS));
		AuditEventAgentComponent requestor = requestor(event);
		assertThat(requestor.getName()).isEqualTo(LOCAL);
		assertThat(requestor.getWho().getIdentifier().getValue()).isEqualTo(LOCAL);
	}

	private static String query(AuditEvent event) {
		return event.getEntity().stream().filter(e -> e.hasQuery()).map(e -> new String(e.getQuery(), StandardCharsets.UTF_8))
				.findFirst().orElse("");
	}

	private static AuditEventAgentComponent requestor(AuditEvent event) {
		return event.getAgent().stream().filter(AuditEventAgentComponent::getRequestor).findFirst().orElseThrow();
	}

	private static List<String> details(AuditEvent event) {
		return event.getEntity().stream().flatMap(e -> e.getDetail().stream())
				.map(d -> d.getType() + "=" + d.getValue().primitiveValue()).toList();
	}


	@Test
	void theTrailsFiguresAreNotPublicByDefault() {
		FhirHttp.Response health = http.send("GET", "/actuator/health", null, java.util.Map.of("Accept", "application/json"));
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.body()).contains("\"UP\"").doesNotContain("auditTrail").doesNotContain("queued");
		assertThat(http.send("GET", "/actuator/health/auditTrail", null, java.util.Map.of("Accept", "application/json")).status())
				.as("components are shown only with management.endpoint.health.show-details").isEqualTo(404);
	}

	@Test
	void eventsAreFoundByTheirSearchParametersButLeftOutOfTheFullTextIndex() {
		String marker = "audit" + Long.toString(System.nanoTime(), 36);
		String patient = "Patient/" + http.post("/fhir/Patient", "{\"resourceType\":\"Patient\",\"identifier\":[{\"value\":\"" + marker + "\"}]}")
				.resource(Patient.class).getIdElement().getIdPart();
		assertThat(http.send("GET", "/fhir/" + patient, null, java.util.Map.of("X-Request-ID", marker)).status()).isEqualTo(200);
		AuditEvent read = audit.awaitOne("patient=" + patient + "&subtype=" + REST + "read");
		assertThat(read.getEntity()).extracting(e -> e.getWhat().getIdentifier().getValue()).as("the request id").contains(marker);

		assertThat(http.get("/fhir/Patient?_content=" + marker).resource(org.hl7.fhir.r4.model.Bundle.class).getEntry())
				.as("an identifier's value is full-text content").hasSize(1);
		assertThat(audit.search("_content=" + marker)).as("no AuditEvent in the full-text index").isEmpty();
	}
}
