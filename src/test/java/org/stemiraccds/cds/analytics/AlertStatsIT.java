package org.stemiraccds.cds.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.stemiraccds.audit.AuditTrail;
import org.stemiraccds.cds.CdsClient;
import org.stemiraccds.cds.DemoOrders;
import org.stemiraccds.fhir.FhirHttp;
import org.stemiraccds.fhir.ServerTestBase;
import org.stemiraccds.guideline.RuleDefinition;
import org.stemiraccds.guideline.rules.dose.DosePerKg;
import org.stemiraccds.guideline.rules.indication.IndAisNotEligible;

/**
 * $stemirac-alert-stats over real cards and real feedback: cards issued through the CDS Hooks endpoint, feedback
 * posted as an EHR posts it, then the counts, reasons, ranking, organisation filter, date range and bad input.
 * The server is shared with other tests, so every query starts at this test's first call.
 */
class AlertStatsIT extends ServerTestBase {
	private static final String SIGN = "stemirac-order-sign";
	private static final String OTHER_CLINIC = "alert-stats-clinic";
	private static final String OTHER_ROLE = "alert-stats-role";
	private static final String NOT_ELIGIBLE = IndAisNotEligible.class.getAnnotation(RuleDefinition.class).id();
	private static final String DOSE = DosePerKg.class.getAnnotation(RuleDefinition.class).id();

	@Autowired
	private AuditTrail trail;
	@Autowired
	private JdbcTemplate jdbc;
	private CdsClient cds;

	@BeforeEach
	void setUp() {
		loadDemoBundle();
		cds = new CdsClient(port, http);
		put("Organization/" + OTHER_CLINIC, "{\"resourceType\":\"Organization\",\"id\":\"" + OTHER_CLINIC + "\",\"name\":\"別の施設\"}");
		put("PractitionerRole/" + OTHER_ROLE, "{\"resourceType\":\"PractitionerRole\",\"id\":\"" + OTHER_ROLE + "\","
				+ "\"practitioner\":{\"reference\":\"Practitioner/demo-physician\"},"
				+ "\"organization\":{\"reference\":\"Organization/" + OTHER_CLINIC + "\"}}");
	}

	@Test
	void countsReasonsRankingAndTheOrganisationFilterFollowTheFeedback() {
		Instant start = Instant.now();
		// three calls at the demo facility: NOT-ELIGIBLE always overridden (twice with a reason, once with a comment
		// only), DOSE-PER-KG accepted twice and overridden once
		List<String> hookInstances = new ArrayList<>();
		String reason = null;
		for (int call = 0; call < 3; call++) {
			CdsClient.Response cards = orderSign("demo-role", hookInstances);
			JsonNode notEligible = cards.card(NOT_ELIGIBLE);
			reason = notEligible.path("overrideReasons").get(0).path("code").asText();
			ObjectNode body = CdsClient.JSON.createObjectNode();
			ArrayNode items = body.putArray("feedback");
			items.add(call == 1 ? overriddenWithComment(notEligible) : overridden(notEligible, reason));
			JsonNode dose = cards.card(DOSE);
			items.add(call == 1 ? overridden(dose, dose.path("overrideReasons").get(0).path("code").asText()) : accepted(dose));
			assertThat(cds.feedback(SIGN, body).status()).isEqualTo(200);
		}
		// one call at another clinic, its NOT-ELIGIBLE card overridden
		CdsClient.Response elsewhere = orderSign(OTHER_ROLE, hookInstances);
		ObjectNode body = CdsClient.JSON.createObjectNode();
		body.putArray("feedback").add(overridden(elsewhere.card(NOT_ELIGIBLE), reason));
		assertThat(cds.feedback(SIGN, body).status()).isEqualTo(200);
		assertThat(trail.awaitIdle(Duration.ofSeconds(30))).isTrue();

		Map<String, ParametersParameterComponent> all = rules(stats("start=" + at(start) + "&minFeedback=1"));
		assertThat(all.keySet()).as("ranked by override rate, ties by overrides").startsWith(NOT_ELIGIBLE, DOSE);
		assertRule(all.get(NOT_ELIGIBLE), 1, 4, 0, 4, "1.000", true);
		assertThat(reasons(all.get(NOT_ELIGIBLE))).containsExactly(Map.entry(reason, 3));
		assertThat(integer(all.get(NOT_ELIGIBLE), "overriddenWithoutReason")).isEqualTo(1);
		assertRule(all.get(DOSE), 2, 4, 2, 1, "0.333", true);
		String rulesWithoutFeedback = all.keySet().stream().skip(2).findFirst().orElseThrow();
		assertThat(part(all.get(rulesWithoutFeedback), "overrideRate")).as("no feedback, no rate").isNull();
		assertThat(part(all.get(rulesWithoutFeedback), "ranked").getValue().primitiveValue()).isEqualTo("false");
		assertThat(((Coding) part(all.get(NOT_ELIGIBLE), "rule").getValue()).getDisplay()).as("Japanese by default")
				.isNotBlank().isNotEqualTo(NOT_ELIGIBLE);

		Map<String, ParametersParameterComponent> clinic = rules(stats("start=" + at(start) + "&minFeedback=1&organization=" + OTHER_CLINIC));
		assertRule(clinic.get(NOT_ELIGIBLE), 1, 1, 0, 1, "1.000", true);
		assertThat(List.of(integer(clinic.get(DOSE), "fired"), integer(clinic.get(DOSE), "accepted"), integer(clinic.get(DOSE), "overridden")))
				.as("fired there, no feedback").containsExactly(1, 0, 0);
		Map<String, ParametersParameterComponent> demo = rules(stats("start=" + at(start)
				+ "&minFeedback=1&organization=Organization/demo-facility"));
		assertRule(demo.get(NOT_ELIGIBLE), 1, 3, 0, 3, "1.000", true);
		assertRule(demo.get(DOSE), 2, 3, 2, 1, "0.333", true);
		assertThat(rules(stats("start=" + at(start) + "&organization=nowhere"))).as("an organisation with nothing").isEmpty();

		Map<String, ParametersParameterComponent> unranked = rules(stats("start=" + at(start)));
		assertThat(part(unranked.get(NOT_ELIGIBLE), "ranked").getValue().primitiveValue())
				.as("4 feedback items are fewer than the default min-feedback 5").isEqualTo("false");

		List<CSVRecord> csv = csv(http.get("/fhir/$stemirac-alert-stats?_format=text/csv&minFeedback=1&start=" + at(start), "*/*"));
		assertThat(csv.get(0).toList()).containsExactly("rank", "rule", "rule_name", "fired", "accepted", "overridden",
				"override_rate", "ranked", "reason_no-alternative", "reason_benefit-outweighs-risk", "reason_data-incorrect",
				"reason_will-address", "reason_none", "reason_other");
		assertThat(csv).hasSize(1 + all.size());
		Map<String, String> notEligibleRow = row(csv, 1);
		assertThat(notEligibleRow).containsEntry("rank", "1").containsEntry("rule", NOT_ELIGIBLE).containsEntry("fired", "4")
				.containsEntry("accepted", "0").containsEntry("overridden", "4").containsEntry("override_rate", "1.000")
				.containsEntry("ranked", "true").containsEntry("reason_" + reason, "3").containsEntry("reason_none", "1")
				.containsEntry("reason_other", "0");
		assertThat(row(csv, 2)).containsEntry("rule", DOSE).containsEntry("fired", "4").containsEntry("accepted", "2")
				.containsEntry("override_rate", "0.333");
		assertThat(row(csv, 3)).containsEntry("override_rate", "").containsEntry("ranked", "false");
		List<CSVRecord> english = csv(inEnglish("/fhir/$stemirac-alert-stats?_format=text/csv&minFeedback=1&start=" + at(start)));
		assertThat(row(english, 1).get("rule_name")).as("names in the request's language")
				.isNotBlank().isNotEqualTo(notEligibleRow.get("rule_name"));

		// issued cards are purged after their lifetime; the counts come from AuditEvents and stay
		jdbc.update("DELETE FROM stemirac_issued_card WHERE hook_instance IN (" + String.join(",",
				hookInstances.stream().map(h -> "'" + h + "'").toList()) + ")");
		assertRule(rules(stats("start=" + at(start) + "&minFeedback=1")).get(NOT_ELIGIBLE), 1, 4, 0, 4, "1.000", true);
	}

	@Test
	void aRangeWithoutFeedbackIsAnEmptyReport() {
		Parameters empty = stats("start=2000-01-01&end=2000-01-31");
		assertThat(empty.getParameter().stream().map(ParametersParameterComponent::getName).toList())
				.containsExactly("start", "end", "minFeedback");
		assertThat(((InstantType) empty.getParameter("start").getValue()).getValue().toInstant()).as("a date starts in Asia/Tokyo")
				.isEqualTo("1999-12-31T15:00:00Z");
		assertThat(((InstantType) empty.getParameter("end").getValue()).getValue().toInstant()).as("the end date is included")
				.isEqualTo("2000-01-31T15:00:00Z");
		List<CSVRecord> emptyCsv = csv(http.get("/fhir/$stemirac-alert-stats?_format=text/csv&start=2000-01-01&end=2000-01-31", "*/*"));
		assertThat(emptyCsv).as("the header alone").hasSize(1);
		FhirHttp.Response post = http.post("/fhir/$stemirac-alert-stats",
				"{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"end\",\"valueDateTime\":\"2000-01-31\"}]}");
		assertThat(post.status()).as(post.body()).isEqualTo(200);
		assertThat(post.resource(Parameters.class).getParameter()).noneMatch(p -> p.getName().equals("rule"));
	}

	@Test
	void badInputIsA400OperationOutcome() {
		assertBadRequest(http.get("/fhir/$stemirac-alert-stats?organisation=demo-facility"), "organisation");
		assertBadRequest(http.get("/fhir/$stemirac-alert-stats?start=2026-02-01&end=2026-01-01"), "start is after end");
		assertBadRequest(http.get("/fhir/$stemirac-alert-stats?start=2026-01-01T10:00:00Z&end=2026-01-01T09:00:00Z"),
				"start is after end");
		assertBadRequest(http.get("/fhir/$stemirac-alert-stats?minFeedback=-1"), "minFeedback");
		assertBadRequest(http.get("/fhir/$stemirac-alert-stats?organization=" + enc("a/b/c")), "organization");
		assertBadRequest(http.post("/fhir/$stemirac-alert-stats",
				"{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"since\",\"valueDate\":\"2026-01-01\"}]}"), "since");
		FhirHttp.Response notADate = http.get("/fhir/$stemirac-alert-stats?start=yesterday");
		assertThat(notADate.status()).as(notADate.body()).isEqualTo(400);
		assertThat(notADate.outcome().getIssue()).isNotEmpty();
	}

	private void assertBadRequest(FhirHttp.Response response, String mentions) {
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.diagnostics()).contains(mentions);
	}

	private static List<CSVRecord> csv(FhirHttp.Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		// the charset parameter is CsvAnswer's to write (HAPI 8.6.1 sends the Binary's type without it, reported)
		assertThat(response.contentType()).startsWith("text/csv");
		try {
			return CSVFormat.RFC4180.parse(new StringReader(response.body())).getRecords();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** A GET as curl sends it (Accept: *\/*, no Content-Type, which HAPI would take for the answer's encoding), in English. */
	private FhirHttp.Response inEnglish(String path) {
		try {
			HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
							URI.create("http://localhost:" + port + path)).header("Accept", "*/*").header("Accept-Language", "en").GET().build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new FhirHttp.Response(response.statusCode(), response.body(), response.headers().firstValue("Content-Type").orElse(""));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	/** A data row (1 = the first after the header) by column name. */
	private static Map<String, String> row(List<CSVRecord> csv, int index) {
		Map<String, String> row = new LinkedHashMap<>();
		for (int i = 0; i < csv.get(0).size(); i++) row.put(csv.get(0).get(i), csv.get(index).get(i));
		return row;
	}

	private CdsClient.Response orderSign(String role, List<String> hookInstances) {
		MedicationRequest order = DemoOrders.stemirac("demo-ais-d");
		order.setRequester(new Reference("PractitionerRole/" + role));
		order.getDosageInstructionFirstRep().getDoseAndRateFirstRep().getDoseQuantity().setValue(2.0e8);
		ObjectNode request = CdsClient.request("order-sign", "demo-ais-d", order);
		((ObjectNode) request.get("context")).put("userId", "PractitionerRole/" + role);
		hookInstances.add(request.path("hookInstance").asText());
		CdsClient.Response response = cds.call(SIGN, request);
		assertThat(response.status()).as(response.raw()).isEqualTo(200);
		return response;
	}

	private static ObjectNode item(JsonNode card, String outcome) {
		return CdsClient.JSON.createObjectNode().put("card", card.path("uuid").asText()).put("outcome", outcome)
				.put("outcomeTimestamp", "2026-11-25T10:05:00+09:00");
	}

	private static ObjectNode accepted(JsonNode card) {
		ObjectNode item = item(card, "accepted");
		item.putArray("acceptedSuggestions").addObject().put("id", card.path("suggestions").get(0).path("uuid").asText());
		return item;
	}

	private static ObjectNode overridden(JsonNode card, String reason) {
		ObjectNode item = item(card, "overridden");
		item.putObject("overrideReason").putObject("reason")
				.put("system", "https://stemirac-cds.org/fhir/CodeSystem/override-reason").put("code", reason);
		return item;
	}

	private static ObjectNode overriddenWithComment(JsonNode card) {
		ObjectNode item = item(card, "overridden");
		item.putObject("overrideReason").put("userComment", "主治医判断");
		return item;
	}

	private Parameters stats(String query) {
		FhirHttp.Response response = http.get("/fhir/$stemirac-alert-stats?" + query);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.resource(Parameters.class);
	}

	/** rule id → its "rule" parameter, in the answer's order. */
	private static Map<String, ParametersParameterComponent> rules(Parameters stats) {
		Map<String, ParametersParameterComponent> rules = new LinkedHashMap<>();
		stats.getParameter().stream().filter(p -> p.getName().equals("rule"))
				.forEach(p -> rules.put(((Coding) part(p, "rule").getValue()).getCode(), p));
		return rules;
	}

	private static void assertRule(ParametersParameterComponent rule, int rank, int fired, int accepted, int overridden,
			String rate, boolean ranked) {
		assertThat(rule).as("rule present").isNotNull();
		String id = ((Coding) part(rule, "rule").getValue()).getCode();
		assertThat(List.of(integer(rule, "rank"), integer(rule, "fired"), integer(rule, "accepted"), integer(rule, "overridden")))
				.as(id + ": rank, fired, accepted, overridden").containsExactly(rank, fired, accepted, overridden);
		assertThat(new BigDecimal(part(rule, "overrideRate").getValue().primitiveValue())).as(id).isEqualByComparingTo(rate);
		assertThat(part(rule, "ranked").getValue().primitiveValue()).isEqualTo(String.valueOf(ranked));
	}

	private static Map<String, Integer> reasons(ParametersParameterComponent rule) {
		Map<String, Integer> reasons = new LinkedHashMap<>();
		rule.getPart().stream().filter(p -> p.getName().equals("reason")).forEach(reason -> reasons.put(
				((Coding) part(reason, "code").getValue()).getCode(), integer(reason, "count")));
		return reasons;
	}

	private static ParametersParameterComponent part(ParametersParameterComponent parameter, String name) {
		return parameter.getPart().stream().filter(p -> p.getName().equals(name)).findFirst().orElse(null);
	}

	private static int integer(ParametersParameterComponent parameter, String name) {
		return Integer.parseInt(part(parameter, name).getValue().primitiveValue());
	}

	private static String at(Instant instant) {
		return enc(instant.toString());
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private void put(String path, String body) {
		FhirHttp.Response response = http.put("/fhir/" + path, body);
		assertThat(response.status()).as(response.body()).isIn(200, 201);
	}
}
