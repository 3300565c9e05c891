package org.stemiraccds.cds.operations;

import org.stemiraccds.cds.DemoOrders;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stemiraccds.fhir.FhirHttp;
import org.stemiraccds.fhir.ServerTestBase;

/** Patient/{id}/$stemirac-evaluate over HTTP on the demo patients, evaluated at 2026-11-25 10:00 JST. */
class StemiracEvaluateIT extends ServerTestBase {
	private static final String AT = "2026-11-25T10:00:00+09:00";

	@BeforeEach
	void loadDemo() {
		loadDemoBundle();
	}

	@Test
	void aisDPatientIsNotEligibleAndTheClaimRemarksAreWritten() {
		Parameters result = evaluate("demo-ais-d", DemoOrders.stemirac("demo-ais-d"), null);
		assertThat(ruleIds(result)).contains("IND-AIS-NOT-ELIGIBLE", "MON-INFUSION");
		DetectedIssue notEligible = issue(result, "IND-AIS-NOT-ELIGIBLE");
		assertThat(notEligible.getSeverity()).isEqualTo(DetectedIssue.DetectedIssueSeverity.HIGH);
		assertThat(notEligible.getCode().getCodingFirstRep().getDisplay()).isEqualTo("AISがA・B・C以外（適応外）");
		assertThat(notEligible.getImplicated()).extracting(r -> r.getReference()).contains("Observation/demo-ais-d-ais-pre");
		assertThat(result.getParameter("claimRemarks").getValue().primitiveValue())
				.contains("医師要件ア", "初回末梢血採取時AIS：C", "投与直前AIS：D");
	}

	@Test
	void englishWhenTheRequestPrefersIt() {
		FhirHttp.Response response = http.post("/fhir/Patient/demo-ais-d/$stemirac-evaluate",
				encode(parameters(DemoOrders.stemirac("demo-ais-d"), null)), FhirHttp.FHIR_JSON, "en-US,en;q=0.9");
		DetectedIssue issue = issue(response.resource(Parameters.class), "IND-AIS-NOT-ELIGIBLE");
		assertThat(issue.getCode().getCodingFirstRep().getDisplay()).isEqualTo("AIS is not A, B or C");
	}

	@Test
	void eligiblePatientGetsNoWarnings() {
		Parameters result = evaluate("demo-eligible", DemoOrders.stemirac("demo-eligible"), null);
		assertThat(result.getParameter().stream().filter(p -> p.getName().equals("issue"))
				.map(p -> ((DetectedIssue) p.getResource()).getSeverity()))
				.containsOnly(DetectedIssue.DetectedIssueSeverity.LOW);
	}

	@Test
	void patientViewOfAnUnrelatedPatientFindsNothing() {
		String id = http.post("/fhir/Patient", "{\"resourceType\":\"Patient\",\"gender\":\"male\",\"birthDate\":\"1970-01-01\"}")
				.resource(Patient.class).getIdElement().getIdPart();
		assertThat(ruleIds(evaluate(id, null, null))).isEmpty();
	}

	@Test
	void badInputGets4xxWithAnOperationOutcome() {
		FhirHttp.Response unknownPatient = http.post("/fhir/Patient/nobody/$stemirac-evaluate", encode(parameters(null, null)));
		assertThat(unknownPatient.status()).isEqualTo(404);
		FhirHttp.Response unknownHook = http.post("/fhir/Patient/demo-ais-d/$stemirac-evaluate",
				encode(parameters(null, "order-dispatch")));
		assertThat(unknownHook.status()).isEqualTo(400);
		assertThat(unknownHook.diagnostics()).contains("order-dispatch");
		Parameters wrongOrderType = new Parameters();
		wrongOrderType.addParameter().setName("order").setResource(new Patient().setGender(org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.MALE));
		FhirHttp.Response wrongOrder = http.post("/fhir/Patient/demo-ais-d/$stemirac-evaluate", encode(wrongOrderType));
		assertThat(wrongOrder.status()).isEqualTo(400);
		assertThat(wrongOrder.diagnostics()).contains("MedicationRequest or ServiceRequest");
	}

	private Parameters evaluate(String patientId, MedicationRequest order, String hook) {
		FhirHttp.Response response = http.post("/fhir/Patient/" + patientId + "/$stemirac-evaluate", encode(parameters(order, hook)));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.resource(Parameters.class);
	}

	private static Parameters parameters(MedicationRequest order, String hook) {
		Parameters parameters = new Parameters();
		if (order != null) parameters.addParameter().setName("order").setResource(order);
		if (hook != null) parameters.addParameter().setName("hook").setValue(new CodeType(hook));
		parameters.addParameter().setName("at").setValue(new DateTimeType(AT));
		return parameters;
	}

	private static String encode(Parameters parameters) {
		return FhirHttp.R4.newJsonParser().encodeResourceToString(parameters);
	}

	private static List<String> ruleIds(Parameters result) {
		return result.getParameter().stream()
				.filter(p -> p.getName().equals("issue"))
				.map(p -> ((DetectedIssue) p.getResource()).getCode().getCodingFirstRep().getCode())
				.toList();
	}

	private static DetectedIssue issue(Parameters result, String ruleId) {
		return result.getParameter().stream()
				.filter(p -> p.getName().equals("issue"))
				.map(p -> (DetectedIssue) p.getResource())
				.filter(i -> i.getCode().getCodingFirstRep().getCode().equals(ruleId))
				.findFirst()
				.orElseThrow();
	}
}
