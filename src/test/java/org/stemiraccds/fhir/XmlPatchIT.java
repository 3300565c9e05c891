package org.stemiraccds.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * XML Patch is refused (415) before HAPI applies it, so an external entity in it reads no file (XXE); JSON
 * Patch and FHIRPath Patch still work, directly and in a transaction.
 */
class XmlPatchIT extends ServerTestBase {
	private static final String XML_PATCH = "application/xml-patch+xml";
	private static final String JSON_PATCH = "application/json-patch+json";

	private String marker;
	private Path secret;
	private String patientId;

	@BeforeEach
	void secretFileAndPatient() throws IOException {
		marker = "xxemarker" + UUID.randomUUID().toString().replace("-", "");
		secret = Files.createTempFile("xxe-secret", ".txt");
		Files.writeString(secret, marker);
		FhirHttp.Response created = http.post("/fhir/Patient",
				"{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Original\"}]}");
		assertThat(created.status()).isEqualTo(201);
		patientId = created.resource(Patient.class).getIdElement().getIdPart();
	}

	@AfterEach
	void removeSecret() throws IOException {
		Files.deleteIfExists(secret);
	}

	@Test
	void xmlPatchRequestIsRefusedAndReadsNoFile() {
		FhirHttp.Response response = RawRequest.of("PATCH", http, "/fhir/Patient/" + patientId)
				.body(XML_PATCH, xxePatch()).send();
		assertRefusedInJapanese(response);
		assertMarkerNowhere(response);
	}

	@Test
	void xmlPatchWithParametersAndEnglishIsRefused() {
		FhirHttp.Response response = RawRequest.of("PATCH", http, "/fhir/Patient/" + patientId)
				.header("Accept-Language", "en-US,en;q=0.9")
				.body(XML_PATCH + "; charset=UTF-8", xxePatch()).send();
		assertThat(response.status()).as(response.body()).isEqualTo(415);
		assertThat(response.diagnostics()).contains("XML Patch").contains("JSON Patch").contains("FHIRPath Patch");
		assertMarkerNowhere(response);
	}

	@Test
	void xmlPatchInATransactionIsRefusedBeforeAnyEntry() {
		FhirHttp.Response response = http.post("/fhir", bundleWithXmlPatch("transaction"));
		assertRefusedInJapanese(response);
		assertMarkerNowhere(response);
		assertThat(patientsWithIdentifier("transaction")).isZero();
	}

	@Test
	void xmlPatchInABatchIsRefusedBeforeAnyEntry() {
		FhirHttp.Response response = http.post("/fhir", bundleWithXmlPatch("batch"));
		assertRefusedInJapanese(response);
		assertMarkerNowhere(response);
		assertThat(patientsWithIdentifier("batch")).isZero();
	}

	@Test
	void jsonPatchStillWorks() {
		FhirHttp.Response response = RawRequest.of("PATCH", http, "/fhir/Patient/" + patientId)
				.body(JSON_PATCH, "[{\"op\":\"replace\",\"path\":\"/name/0/family\",\"value\":\"JsonPatched\"}]").send();
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(family()).isEqualTo("JsonPatched");
	}

	@Test
	void fhirPathPatchStillWorks() {
		String parameters = """
				{"resourceType":"Parameters","parameter":[{"name":"operation","part":[
				 {"name":"type","valueCode":"replace"},
				 {"name":"path","valueString":"Patient.name.family"},
				 {"name":"value","valueString":"FhirPathPatched"}]}]}""";
		FhirHttp.Response response = RawRequest.of("PATCH", http, "/fhir/Patient/" + patientId)
				.body(FhirHttp.FHIR_JSON, parameters).send();
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(family()).isEqualTo("FhirPathPatched");
	}

	@Test
	void jsonPatchInATransactionStillWorks() {
		String patch = "[{\"op\":\"replace\",\"path\":\"/name/0/family\",\"value\":\"TransactionPatched\"}]";
		String transaction = """
				{"resourceType":"Bundle","type":"transaction","entry":[{
				 "resource":{"resourceType":"Binary","contentType":"%s","data":"%s"},
				 "request":{"method":"PATCH","url":"Patient/%s"}}]}"""
				.formatted(JSON_PATCH, base64(patch), patientId);
		FhirHttp.Response response = http.post("/fhir", transaction);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(family()).isEqualTo("TransactionPatched");
	}

	/** RFC 5261 patch replacing the family name with the content of the secret file, as an external entity. */
	private String xxePatch() {
		return """
				<?xml version="1.0" encoding="UTF-8"?>
				<!DOCTYPE diff [<!ENTITY xxe SYSTEM "%s">]>
				<diff xmlns:fhir="http://hl7.org/fhir"><replace sel="fhir:Patient/fhir:name/fhir:family/@value">&xxe;</replace></diff>"""
				.formatted(secret.toUri());
	}

	/** A new Patient first (it must not be written), then the XML Patch as a Binary, as HAPI's processor reads it. */
	private String bundleWithXmlPatch(String type) {
		return """
				{"resourceType":"Bundle","type":"%s","entry":[
				 {"resource":{"resourceType":"Patient","identifier":[{"system":"urn:test:xml-patch","value":"%s"}]},
				  "request":{"method":"POST","url":"Patient"}},
				 {"resource":{"resourceType":"Binary","contentType":"%s","data":"%s"},
				  "request":{"method":"PATCH","url":"Patient/%s"}}]}"""
				.formatted(type, type + marker, XML_PATCH, base64(xxePatch()), patientId);
	}

	private void assertRefusedInJapanese(FhirHttp.Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(415);
		OperationOutcome.OperationOutcomeIssueComponent issue = response.outcome().getIssueFirstRep();
		assertThat(issue.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
		assertThat(issue.getCode()).isEqualTo(OperationOutcome.IssueType.NOTSUPPORTED);
		assertThat(response.diagnostics()).contains("XML Patch").contains("受け付けません").doesNotContain("Exception");
	}

	/** The file's content is not in the answer, the Patient, its history, nor found by a full-text search. */
	private void assertMarkerNowhere(FhirHttp.Response response) {
		assertThat(response.body()).doesNotContain(marker);
		FhirHttp.Response read = http.get("/fhir/Patient/" + patientId);
		assertThat(read.body()).doesNotContain(marker);
		assertThat(read.resource(Patient.class).getNameFirstRep().getFamily()).isEqualTo("Original");
		FhirHttp.Response history = http.get("/fhir/Patient/" + patientId + "/_history");
		assertThat(history.body()).doesNotContain(marker);
		assertThat(history.resource(Bundle.class).getEntry()).hasSize(1);
		FhirHttp.Response search = http.get("/fhir/Patient?_content=" + marker);
		assertThat(search.status()).isEqualTo(200);
		assertThat(search.resource(Bundle.class).getEntry()).isEmpty();
		assertThat(http.get("/fhir/_history").body()).doesNotContain(marker);
	}

	private int patientsWithIdentifier(String type) {
		return http.get("/fhir/Patient?identifier=urn:test:xml-patch|" + type + marker).resource(Bundle.class).getEntry().size();
	}

	private String family() {
		return http.get("/fhir/Patient/" + patientId).resource(Patient.class).getNameFirstRep().getFamily();
	}

	private static String base64(String text) {
		return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}
}
