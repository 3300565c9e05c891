package org.stemiraccds.outcomes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.MeasureReport.MeasureReportGroupComponent;
import org.hl7.fhir.r4.model.Range;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stemiraccds.fhir.FhirHttp;
import org.stemiraccds.fhir.ServerTestBase;

/** $stemirac-outcomes over HTTP on examples/trial/trial-bundle.json: the guideline's §3 Tables 1–4. */
class StemiracOutcomesIT extends ServerTestBase {
	private static final String OUTCOMES = "/fhir/$stemirac-outcomes";
	private static final String TRIAL = "?organization=" + TrialDataset.ORGANIZATION;

	/** Tables 1 and 2 as published (§3), one decimal: the CSV rows exactly. */
	private static final List<String> TABLES_1_2 = List.of(
			"1,A,improved_1_grade,6,5,0,83.3,43.7,97.0,",
			"1,B,improved_1_grade,2,2,0,100.0,34.2,100.0,",
			"1,C,improved_1_grade,5,5,0,100.0,56.6,100.0,",
			"1,all,improved_1_grade,13,12,0,92.3,66.7,98.6,",
			"2,A,improved_2_grades,6,2,0,33.3,9.7,70.0,",
			"2,B,improved_2_grades,2,1,0,50.0,9.5,90.6,",
			"2,C,improved_2_grades,5,0,0,0.0,0.0,43.5,",
			"2,all,improved_2_grades,13,3,0,23.1,8.2,50.3,");

	/** Tables 3 and 4 as published: measure → baseline → mean, SD, low, high. */
	private static final Map<String, double[][]> TABLES_3_4 = Map.of(
			"motor", new double[][] {{6.5, 7.4, -1.3, 14.3}, {32.0, 35.4, -285.7, 349.7}, {45.8, 8.3, 35.5, 56.1}, {25.5, 22.6, 11.9, 39.2}},
			"light_touch", new double[][] {{21.7, 12.1, 9.0, 34.3}, {24.5, 33.2, -274.1, 323.1}, {14.2, 15.4, -4.9, 33.3}, {19.2, 15.8, 9.7, 28.8}},
			"pin_prick", new double[][] {{18.8, 15.4, 2.7, 35.0}, {25.5, 30.4, -247.7, 298.7}, {11.2, 14.3, -6.6, 29.0}, {16.9, 16.5, 7.0, 26.9}},
			"isncsci_total", new double[][] {{47.0, 33.0, 12.3, 81.7}, {82.0, 99.0, -807.4, 971.4}, {71.2, 26.7, 38.0, 104.4}, {61.7, 41.5, 36.6, 86.8}},
			"scim_total", new double[][] {{3.3, 3.1, 0.1, 6.6}, {9.5, 10.6, -85.8, 104.8}, {62.8, 22.8, 34.5, 91.1}, {27.2, 32.4, 7.6, 46.7}});
	private static final List<String> STRATA = List.of("A", "B", "C", "all");

	@BeforeEach
	void loadTrial() {
		loadTrialDataset();
	}

	@Test
	void csvReproducesTables1And2ExactlyAnd3And4ToOneDecimal() {
		FhirHttp.Response csv = http.get(OUTCOMES + TRIAL + "&_format=text/csv", "*/*");
		assertThat(csv.status()).as(csv.body()).isEqualTo(200);
		assertThat(csv.contentType()).startsWith("text/csv").containsIgnoringCase("charset=utf-8");
		List<String> lines = csv.body().lines().toList();
		assertThat(lines.get(0)).isEqualTo("table,baseline_ais,measure,n,numerator,missing,value,ci_low,ci_high,sd");
		assertThat(lines.subList(1, 9)).containsExactlyElementsOf(TABLES_1_2);
		Map<String, List<String>> byKey = lines.stream().skip(9).map(l -> Arrays.asList(l.split(",", -1)))
				.collect(Collectors.toMap(c -> c.get(2) + "/" + c.get(1), c -> c));
		TABLES_3_4.forEach((measure, published) -> {
			for (int s = 0; s < STRATA.size(); s++) {
				List<String> row = byKey.get(measure + "/" + STRATA.get(s));
				assertThat(row.get(0)).isEqualTo(measure.equals("scim_total") ? "4" : "3");
				assertThat(row.get(4)).as("no numerator for a mean").isEmpty();
				assertThat(row.get(5)).isEqualTo("0");
				double[] cells = {Double.parseDouble(row.get(6)), Double.parseDouble(row.get(9)), Double.parseDouble(row.get(7)), Double.parseDouble(row.get(8))};
				assertThat(cells).as(measure + " " + STRATA.get(s)).containsExactly(published[s]);
			}
		});
	}

	@Test
	void measureReportCarriesCountsScoresIntervalsAndStrata() {
		FhirHttp.Response response = http.get(OUTCOMES + TRIAL);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		MeasureReport report = response.resource(MeasureReport.class);
		assertThat(report.getMeasure()).isEqualTo(OutcomeReport.MEASURE);
		assertThat(report.getGroup()).hasSize(7);
		MeasureReportGroupComponent improved = report.getGroupFirstRep();
		assertThat(improved.getCode().getCodingFirstRep().getCode()).isEqualTo("improved-1-grade");
		assertThat(count(improved, "numerator")).isEqualTo(12);
		assertThat(count(improved, "denominator")).isEqualTo(13);
		assertThat(improved.getMeasureScore().getValue().doubleValue()).isCloseTo(92.31, within(0.01));
		Range interval = (Range) improved.getExtensionByUrl(OutcomeReport.INTERVAL).getValue();
		assertThat(interval.getLow().getValue().doubleValue()).isCloseTo(66.69, within(0.01));
		MeasureReport.StratifierGroupComponent a = improved.getStratifierFirstRep().getStratum().get(0);
		assertThat(a.getValue().getCodingFirstRep().getCode()).isEqualTo("A");
		assertThat(a.getPopulation()).filteredOn(p -> p.getCode().getCodingFirstRep().getCode().equals("numerator"))
				.extracting(MeasureReport.StratifierGroupPopulationComponent::getCount).containsExactly(5);
		MeasureReportGroupComponent scim = report.getGroup().get(6);
		assertThat(scim.getCode().getCodingFirstRep().getCode()).isEqualTo("scim-total");
		assertThat(scim.getMeasureScore().getValue().doubleValue()).isCloseTo(27.2, within(0.05));
		Extension sd = scim.getExtensionByUrl(OutcomeReport.SD);
		assertThat(Double.parseDouble(sd.getValue().primitiveValue())).isCloseTo(32.4, within(0.05));
	}

	@Test
	void loadingTheDatasetTwiceChangesNothing() {
		String before = http.get(OUTCOMES + TRIAL + "&_format=text/csv", "*/*").body();
		loadTrialDataset();
		assertThat(http.get(OUTCOMES + TRIAL + "&_format=text/csv", "*/*").body()).isEqualTo(before);
	}

	@Test
	void aTreatedPatientWithoutFollowUpIsCountedMissingAndAnEnteredInErrorInfusionNotAtAll() {
		String org = "outcomes-missing-site";
		assertThat(http.put("/fhir/Organization/" + org, "{\"resourceType\":\"Organization\",\"id\":\"" + org + "\",\"name\":\"x\"}").status()).isIn(200, 201);
		String base = "{\"resourceType\":\"Patient\",\"id\":\"%s\",\"gender\":\"male\",\"birthDate\":\"1970-01-01\",\"managingOrganization\":{\"reference\":\"Organization/" + org + "\"}}";
		for (String id : List.of("no-follow-up", "infusion-in-error")) {
			assertThat(http.put("/fhir/Patient/" + id, String.format(base, id)).status()).isIn(200, 201);
			put("Condition", id + "-sci", "{\"resourceType\":\"Condition\",\"code\":{\"coding\":[{\"system\":\"http://hl7.org/fhir/sid/icd-10\",\"code\":\"S14.1\"}]},"
					+ "\"subject\":{\"reference\":\"Patient/" + id + "\"},\"onsetDateTime\":\"2025-01-01\"}");
			put("Observation", id + "-ais", "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"97843-7\"}]},"
					+ "\"subject\":{\"reference\":\"Patient/" + id + "\"},\"effectiveDateTime\":\"2025-02-10T09:00:00+09:00\","
					+ "\"valueCodeableConcept\":{\"coding\":[{\"system\":\"https://stemirac-cds.org/fhir/CodeSystem/ais-grade\",\"code\":\"A\"}]}}");
		}
		put("MedicationAdministration", "no-follow-up-infusion", administration("no-follow-up", "completed"));
		put("MedicationAdministration", "infusion-in-error-infusion", administration("infusion-in-error", "entered-in-error"));
		List<String> lines = http.get(OUTCOMES + "?organization=Organization/" + org + "&_format=text/csv", "text/csv").body().lines().toList();
		assertThat(lines).contains("1,A,improved_1_grade,0,0,1,,,,", "1,all,improved_1_grade,0,0,1,,,,", "3,A,motor,0,,1,,,,");
	}

	@Test
	void aServerOrOrganisationWithoutTreatedPatientsGetsAnEmptyReportNotAnError() {
		FhirHttp.Response response = http.get(OUTCOMES + "?organization=nobody-here");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		MeasureReport report = response.resource(MeasureReport.class);
		assertThat(report.getGroup()).hasSize(7).allSatisfy(g -> {
			assertThat(g.hasMeasureScore()).isFalse();
			assertThat(g.getPopulation()).allSatisfy(p -> assertThat(p.getCount()).isZero());
		});
	}

	@Test
	void aWindowWithoutDataCountsEveryoneMissing() {
		List<String> lines = http.get(OUTCOMES + TRIAL + "&followUpDay=400&windowDays=10&_format=text/csv", "*/*").body().lines().toList();
		assertThat(lines).contains("1,all,improved_1_grade,0,0,13,,,,", "4,all,scim_total,0,,13,,,,");
	}

	@Test
	void theWindowDecidesWhichAssessmentIsTheFollowUp() {
		// day 200 ± 20 reaches the day-220 assessments; ± 10 does not
		assertThat(http.get(OUTCOMES + TRIAL + "&followUpDay=200&windowDays=20&_format=text/csv", "*/*").body())
				.contains("1,all,improved_1_grade,13,12,0,");
		assertThat(http.get(OUTCOMES + TRIAL + "&followUpDay=200&windowDays=10&_format=text/csv", "*/*").body())
				.contains("1,all,improved_1_grade,0,0,13,");
	}

	@Test
	void badParametersGet400WithAnOperationOutcome() {
		FhirHttp.Response unknown = http.get(OUTCOMES + "?followupday=220");
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.diagnostics()).contains("followupday", "unknown parameter");
		FhirHttp.Response window = http.get(OUTCOMES + "?windowDays=-1");
		assertThat(window.status()).isEqualTo(400);
		assertThat(window.diagnostics()).contains("windowDays");
		FhirHttp.Response wide = http.get(OUTCOMES + "?windowDays=100000");
		assertThat(wide.status()).isEqualTo(400);
		FhirHttp.Response day = http.get(OUTCOMES + "?followUpDay=0");
		assertThat(day.status()).isEqualTo(400);
		assertThat(day.diagnostics()).contains("followUpDay");
		FhirHttp.Response notANumber = http.get(OUTCOMES + "?followUpDay=soon");
		assertThat(notANumber.status()).isEqualTo(400);
		assertThat(notANumber.outcome()).isNotNull();
		FhirHttp.Response organization = http.get(OUTCOMES + "?organization=Patient/x");
		assertThat(organization.status()).isEqualTo(400);
		assertThat(organization.diagnostics()).contains("Organization/id");
	}

	private void put(String type, String id, String json) {
		String body = json.replaceFirst("\\{", "{\"id\":\"" + id + "\",");
		FhirHttp.Response response = http.put("/fhir/" + type + "/" + id, body);
		assertThat(response.status()).as(response.body()).isIn(200, 201);
	}

	private static String administration(String patient, String status) {
		return "{\"resourceType\":\"MedicationAdministration\",\"status\":\"" + status + "\",\"medicationCodeableConcept\":{\"coding\":[{\"system\":"
				+ "\"https://stemirac-cds.org/fhir/CodeSystem/stemirac-product\",\"code\":\"STEMIRAC\"}]},\"subject\":{\"reference\":\"Patient/" + patient
				+ "\"},\"effectiveDateTime\":\"2025-02-10T10:00:00+09:00\",\"dosage\":{\"dose\":{\"value\":1.0E8,\"system\":\"http://unitsofmeasure.org\",\"code\":\"{cells}\"}}}";
	}

	private static int count(MeasureReportGroupComponent group, String population) {
		return group.getPopulation().stream().filter(p -> p.getCode().getCodingFirstRep().getCode().equals(population))
				.findFirst().orElseThrow().getCount();
	}
}
