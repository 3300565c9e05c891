package org.stemiraccds.cds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.stemiraccds.cds.CdsClient;
import org.stemiraccds.cds.DemoOrders;
import org.stemiraccds.fhir.ServerTestBase;

/**
 * Issue 8's CDS holes, over HTTP against the whole server: the EHR's fhirServer as local test servers that
 * redirect or leak, ids that would change our search URLs, hookInstance, body size and encoding, list caps,
 * expired cards. Every refusal is checked for its status and error, and for nothing read or stored.
 */
class CdsHooksLimitsIT extends ServerTestBase {
	private static final String SIGN = "stemirac-order-sign";
	private static final String SELECT = "stemirac-order-select";
	private static final HttpClient RAW = HttpClient.newHttpClient();
	@Autowired
	private JdbcTemplate jdbc;
	private CdsClient cds;

	@BeforeEach
	void setUp() {
		loadDemoBundle();
		cds = new CdsClient(port, http);
	}

	@Test
	void aRedirectingFhirServerIsA412AndTheTokenNeverReachesTheTarget() throws Exception {
		try (LocalHttpServer target = LocalHttpServer.start(LocalHttpServer::fhir);
				LocalHttpServer redirecting = LocalHttpServer.start(exchange -> {
					exchange.getResponseHeaders().set("Location", target.fhirBase() + exchange.getRequestURI().getPath().substring(5));
					exchange.sendResponseHeaders(302, -1);
				})) {
			ObjectNode request = withFhirServer(signRequest("demo-ais-d"), redirecting);
			CdsClient.Response response = cds.call(SIGN, request);
			assertError(response, 412, "prefetch");
			assertThat(response.json().path("detail").asText()).startsWith("fhirServer GET /fhir/").endsWith(": HTTP 302");
			assertThat(redirecting.seen).isNotEmpty().allSatisfy(seen -> assertThat(seen.authorization()).isEqualTo("Bearer ehr-token"));
			assertThat(target.seen).as("never asked, with or without the token").isEmpty();
			assertThat(cardsStoredFor(request)).isZero();
		}
	}

	@Test
	void theFhirServersOwnTextNeverReachesTheCaller() throws Exception {
		String marker = "SECRET-169-254-169-254-MARKER";
		try (LocalHttpServer leaking = LocalHttpServer.start(exchange -> LocalHttpServer.send(exchange, 500, "text/plain",
				"instance metadata: " + marker))) {
			CdsClient.Response response = cds.call(SIGN, withFhirServer(signRequest("demo-ais-d"), leaking));
			assertError(response, 412, "prefetch");
			assertThat(response.raw()).doesNotContain(marker).contains("HTTP 500");
		}
	}

	@Test
	void aFhirServerNotOfTheRightFormIsRefusedBeforeAnyRead() {
		for (String fhirServer : List.of("file:///etc/passwd", "http://user:pw@127.0.0.1/fhir", "http://127.0.0.1/fhir?x=1", "fhir")) {
			ObjectNode request = signRequest("demo-ais-d");
			request.put("fhirServer", fhirServer);
			assertError(cds.call(SIGN, request), 400, "invalid-fhir-server");
			assertThat(cardsStoredFor(request)).isZero();
		}
	}

	/** FHIR R4 § id; the ids are put into search URLs of this server and the EHR's, so nothing else may get in. */
	@Test
	void contextIdsThatAreNoFhirIdsAreRefusedBeforeAnyRead() throws Exception {
		try (LocalHttpServer ehr = LocalHttpServer.start(LocalHttpServer::fhir)) {
			for (String patientId : List.of("a,b&_revinclude=*", "x/../y", "a".repeat(65), "demo-ais-d?_content=x", "Patient/demo-ais-d")) {
				ObjectNode request = withFhirServer(signRequest("demo-ais-d"), ehr);
				((ObjectNode) request.get("context")).put("patientId", patientId);
				CdsClient.Response refused = cds.call(SIGN, request);
				assertError(refused, 400, "invalid-id");
				assertThat(refused.json().path("message").asText()).as(patientId).contains("context.patientId");
				assertThat(cardsStoredFor(request)).isZero();
			}
			for (String userId : List.of("Patient/a?b", "PractitionerRole/a,b", "Nonsense/x", "demo-role", "PractitionerRole/x/y")) {
				ObjectNode request = withFhirServer(signRequest("demo-ais-d"), ehr);
				((ObjectNode) request.get("context")).put("userId", userId);
				CdsClient.Response refused = cds.call(SIGN, request);
				assertError(refused, 400, "invalid-id");
				assertThat(refused.json().path("message").asText()).as(userId).contains("context.userId");
			}
			ObjectNode badEncounter = withFhirServer(signRequest("demo-ais-d"), ehr);
			((ObjectNode) badEncounter.get("context")).put("encounterId", "e1&_revinclude=*");
			assertError(cds.call(SIGN, badEncounter), 400, "invalid-id");
			assertThat(ehr.seen).as("the EHR's server was never asked").isEmpty();
		}
		CdsClient.Response english = cds.call(SIGN, "{\"hook\":\"order-sign\",\"hookInstance\":\"h1\",\"context\":"
				+ "{\"patientId\":\"x/../y\",\"userId\":\"PractitionerRole/demo-role\"}}", "en");
		assertThat(english.json().path("message").asText()).startsWith("context.patientId is not a valid FHIR id");
	}

	@Test
	void hookInstanceMustBeAPlainTokenThatFitsWhereCardsAreStored() {
		for (String hookInstance : List.of("h".repeat(201), "a b", "x'; DROP TABLE x; --", "é")) {
			ObjectNode request = signRequest("demo-ais-d");
			request.put("hookInstance", hookInstance);
			assertError(cds.call(SIGN, request), 400, "invalid-hook-instance");
			assertThat(cardsStoredFor(request)).isZero();
		}
		ObjectNode longest = signRequest("demo-ais-d");
		longest.put("hookInstance", "urn:uuid:" + "0".repeat(191));
		CdsClient.Response answered = cds.call(SIGN, longest);
		assertThat(answered.status()).as(answered.raw()).isEqualTo(200);
		assertThat(cardsStoredFor(longest)).isEqualTo(answered.json().path("cards").size()).isPositive();
	}

	@Test
	void aBodyOverTheLimitIs413AndACompressedOneIs415() throws Exception {
		byte[] overLimit = new byte[5 * 1024 * 1024 + 1];
		Arrays.fill(overLimit, (byte) ' ');
		HttpResponse<String> chunked = post(SIGN, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(overLimit)), null);
		assertRawError(chunked, 413, "request-too-large");
		assertThat(chunked.body()).contains("5242880");

		byte[] json = signRequest("demo-ais-d").toString().getBytes(StandardCharsets.UTF_8);
		ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
			gzip.write(json);
		}
		ObjectNode request = signRequest("demo-ais-d");
		HttpResponse<String> compressed = post(SIGN, HttpRequest.BodyPublishers.ofByteArray(gzipped.toByteArray()), "gzip");
		assertRawError(compressed, 415, "content-encoding");
		assertRawError(post(SIGN + "/feedback", HttpRequest.BodyPublishers.ofByteArray(gzipped.toByteArray()), "gzip"),
				415, "content-encoding");
		assertThat(cardsStoredFor(request)).isZero();
	}

	@Test
	void listsOverTheirCapsAreRefused() {
		MedicationRequest[] orders = new MedicationRequest[51];
		for (int i = 0; i < orders.length; i++) {
			orders[i] = DemoOrders.stemirac("demo-ais-d");
			orders[i].setId("order-" + i);
		}
		ObjectNode tooManyOrders = CdsClient.request("order-sign", "demo-ais-d", orders);
		CdsClient.Response refused = cds.call(SIGN, tooManyOrders);
		assertError(refused, 400, "too-many");
		assertThat(refused.json().path("message").asText()).contains("context.draftOrders", "50");
		assertThat(cardsStoredFor(tooManyOrders)).isZero();

		ObjectNode tooManySelections = CdsClient.request("order-select", "demo-ais-d", orders[0]);
		CdsClient.selections(tooManySelections, java.util.stream.IntStream.range(0, 51).mapToObj(i -> "MedicationRequest/o" + i)
				.toArray(String[]::new));
		assertError(cds.call(SELECT, tooManySelections), 400, "too-many");

		ObjectNode unknownKeys = signRequest("demo-ais-d");
		ObjectNode prefetch = unknownKeys.putObject("prefetch");
		for (int i = 0; i < 20; i++) prefetch.putObject("unknown-" + i).put("resourceType", "Patient").put("id", "someone-else");
		CdsClient.Response ignored = cds.call(SIGN, unknownKeys);
		assertThat(ignored.status()).as("unknown keys within the cap are ignored: " + ignored.raw()).isEqualTo(200);
		assertThat(ignored.ruleIds()).isNotEmpty();
		prefetch.putObject("unknown-20").put("resourceType", "Patient");
		assertError(cds.call(SIGN, unknownKeys), 400, "too-many");

		int auditEvents = auditEventCount();
		ObjectNode feedback = CdsClient.JSON.createObjectNode();
		ArrayNode items = feedback.putArray("feedback");
		for (int i = 0; i < 101; i++) {
			items.addObject().put("card", "00000000-0000-0000-0000-000000000000").put("outcome", "overridden")
					.put("outcomeTimestamp", "2026-11-25T10:05:00+09:00");
		}
		CdsClient.Response tooMuchFeedback = cds.feedback(SIGN, feedback);
		assertError(tooMuchFeedback, 400, "too-many");
		assertThat(tooMuchFeedback.json().path("message").asText()).contains("feedback", "100");
		assertThat(auditEventCount()).isEqualTo(auditEvents);
	}

	@Test
	void feedbackOnACardPastItsLifetimeIsRefusedAsOnAnUnknownCard() {
		MedicationRequest order = DemoOrders.stemirac("demo-ais-d");
		JsonNode card = cds.call(SIGN, CdsClient.request("order-sign", "demo-ais-d", order)).card("IND-AIS-NOT-ELIGIBLE");
		String uuid = card.path("uuid").asText();
		jdbc.update("UPDATE stemirac_issued_card SET issued_at = ? WHERE card_uuid = ?",
				Timestamp.from(Instant.now().minus(31, ChronoUnit.DAYS)), uuid);
		ObjectNode feedback = CdsClient.JSON.createObjectNode();
		feedback.putArray("feedback").addObject().put("card", uuid).put("outcome", "overridden")
				.put("outcomeTimestamp", "2026-11-25T10:05:00+09:00");
		CdsClient.Response refused = cds.feedback(SIGN, feedback);
		assertError(refused, 404, "unknown-card");
		assertThat(http.get("/fhir/AuditEvent?entity-name=" + uuid).resource(Bundle.class).getEntry()).isEmpty();

		cds.call(SIGN, CdsClient.request("order-sign", "demo-ais-d", DemoOrders.stemirac("demo-ais-d")));
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM stemirac_issued_card WHERE card_uuid = ?", Integer.class, uuid))
				.as("purged when the next cards were stored").isZero();
	}

	private static ObjectNode signRequest(String patient) {
		return CdsClient.request("order-sign", patient, DemoOrders.stemirac(patient));
	}

	private static ObjectNode withFhirServer(ObjectNode request, LocalHttpServer server) {
		request.put("fhirServer", server.fhirBase());
		request.putObject("fhirAuthorization").put("access_token", "ehr-token").put("token_type", "Bearer")
				.put("expires_in", 300).put("scope", "patient/*.read").put("subject", "stemirac-cds");
		return request;
	}

	private int cardsStoredFor(ObjectNode request) {
		return jdbc.queryForObject("SELECT COUNT(*) FROM stemirac_issued_card WHERE hook_instance = ?", Integer.class,
				request.path("hookInstance").asText());
	}

	/** Stored feedback items (the refused call itself is audited, with outcome 4: org.stemiraccds.audit). */
	private int auditEventCount() {
		return http.get("/fhir/AuditEvent?subtype=" + org.stemiraccds.audit.AuditCodes.CDS_HOOKS + "|feedback&outcome=0&_summary=count")
				.resource(Bundle.class).getTotal();
	}

	private HttpResponse<String> post(String path, HttpRequest.BodyPublisher body, String contentEncoding) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/cds-services/" + path))
				.header("Content-Type", "application/json").POST(body);
		if (contentEncoding != null) request.header("Content-Encoding", contentEncoding);
		return RAW.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static void assertRawError(HttpResponse<String> response, int status, String error) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		JsonNode json = CdsClient.parse(response.body());
		assertThat(json.path("error").asText()).isEqualTo(error);
		assertThat(json.path("message").asText()).isNotBlank();
	}

	private static void assertError(CdsClient.Response response, int status, String error) {
		assertThat(response.status()).as(response.raw()).isEqualTo(status);
		assertThat(response.json().path("error").asText()).as(response.raw()).isEqualTo(error);
		assertThat(response.json().path("message").asText()).isNotBlank();
	}
}
