package org.stemiraccds.cds.hooks;

import org.stemiraccds.cds.CdsClient;
import org.stemiraccds.cds.DemoOrders;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stemiraccds.fhir.FhirHttp;
import org.stemiraccds.fhir.ServerTestBase;

/** The CDS Hooks services over HTTP against the running server, as an EHR calls them (hooks run as of 2026-11-25). */
class CdsHooksIT extends ServerTestBase {
	private static final String SIGN = "stemirac-order-sign";
	private static final String SELECT = "stemirac-order-select";
	private static final String VIEW = "stemirac-patient-view";
	private CdsClient cds;

	@BeforeEach
	void setUp() {
		loadDemoBundle();
		cds = new CdsClient(port, http);
	}

	@Test
	void discoveryListsTheThreeServicesWithPrefetchTemplates() {
		CdsClient.Response discovery = cds.discovery();
		assertThat(discovery.status()).isEqualTo(200);
		List<String> ids = new ArrayList<>();
		discovery.json().path("services").forEach(s -> ids.add(s.path("id").asText() + "@" + s.path("hook").asText()));
		assertThat(ids).containsExactlyInAnyOrder(
				"stemirac-patient-view@patient-view", "stemirac-order-select@order-select", "stemirac-order-sign@order-sign");
		JsonNode prefetch = cds.service(SIGN).path("prefetch");
		List<String> keys = new ArrayList<>();
		prefetch.fieldNames().forEachRemaining(keys::add);
		assertThat(keys).containsExactly("patient", "conditions", "allergies", "observations", "procedures", "serviceRequests",
				"medicationRequests", "medicationAdministrations", "consents", "episodes", "adverseEvents", "userRole", "userPractitioner");
		assertThat(prefetch.path("patient").asText()).isEqualTo("Patient/{{context.patientId}}");
		assertThat(prefetch.path("adverseEvents").asText()).isEqualTo("AdverseEvent?subject=Patient/{{context.patientId}}");
		assertThat(prefetch.path("conditions").asText()).isEqualTo("Condition?patient={{context.patientId}}");
		assertThat(prefetch.path("observations").asText()).startsWith("Observation?patient={{context.patientId}}&code=")
				.contains("http://loinc.org|97843-7", "http://loinc.org|29463-7", "http://loinc.org|8302-2",
						"http://loinc.org|718-7", "http://loinc.org|85354-9");
		assertThat(prefetch.path("userRole").asText()).isEqualTo("PractitionerRole/{{userPractitionerRoleId}}");
		assertThat(prefetch.path("userPractitioner").asText()).isEqualTo("Practitioner/{{userPractitionerId}}");
		prefetch.forEach(template -> {
			assertThat(template.asText()).doesNotContain("_revinclude", "_include", "autologous-source");
			String query = template.asText().contains("?") ? template.asText().split("\\?", 2)[1] : "";
			for (String parameter : query.isEmpty() ? new String[0] : query.split("&")) {
				// R4's AdverseEvent has no patient parameter: its subject names the patient
				assertThat(parameter.split("=", 2)[0]).as("CDS Hooks 2.0 recommended query subset: " + template)
						.isIn(template.asText().startsWith("AdverseEvent?") ? new String[] {"subject"} : new String[] {"patient", "code"});
			}
		});
	}

	@Test
	void orderSignGivesTheSameRulesWithFullPartialAndNoPrefetchAndFromTheFhirServer() {
		ObjectNode none = CdsClient.request("order-sign", "demo-ais-d", DemoOrders.stemirac("demo-ais-d"));
		ObjectNode full = cds.withFullPrefetch(none.deepCopy(), SIGN);
		assertThat(full.path("prefetch").path("userRole").path("id").asText()).as("{{userPractitionerRoleId}} filled")
				.isEqualTo("demo-role");
		assertThat(full.path("prefetch").has("userPractitioner")).as("the user is no Practitioner: key left out").isFalse();
		assertThat(full.path("prefetch").path("observations").path("entry")).hasSize(7);
		ObjectNode partial = full.deepCopy();
		((ObjectNode) partial.get("prefetch")).remove(List.of("userRole", "observations", "patient"));
		ObjectNode fromFhirServer = withFhirServer(none.deepCopy());

		List<String> withoutPrefetch = cds.call(SIGN, none).ruleIds();
		assertThat(withoutPrefetch).contains("IND-AIS-NOT-ELIGIBLE", "PRO-CLAIM-REMARKS", "MON-INFUSION")
				.doesNotContain("IND-SCI-NOT-TRAUMATIC", "FAC-PHYSICIAN-UNKNOWN", "IND-AIS-MISSING", "DOSE-WEIGHT-MISSING");
		assertThat(cds.call(SIGN, full).ruleIds()).containsExactlyInAnyOrderElementsOf(withoutPrefetch);
		assertThat(cds.call(SIGN, partial).ruleIds()).containsExactlyInAnyOrderElementsOf(withoutPrefetch);
		assertThat(cds.call(SIGN, fromFhirServer).ruleIds()).containsExactlyInAnyOrderElementsOf(withoutPrefetch);
		((ObjectNode) partial.get("prefetch")).remove("conditions");
		assertThat(cds.call(SIGN, withFhirServer(partial)).ruleIds()).containsExactlyInAnyOrderElementsOf(withoutPrefetch);
	}

	@Test
	void aUserWhoIsAPractitionerGetsTheTemplatesThatFitAndTheOthersAreSkipped() {
		ObjectNode request = CdsClient.request("order-sign", "demo-ais-d", DemoOrders.stemirac("demo-ais-d"));
		List<String> asRole = cds.call(SIGN, request).ruleIds();
		((ObjectNode) request.get("context")).put("userId", "Practitioner/demo-physician");
		ObjectNode prefetched = cds.withFullPrefetch(request.deepCopy(), SIGN);
		assertThat(prefetched.path("prefetch").has("userRole")).isFalse();
		assertThat(prefetched.path("prefetch").path("userPractitioner").path("resourceType").asText()).isEqualTo("Practitioner");
		for (ObjectNode call : List.of(request, prefetched, withFhirServer(request.deepCopy()))) {
			CdsClient.Response response = cds.call(SIGN, call);
			assertThat(response.status()).as(response.raw()).isEqualTo(200);
			assertThat(response.ruleIds()).as("the order names the physician's role").containsExactlyInAnyOrderElementsOf(asRole);
		}
	}

	@Test
	void nullAndOperationOutcomePrefetchEntriesAreHandled() {
		ObjectNode request = cds.withFullPrefetch(
				CdsClient.request("order-sign", "demo-ais-d", DemoOrders.stemirac("demo-ais-d")), SIGN);
		List<String> expected = cds.call(SIGN, request).ruleIds();
		ObjectNode prefetch = (ObjectNode) request.get("prefetch");
		OperationOutcome failed = new OperationOutcome();
		failed.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(OperationOutcome.IssueType.TIMEOUT);
		prefetch.set("patient", CdsClient.json(failed));
		assertThat(cds.call(SIGN, request).ruleIds()).as("OperationOutcome entries are read again")
				.containsExactlyInAnyOrderElementsOf(expected);

		prefetch.putNull("consents");
		CdsClient.Response withNull = cds.call(SIGN, request);
		assertThat(withNull.status()).isEqualTo(200);
		assertThat(withNull.ruleIds()).as("null: no consent on record").contains("PRO-CONSENT")
				.containsAll(expected.stream().filter(id -> !id.equals("PRO-CONSENT")).toList());
	}

	@Test
	void theRequestsFhirServerIsReadWithItsBearerTokenWhenGiven() {
		ObjectNode request = CdsClient.request("order-sign", "demo-ais-d", DemoOrders.stemirac("demo-ais-d"));
		List<String> fromDatabase = cds.call(SIGN, request).ruleIds();
		assertThat(cds.call(SIGN, withFhirServer(request)).ruleIds()).containsExactlyInAnyOrderElementsOf(fromDatabase);

		request.put("fhirServer", "http://localhost:1/fhir");
		CdsClient.Response unreachable = cds.call(SIGN, request);
		assertThat(unreachable.status()).isEqualTo(412);
		assertThat(unreachable.json().path("error").asText()).isEqualTo("prefetch");
	}

	/**
	 * A patient with 20 AIS C assessments and, latest, one AIS D: the EHR sends the first page of a search
	 * sorted by date, so D is on the last page. Whether IND-AIS-NOT-ELIGIBLE fires tells whether it was read.
	 */
	@Test
	void aPagedPrefetchBundleIsReadOnFromTheFhirServerWithinThePageLimitAndOnItsOriginOnly() {
		String patient = patientWithTwentyOneAisAssessments();
		ObjectNode request = CdsClient.request("order-sign", patient, stemiracByCode(patient));
		cds.withFullPrefetch(request, SIGN);
		ObjectNode prefetch = (ObjectNode) request.get("prefetch");
		String paged = "Observation?patient=" + patient + "&_sort=date&_count=";

		prefetch.set("observations", cds.read(paged + "2"));
		assertThat(prefetch.path("observations").path("link").toString()).contains("\"next\"");
		List<String> firstPageOnly = rules(request);
		assertThat(firstPageOnly).as("no fhirServer: the first page (AIS C) is all there is")
				.contains("MON-INFUSION").doesNotContain("IND-AIS-NOT-ELIGIBLE", "IND-AIS-MISSING");
		assertThat(saysPartOfTheRecordWasNotRead(request)).as("every card says the record was read in part").isTrue();
		assertThat(rules(withFhirServer(request))).as("11 pages, read to the end (AIS D)")
				.contains("IND-AIS-NOT-ELIGIBLE", "MON-INFUSION").doesNotContain("IND-AIS-PRIORITY");
		assertThat(saysPartOfTheRecordWasNotRead(withFhirServer(request))).as("read to the end: no such note").isFalse();

		prefetch.set("observations", cds.read(paged + "1"));
		assertThat(rules(request)).as("21 pages: the 21st (AIS D) is beyond stemirac.cds.max-prefetch-pages = 20")
				.containsExactlyInAnyOrderElementsOf(firstPageOnly);
		assertThat(saysPartOfTheRecordWasNotRead(request)).as("the page limit is said on the cards").isTrue();

		JsonNode otherOrigin = cds.read(paged + "2");
		for (JsonNode link : otherOrigin.path("link")) {
			((ObjectNode) link).put("url", link.path("url").asText().replace("//localhost:", "//127.0.0.1:"));
		}
		assertThat(otherOrigin.path("link").toString()).contains("127.0.0.1");
		prefetch.set("observations", otherOrigin);
		assertThat(rules(request)).as("a next link to another host than fhirServer is not followed")
				.containsExactlyInAnyOrderElementsOf(firstPageOnly);
	}

	/** Every card's detail names the searches whose later pages were not read (and there is at least one card). */
	private boolean saysPartOfTheRecordWasNotRead(ObjectNode request) {
		CdsClient.Response response = cds.call(SIGN, request);
		List<String> details = new java.util.ArrayList<>();
		response.json().path("cards").forEach(card -> details.add(card.path("detail").asText()));
		assertThat(details).isNotEmpty();
		return details.stream().allMatch(detail -> detail.contains("記録の一部を取得できませんでした") && detail.contains("_count="));
	}

	private List<String> rules(ObjectNode request) {
		CdsClient.Response response = cds.call(SIGN, request);
		assertThat(response.status()).as(response.raw()).isEqualTo(200);
		return response.ruleIds();
	}

	@Test
	void keysLeftOutAreSearchedOnTheFhirServerThroughAllPages() {
		String patient = patientWithTwentyOneAisAssessments();
		ObjectNode request = withFhirServer(CdsClient.request("order-sign", patient, stemiracByCode(patient)));
		assertThat(cds.call(SIGN, request).ruleIds()).as("21 observations: two pages of the server's default 20")
				.contains("IND-AIS-NOT-ELIGIBLE");
		request.remove(List.of("fhirServer", "fhirAuthorization"));
		assertThat(cds.call(SIGN, request).ruleIds()).as("the same from the database").contains("IND-AIS-NOT-ELIGIBLE");
	}

	@Test
	void cardsAreWellFormedJapaneseByDefaultAndEnglishOnRequest() {
		ObjectNode request = CdsClient.request("order-sign", "demo-ais-d", DemoOrders.stemirac("demo-ais-d"));
		CdsClient.Response response = cds.call(SIGN, request);
		for (JsonNode card : response.json().path("cards")) {
			assertThat(card.path("uuid").asText()).hasSize(36);
			assertThat(card.path("summary").asText().codePointCount(0, card.path("summary").asText().length())).isLessThanOrEqualTo(140);
			assertThat(card.path("summary").asText()).doesNotContain("${");
			assertThat(card.path("detail").asText()).doesNotContain("${").contains("**根拠**");
			assertThat(card.path("source").path("topic").path("system").asText())
					.isEqualTo("https://stemirac-cds.org/fhir/CodeSystem/guideline-rule");
			assertThat(card.path("indicator").asText()).isIn("info", "warning", "critical");
			assertThat(card.path("source").path("label").asText()).isEqualTo("STEMIRAC 最適使用推進ガイドライン（2019）");
			assertThat(card.path("source").path("url").asText()).isEqualTo("https://www.ajha.or.jp/topics/admininfo/");
			assertThat(card.path("links")).hasSize(2); // the guideline, then the SMART checklist app (SmartLaunchIT)
			assertThat(card.path("links").get(1).path("type").asText()).isEqualTo("smart");
			assertThat(card.path("links").get(0).path("type").asText()).isEqualTo("absolute");
			assertThat(card.path("links").get(0).path("url").asText()).isEqualTo("https://www.ajha.or.jp/topics/admininfo/");
			assertThat(card.path("links").get(0).path("label").asText()).isEqualTo("最適使用推進ガイドライン・留意事項通知（2019）");
		}
		JsonNode notEligible = response.card("IND-AIS-NOT-ELIGIBLE");
		assertThat(notEligible.path("indicator").asText()).isEqualTo("critical");
		assertThat(notEligible.path("summary").asText()).isEqualTo("直近のAISが D：本品の適応はAIS A・B・Cのみ");
		assertThat(notEligible.path("detail").asText()).contains("**D**", "2026-11-24", "Observation/demo-ais-d-ais-pre");
		assertThat(notEligible.path("overrideReasons")).extracting(r -> r.path("code").asText())
				.contains("benefit-outweighs-risk").doesNotContain("no-alternative");
		assertThat(response.card("PRO-CLAIM-REMARKS").path("summary").asText())
				.isEqualTo("摘要欄記載事項：医師要件ア / 初回末梢血採取時AIS：C / 投与直前AIS：D");
		assertThat(response.card("PRO-CLAIM-REMARKS").has("overrideReasons")).isFalse();

		CdsClient.Response english = cds.call(SIGN, request.toString(), "en-US,en;q=0.9,ja;q=0.5");
		assertThat(english.card("IND-AIS-NOT-ELIGIBLE").path("summary").asText())
				.isEqualTo("Latest AIS is D: STEMIRAC is indicated for AIS A, B or C only");
		assertThat(english.card("IND-AIS-NOT-ELIGIBLE").path("overrideReasons").get(0).path("display").asText())
				.isEqualTo("benefit outweighs risk");
		assertThat(english.card("IND-AIS-NOT-ELIGIBLE").path("source").path("label").asText())
				.isEqualTo("STEMIRAC Optimal Use Promotion Guideline (2019)");
		assertThat(english.card("IND-AIS-NOT-ELIGIBLE").path("links").get(0).path("label").asText())
				.isEqualTo("Optimal Use Promotion Guideline and insurance notice (2019)");
	}

	@Test
	void notRecommendedCardsOfferNoOtherTreatmentOption() {
		CdsClient.Response response = cds.call(SIGN,
				CdsClient.request("order-sign", "demo-contraindicated", DemoOrders.stemirac("demo-contraindicated")));
		assertThat(response.ruleIds()).contains("SAF-HYPERSENSITIVITY", "SAF-NR-MALIGNANCY", "SAF-ANAPHYLAXIS-WATCH");
		JsonNode malignancy = response.card("SAF-NR-MALIGNANCY");
		assertThat(malignancy.path("overrideReasons").get(0).path("code").asText()).isEqualTo("no-alternative");
		assertThat(malignancy.path("overrideReasons").get(0).path("display").asText()).isEqualTo("他の治療選択肢がない");
	}

	@Test
	void anOverdoseCarriesTheCappedDoseAsAnUpdateOfTheDraftOrder() {
		MedicationRequest order = DemoOrders.stemirac("demo-ais-d");
		order.setId("draft-1");
		order.getDosageInstructionFirstRep().getDoseAndRateFirstRep().getDoseQuantity().setValue(2.0e8);
		JsonNode card = cds.call(SIGN, CdsClient.request("order-sign", "demo-ais-d", order)).card("DOSE-PER-KG");
		assertThat(card.path("summary").asText()).isEqualTo("投与量 2×10⁸ 個は体重54kgの上限 1.8×10⁸ 個を超える");
		assertThat(card.path("selectionBehavior").asText()).isEqualTo("at-most-one");
		JsonNode suggestion = card.path("suggestions").get(0);
		assertThat(suggestion.path("uuid").asText()).hasSize(36);
		JsonNode action = suggestion.path("actions").get(0);
		assertThat(action.path("type").asText()).isEqualTo("update");
		assertThat(action.path("resource").path("id").asText()).isEqualTo("draft-1");
		assertThat(action.path("resource").path("dosageInstruction").get(0).path("doseAndRate").get(0)
				.path("doseQuantity").path("value").asLong()).isEqualTo(180_360_000L);
	}

	@Test
	void orderSelectEvaluatesOnlyTheSelectionsAndIgnoresOtherOrders() {
		MedicationRequest stemirac = DemoOrders.stemirac("demo-ais-d");
		stemirac.setId("stemirac-1");
		MedicationRequest aspirin = new MedicationRequest().setStatus(MedicationRequest.MedicationRequestStatus.DRAFT)
				.setIntent(MedicationRequest.MedicationRequestIntent.ORDER)
				.setMedication(new CodeableConcept(new Coding("http://www.whocc.no/atc", "B01AC06", "aspirin")))
				.setSubject(new Reference("Patient/demo-ais-d"));
		aspirin.setId("aspirin-1");
		ObjectNode request = CdsClient.request("order-select", "demo-ais-d", stemirac, aspirin);
		CdsClient.selections(request, "MedicationRequest/aspirin-1");
		CdsClient.Response onlyAspirin = cds.call(SELECT, request);
		assertThat(onlyAspirin.status()).isEqualTo(200);
		assertThat(onlyAspirin.json().get("cards").isArray()).as(onlyAspirin.raw()).isTrue();
		assertThat(onlyAspirin.json().get("cards")).isEmpty();

		CdsClient.selections(request, "MedicationRequest/stemirac-1");
		assertThat(cds.call(SELECT, request).ruleIds()).contains("IND-AIS-NOT-ELIGIBLE").doesNotContain("PRO-CLAIM-REMARKS");
		assertThat(cds.call(SIGN, CdsClient.request("order-sign", "demo-ais-d", aspirin)).json().path("cards")).isEmpty();
	}

	@Test
	void patientViewShowsTheDemoPatientsAndNothingForAnUnrelatedPatient() {
		assertThat(cds.call(VIEW, CdsClient.request("patient-view", "demo-contraindicated")).ruleIds())
				.contains("SAF-HYPERSENSITIVITY", "SAF-NR-MALIGNANCY");
		String unrelated = http.post("/fhir/Patient", "{\"resourceType\":\"Patient\",\"gender\":\"female\",\"birthDate\":\"1980-02-03\"}")
				.resource(Patient.class).getIdElement().getIdPart();
		CdsClient.Response none = cds.call(VIEW, CdsClient.request("patient-view", unrelated));
		assertThat(none.status()).isEqualTo(200);
		assertThat(none.json().path("cards")).isEmpty();
	}

	@Test
	void feedbackOnIssuedCardsIsStoredAsAuditEventsAndUnknownCardsAreRefused() {
		MedicationRequest order = DemoOrders.stemirac("demo-ais-d");
		order.getDosageInstructionFirstRep().getDoseAndRateFirstRep().getDoseQuantity().setValue(2.0e8);
		CdsClient.Response response = cds.call(SIGN, CdsClient.request("order-sign", "demo-ais-d", order));
		JsonNode dose = response.card("DOSE-PER-KG");
		JsonNode notEligible = response.card("IND-AIS-NOT-ELIGIBLE");
		ObjectNode body = CdsClient.JSON.createObjectNode();
		ObjectNode accepted = body.putArray("feedback").addObject();
		accepted.put("card", dose.path("uuid").asText()).put("outcome", "accepted").put("outcomeTimestamp", "2026-11-25T10:05:00+09:00");
		accepted.putArray("acceptedSuggestions").addObject().put("id", dose.path("suggestions").get(0).path("uuid").asText());
		ObjectNode overridden = ((com.fasterxml.jackson.databind.node.ArrayNode) body.get("feedback")).addObject();
		overridden.put("card", notEligible.path("uuid").asText()).put("outcome", "overridden")
				.put("outcomeTimestamp", "2026-11-25T10:06:00+09:00");
		overridden.putObject("overrideReason").put("userComment", "再評価でC").putObject("reason")
				.put("system", "https://stemirac-cds.org/fhir/CodeSystem/override-reason").put("code", "data-incorrect");
		CdsClient.Response stored = cds.feedback(SIGN, body);
		assertThat(stored.status()).as(stored.raw()).isEqualTo(200);
		assertThat(stored.json().path("recorded").asInt()).isEqualTo(2);

		Bundle found = http.get("/fhir/AuditEvent?entity-name=" + notEligible.path("uuid").asText()).resource(Bundle.class);
		assertThat(found.getEntry()).hasSize(1);
		AuditEvent event = (AuditEvent) found.getEntryFirstRep().getResource();
		assertThat(event.getSubtypeFirstRep().getCode()).isEqualTo("IND-AIS-NOT-ELIGIBLE");
		assertThat(event.getEntity().get(1).getDetail()).extracting(d -> d.getType() + "=" + d.getValue().primitiveValue())
				.contains("outcome=overridden", "overrideReason=data-incorrect", "userComment=再評価でC");

		ObjectNode unknown = CdsClient.JSON.createObjectNode();
		unknown.putArray("feedback").addObject().put("card", "00000000-0000-0000-0000-000000000000")
				.put("outcome", "accepted").put("outcomeTimestamp", "2026-11-25T10:05:00+09:00");
		CdsClient.Response refused = cds.feedback(SIGN, unknown);
		assertThat(refused.status()).isEqualTo(404);
		assertThat(refused.json().path("error").asText()).isEqualTo("unknown-card");

		overridden.with("overrideReason").with("reason").put("code", "no-alternative");
		CdsClient.Response notOffered = cds.feedback(SIGN, body);
		assertThat(notOffered.status()).isEqualTo(400);
		assertThat(notOffered.json().path("detail").asText()).contains("no-alternative");
		assertThat(http.get("/fhir/AuditEvent?entity-name=" + dose.path("uuid").asText()).resource(Bundle.class).getEntry())
				.as("nothing of a refused feedback request is stored").hasSize(1);
	}

	@Test
	void feedbackFollowsCdsHooks2OnOverrideReasonsAndAcceptedSuggestions() {
		MedicationRequest order = DemoOrders.stemirac("demo-ais-d");
		order.getDosageInstructionFirstRep().getDoseAndRateFirstRep().getDoseQuantity().setValue(2.0e8);
		CdsClient.Response response = cds.call(SIGN, CdsClient.request("order-sign", "demo-ais-d", order));
		String notEligible = response.card("IND-AIS-NOT-ELIGIBLE").path("uuid").asText();
		ObjectNode commentOnly = CdsClient.JSON.createObjectNode();
		commentOnly.putArray("feedback").addObject().put("card", notEligible).put("outcome", "overridden")
				.put("outcomeTimestamp", "2026-11-25T10:06:00+09:00")
				.putObject("overrideReason").put("userComment", "家族と相談のうえ投与");
		CdsClient.Response stored = cds.feedback(SIGN, commentOnly);
		assertThat(stored.status()).as(stored.raw()).isEqualTo(200);
		AuditEvent event = (AuditEvent) http.get("/fhir/AuditEvent?entity-name=" + notEligible).resource(Bundle.class)
				.getEntryFirstRep().getResource();
		assertThat(event.getEntity().get(1).getDetail()).extracting(d -> d.getType() + "=" + d.getValue().primitiveValue())
				.contains("outcome=overridden", "userComment=家族と相談のうえ投与")
				.noneMatch(detail -> detail.startsWith("overrideReason="));

		String dose = response.card("DOSE-PER-KG").path("uuid").asText();
		ObjectNode acceptedWithout = CdsClient.JSON.createObjectNode();
		ObjectNode item = acceptedWithout.putArray("feedback").addObject().put("card", dose).put("outcome", "accepted")
				.put("outcomeTimestamp", "2026-11-25T10:05:00+09:00");
		CdsClient.Response refused = cds.feedback(SIGN, acceptedWithout);
		assertThat(refused.status()).as(refused.raw()).isEqualTo(400);
		assertThat(refused.json().path("detail").asText()).contains("acceptedSuggestions");
		item.putArray("acceptedSuggestions");
		assertThat(cds.feedback(SIGN, acceptedWithout).status()).as("an empty list accepts nothing").isEqualTo(400);
		assertThat(http.get("/fhir/AuditEvent?entity-name=" + dose).resource(Bundle.class).getEntry()).isEmpty();
	}

	@Test
	void theHooksAndTheOperationFindTheSameRulesForTheSameData() {
		for (String patient : List.of("demo-eligible", "demo-ais-d", "demo-contraindicated")) {
			MedicationRequest order = DemoOrders.stemirac(patient);
			List<String> hook = cds.call(SIGN, CdsClient.request("order-sign", patient, order)).ruleIds();
			Parameters operation = new Parameters();
			operation.addParameter().setName("order").setResource(order);
			operation.addParameter().setName("hook").setValue(new CodeType("order-sign"));
			operation.addParameter().setName("at").setValue(new DateTimeType("2026-11-25T10:00:00+09:00"));
			Parameters result = http.post("/fhir/Patient/" + patient + "/$stemirac-evaluate",
					FhirHttp.R4.newJsonParser().encodeResourceToString(operation)).resource(Parameters.class);
			assertThat(result.getParameter().stream().filter(p -> p.getName().equals("issue"))
					.map(p -> ((DetectedIssue) p.getResource()).getCode().getCodingFirstRep().getCode()).toList())
					.as(patient).containsExactlyInAnyOrderElementsOf(hook);
		}
	}

	@Test
	void browserClientsMayCallTheServices() throws Exception {
		HttpResponse<String> preflight = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
						URI.create("http://localhost:" + port + "/cds-services/" + SIGN))
				.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
				.header("Origin", "https://ehr.example.org")
				.header("Access-Control-Request-Method", "POST")
				.header("Access-Control-Request-Headers", "content-type,authorization").build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(preflight.statusCode()).isEqualTo(200);
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://ehr.example.org");
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");
	}

	@Test
	void badInputGetsA4xxJsonError() {
		ObjectNode valid = CdsClient.request("order-sign", "demo-ais-d", DemoOrders.stemirac("demo-ais-d"));
		assertError(cds.call(SIGN, "{\"hook\": ", null), 400, "malformed-json");
		assertError(cds.call(SIGN, "[]", null), 400, "malformed-json");
		for (String field : List.of("hook", "hookInstance", "context")) {
			ObjectNode missing = valid.deepCopy();
			missing.remove(field);
			assertError(cds.call(SIGN, missing), 400, "missing-field");
		}
		ObjectNode noPatient = valid.deepCopy();
		((ObjectNode) noPatient.get("context")).remove("patientId");
		assertError(cds.call(SIGN, noPatient), 400, "missing-field");
		assertError(cds.call(SELECT, valid), 400, "wrong-hook");
		assertError(cds.call("stemirac-order-dispatch", valid), 404, "unknown-service");
		ObjectNode nobody = valid.deepCopy();
		((ObjectNode) nobody.get("context")).put("patientId", "nobody");
		assertError(cds.call(SIGN, nobody), 404, "unknown-patient");
		ObjectNode unparseable = valid.deepCopy();
		((ObjectNode) unparseable.get("context")).putObject("draftOrders").put("resourceType", "Bundle")
				.putArray("entry").addObject().putObject("resource").put("resourceType", "MedicationRequest").put("status", 42);
		assertError(cds.call(SIGN, unparseable), 400, "bad-request");
		ObjectNode notABundle = valid.deepCopy();
		((ObjectNode) notABundle.get("context")).put("draftOrders", "MedicationRequest/1");
		assertError(cds.call(SIGN, notABundle), 400, "bad-request");
		CdsClient.Response english = cds.call(SIGN, "{", "en");
		assertThat(english.json().path("message").asText()).isEqualTo("The request body is not valid JSON");
	}

	/** fhirServer = this server over http (the test profile allows it), with a bearer token. */
	private ObjectNode withFhirServer(ObjectNode request) {
		request.put("fhirServer", http.fhirBase());
		request.putObject("fhirAuthorization").put("access_token", "test-token").put("token_type", "Bearer")
				.put("expires_in", 300).put("scope", "patient/*.read").put("subject", "stemirac-cds");
		return request;
	}

	/** A new patient with AIS C hourly on 2026-11-23 (20 times) and AIS D on 2026-11-24, the latest. */
	private String patientWithTwentyOneAisAssessments() {
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		String patientUrn = "urn:uuid:" + UUID.randomUUID();
		Patient patient = new Patient();
		patient.setGender(org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.MALE).setBirthDateElement(new DateType("1990-04-01"));
		transaction.addEntry().setFullUrl(patientUrn).setResource(patient).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
		for (int hour = 0; hour < 20; hour++) {
			addAis(transaction, patientUrn, "C", String.format("2026-11-23T%02d:00:00+09:00", hour));
		}
		addAis(transaction, patientUrn, "D", "2026-11-24T09:00:00+09:00");
		FhirHttp.Response created = http.post("/fhir", FhirHttp.R4.newJsonParser().encodeResourceToString(transaction));
		assertThat(created.status()).as(created.body()).isEqualTo(200);
		return new IdType(created.resource(Bundle.class).getEntryFirstRep().getResponse().getLocation()).getIdPart();
	}

	private static void addAis(Bundle transaction, String patientUrn, String grade, String effective) {
		Observation ais = new Observation();
		ais.getMeta().addProfile("https://stemirac-cds.org/fhir/StructureDefinition/ais-observation");
		ais.addExtension("https://stemirac-cds.org/fhir/StructureDefinition/ais-timepoint", new CodeableConcept(
				new Coding("https://stemirac-cds.org/fhir/CodeSystem/ais-timepoint", "pre-administration", null)));
		ais.setStatus(Observation.ObservationStatus.FINAL);
		ais.addCategory(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/observation-category", "exam", null)));
		ais.setCode(new CodeableConcept(new Coding("http://loinc.org", "97843-7", "ASIA impairment scale")));
		ais.setSubject(new Reference(patientUrn));
		ais.setEffective(new DateTimeType(effective));
		ais.setValue(new CodeableConcept(new Coding("https://stemirac-cds.org/fhir/CodeSystem/ais-grade", grade, null)));
		transaction.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(ais)
				.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
	}

	/** A STEMIRAC order coded as the product (the new patient has no lot). */
	private static MedicationRequest stemiracByCode(String patient) {
		MedicationRequest order = DemoOrders.stemirac(patient);
		order.setMedication(new CodeableConcept(new Coding("https://stemirac-cds.org/fhir/CodeSystem/stemirac-product", "STEMIRAC", null)));
		return order;
	}

	private static void assertError(CdsClient.Response response, int status, String error) {
		assertThat(response.status()).as(response.raw()).isEqualTo(status);
		assertThat(response.json().path("error").asText()).as(response.raw()).isEqualTo(error);
		assertThat(response.json().path("message").asText()).isNotBlank();
	}
}
