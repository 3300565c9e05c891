package org.stemiraccds.errors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.stemiraccds.fhir.FhirHttp;
import org.stemiraccds.fhir.ServerTestBase;

/** The error answers one by one: shape, status, language, and that nothing was stored. Each failed before (500, HTML or Java names). */
class ErrorAnswersIT extends ServerTestBase {
	private static final ObjectMapper JSON = new ObjectMapper();

	@Test
	void fhirErrorTextFollowsAcceptLanguage() throws Exception {
		FuzzHttp raw = new FuzzHttp(port);
		FuzzCase japanese = FuzzCase.of("lang", "GET", "/fhir/Patient?birthdate=yesterday").build();
		FuzzCase english = FuzzCase.of("lang", "GET", "/fhir/Patient?birthdate=yesterday").header("Accept-Language", "en-GB,en;q=0.9,ja;q=0.5").build();
		assertThat(detailsText(raw.send(japanese))).isEqualTo("リクエストが不正です");
		assertThat(detailsText(raw.send(english))).isEqualTo("Invalid request");
	}

	@Test
	void cdsErrorMessageFollowsAcceptLanguage() throws Exception {
		FuzzHttp raw = new FuzzHttp(port);
		FuzzCase.Builder call = FuzzCase.of("lang", "POST", "/cds-services/stemirac-patient-view").header("Content-Type", "text/plain");
		JsonNode japanese = cdsError(raw.send(FuzzCase.of("lang", "POST", "/cds-services/stemirac-patient-view").body("{").build()), 400);
		JsonNode english = cdsError(raw.send(call.header("Accept-Language", "en").body("{").build()), 400);
		assertThat(japanese.get("message").asText()).isEqualTo("リクエストの JSON を解析できません");
		assertThat(english.get("message").asText()).isEqualTo("The request body is not valid JSON");
	}

	@Test
	void aTransactionWithoutBodyIsA400() throws Exception {
		FuzzHttp.Answer empty = new FuzzHttp(port).send(FuzzCase.of("tx", "POST", "/fhir").header("Accept", "bogus/type").build());
		FuzzHttp.Answer blank = new FuzzHttp(port).send(FuzzCase.of("tx", "POST", "/fhir").header("Content-Type", "application/fhir+json")
				.header("Accept-Language", "en").body("  ").build());
		assertThat(empty.status()).isEqualTo(400);
		assertThat(ErrorShapes.isOperationOutcome(empty)).isTrue();
		assertThat(blank.status()).isEqualTo(400);
		assertThat(blank.body()).contains("A transaction or batch needs a Bundle in the request body");
		FuzzHttp.Answer bundle = new FuzzHttp(port).send(FuzzCase.of("tx", "POST", "/fhir").header("Content-Type", "application/fhir+json")
				.body("{\"resourceType\":\"Bundle\",\"type\":\"batch\"}").build());
		assertThat(bundle.status()).isEqualTo(200);
	}

	@Test
	void postToTheErrorPathIsA404InJson() throws Exception {
		FuzzHttp.Answer answer = new FuzzHttp(port).send(FuzzCase.of("error", "POST", "/error").body("x").build());
		assertThat(cdsError(answer, 404).get("error").asText()).isEqualTo("not-found");
	}

	@Test
	void badPercentEncodingUnderFhirIsAnOperationOutcome() throws Exception {
		FuzzHttp.Answer answer = new FuzzHttp(port).send(FuzzCase.raw("raw",
				"GET /fhir/Patient?name=%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
		assertThat(answer.status()).isEqualTo(400);
		assertThat(ErrorShapes.isOperationOutcome(answer)).as(answer.body()).isTrue();
	}

	@Test
	void malformedRequestLineIsJsonNotTomcatHtml() throws Exception {
		FuzzHttp.Answer answer = new FuzzHttp(port).send(FuzzCase.raw("raw",
				"G(T /fhir/metadata HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.contentType()).contains("json");
		assertThat(answer.body()).doesNotContainIgnoringCase("<html").doesNotContain("Tomcat");
	}

	@Test
	void unknownMethodIs405InJson() throws Exception {
		FuzzHttp.Answer answer = new FuzzHttp(port).send(FuzzCase.of("method", "PROPFIND", "/fhir/Patient").build());
		assertThat(answer.status()).isEqualTo(405);
		assertThat(ErrorShapes.isOperationOutcome(answer)).as(answer.body()).isTrue();
	}

	@Test
	void cdsCallWithoutContentTypeOrWithTextPlainIsA4xxJsonError() throws Exception {
		FuzzHttp raw = new FuzzHttp(port);
		for (String contentType : new String[] {null, "text/plain", "application/xml", ";;;"}) {
			FuzzHttp.Answer answer = raw.send(FuzzCase.of("cds", "POST", "/cds-services/stemirac-order-sign")
					.header("Content-Type", contentType).body("hello").build());
			assertThat(answer.status()).as(contentType + ": " + answer.body()).isBetween(400, 499);
			assertThat(ErrorShapes.isCdsError(answer)).as(answer.body()).isTrue();
		}
	}

	@Test
	void extensionOfTheWrongJsonTypeIsA400AndNothingIsStored() {
		String body = "{\"resourceType\":\"Patient\",\"identifier\":[{\"system\":\"urn:errors\",\"value\":\"wrong-type\"}],\"extension\":[[{}]]}";
		FhirHttp.Response response = http.post("/fhir/Patient", body);
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertClean(response.body());
		assertThat(patients("wrong-type")).isEmpty();
	}

	@Test
	void loneSurrogateIsA400AndNothingIsStored() {
		String body = "{\"resourceType\":\"Patient\",\"identifier\":[{\"system\":\"urn:errors\",\"value\":\"surrogate\"}],"
				+ "\"name\":[{\"text\":\"\\ud800\"}]}";
		FhirHttp.Response response = http.post("/fhir/Patient", body);
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertClean(response.body());
		assertThat(patients("surrogate")).isEmpty();
	}

	@Test
	void deeplyNestedExtensionIsA400WithAnIssue() {
		int depth = 999;
		String body = "{\"resourceType\":\"Patient\",\"identifier\":[{\"system\":\"urn:errors\",\"value\":\"deep\"}],\"extension\":["
				+ "{\"url\":\"http://x/e\",\"extension\":[".repeat(depth) + "{\"url\":\"http://x/e\",\"valueString\":\"x\"}"
				+ "]}".repeat(depth) + "]}";
		FhirHttp.Response response = http.post("/fhir/Patient", body);
		assertThat(response.status()).as(response.body()).isBetween(400, 499);
		assertThat(response.outcome().getIssueFirstRep().getDetails().getText()).isNotBlank();
		assertClean(response.body());
		assertThat(patients("deep")).isEmpty();
	}

	@Test
	void negativeOffsetAndNonNumericVersionAre400() {
		assertThat(http.get("/fhir/Patient?_offset=-5").status()).isEqualTo(400);
		FhirHttp.Response response = http.get("/fhir/Patient/fuzz-nobody/_history/abc");
		assertThat(response.status()).isEqualTo(400);
		assertClean(response.body());
	}

	@Test
	void htmlAcceptStillGetsAnOperationOutcome() {
		FhirHttp.Response response = http.get("/fhir/Patient?birthdate=yesterday", "text/html");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).startsWith("{\"resourceType\":\"OperationOutcome\"");
	}

	@Test
	void traceIsRefusedInTheShapeOfItsPath() throws Exception {
		FuzzHttp raw = new FuzzHttp(port);
		FuzzHttp.Answer fhir = raw.send(FuzzCase.of("method", "TRACE", "/fhir/Patient/fuzz-patient").build());
		assertThat(fhir.status()).isEqualTo(405);
		assertThat(ErrorShapes.isOperationOutcome(fhir)).as(fhir.body()).isTrue();
		assertThat(cdsError(raw.send(FuzzCase.of("method", "TRACE", "/cds-services").build()), 405).get("error").asText())
				.isEqualTo("method-not-allowed");
	}

	@Test
	void aBrowsersReadOfAnUnknownResourceIsAnOperationOutcomeNotAnHtmlPage() throws Exception {
		FuzzHttp.Answer answer = new FuzzHttp(port).send(FuzzCase.of("negotiation", "GET", "/fhir/Patient/errors-nobody")
				.header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8").header("Accept-Charset", "utf-16").build());
		assertThat(answer.status()).isEqualTo(404);
		assertThat(answer.contentType()).doesNotContain("html");
		assertThat(ErrorShapes.isOperationOutcome(answer)).as(answer.body()).isTrue();
	}

	@Test
	void aReferenceWithAnEmptyPathSegmentIsA400AndNothingIsStored() throws Exception {
		for (String reference : new String[] {"Patient//fuzz-patient", "/fuzz-patient", "http://example.org/fhir/Patient//x"}) {
			com.fasterxml.jackson.databind.node.ObjectNode episode = (com.fasterxml.jackson.databind.node.ObjectNode)
					JSON.readTree(org.stemiraccds.conformance.Examples.read(org.stemiraccds.conformance.Examples.ROOT.resolve("valid/stemirac-registry-episode.json")));
			episode.remove("id");
			episode.putArray("identifier").addObject().put("system", "urn:errors").put("value", "empty-segment");
			episode.with("patient").put("reference", reference);
			FhirHttp.Response response = http.post("/fhir/EpisodeOfCare", episode.toString());
			assertThat(response.status()).as(reference + ": " + response.body()).isEqualTo(400);
			assertThat(response.outcome().getIssueFirstRep().getDiagnostics()).contains("empty path segment");
			assertClean(response.body());
		}
		assertThat(http.get("/fhir/EpisodeOfCare?identifier=urn:errors|empty-segment").resource(Bundle.class).getEntry()).isEmpty();
	}

	@Test
	void aFhirPathPatchThatIsNotParametersIsA400AndThePatientUnchanged() {
		String patient = "{\"resourceType\":\"Patient\",\"id\":\"errors-patch\",\"gender\":\"female\"}";
		assertThat(http.put("/fhir/Patient/errors-patch", patient).status()).isIn(200, 201);
		FhirHttp.Response response = http.send("PATCH", "/fhir/Patient/errors-patch",
				"{\"resourceType\":\"Patient\",\"gender\":\"male\"}", FhirHttp.FHIR_JSON, java.util.Map.of("Accept-Language", "en"));
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.diagnostics()).contains("FHIRPath Patch").contains("Parameters");
		assertClean(response.body());
		assertThat(http.get("/fhir/Patient/errors-patch").resource(org.hl7.fhir.r4.model.Patient.class).getGender().toCode()).isEqualTo("female");
	}

	@Test
	void anEscapedSpaceInThePathIsA400OperationOutcome() throws Exception {
		for (String path : new String[] {"/fhir/fhir/%20/_history/StructureDefinition/", "/fhir/Patient/%20/_history/1", "/fhir/Patient/a%0Ab"}) {
			FuzzHttp.Answer answer = new FuzzHttp(port).send(FuzzCase.of("paths", "GET", path).build());
			assertThat(answer.status()).as(path).isEqualTo(400);
			assertThat(ErrorShapes.isOperationOutcome(answer)).as(answer.body()).isTrue();
			assertThat(answer.body()).contains("escaped space");
		}
	}

	@Test
	void aCdsCallFromAnOriginNotAllowedIsA403JsonError() throws Exception {
		FuzzHttp raw = new FuzzHttp(port);
		FuzzHttp.Answer preflight = raw.send(FuzzCase.of("cors", "OPTIONS", "/cds-services/stemirac-patient-view")
				.header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST").build());
		assertThat(cdsError(preflight, 403).get("error").asText()).isEqualTo("forbidden");
		FuzzHttp.Answer discovery = raw.send(FuzzCase.of("cors", "GET", "/cds-services")
				.header("Origin", "https://evil.example").header("Accept-Language", "en").build());
		assertThat(cdsError(discovery, 403).get("detail").asText()).isEqualTo(JsonCorsProcessor.DETAIL);
		assertThat(discovery.body()).doesNotContain("services");
	}

	private java.util.List<Bundle.BundleEntryComponent> patients(String identifier) {
		return http.get("/fhir/Patient?identifier=urn:errors|" + identifier).resource(Bundle.class).getEntry();
	}

	private static void assertClean(String body) {
		assertThat(FuzzRun.JAVA_NAMES.matcher(body).find()).as(body).isFalse();
	}

	private static String detailsText(FuzzHttp.Answer answer) {
		assertThat(answer.status()).isEqualTo(400);
		OperationOutcome outcome = FhirHttp.R4.newJsonParser().parseResource(OperationOutcome.class, answer.body());
		return outcome.getIssueFirstRep().getDetails().getText();
	}

	private static JsonNode cdsError(FuzzHttp.Answer answer, int status) throws Exception {
		assertThat(answer.status()).as(answer.body()).isEqualTo(status);
		assertClean(answer.body());
		JsonNode error = JSON.readTree(answer.body().getBytes(StandardCharsets.UTF_8));
		assertThat(error.get("status").asInt()).isEqualTo(status);
		return error;
	}
}
