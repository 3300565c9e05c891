package org.stemiraccds.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stemiraccds.conformance.Examples;

/** FHIR REST as integrators use it: CRUD, search, history, bundles, operations, formats, terminology (full-text search: FullTextSearchIT). */
class FhirServerIT extends ServerTestBase {
	private static final String REMOTE = "https://stemirac-cds.org/fhir";

	@BeforeEach
	void loadDemo() {
		loadDemoBundle();
	}

	@Test
	void capabilityStatementListsOurProfiles() {
		CapabilityStatement capabilities = http.get("/fhir/metadata").resource(CapabilityStatement.class);
		List<String> observationProfiles = capabilities.getRestFirstRep().getResource().stream()
				.filter(r -> r.getType().equals("Observation"))
				.flatMap(r -> r.getSupportedProfile().stream())
				.map(p -> p.getValue())
				.toList();
		assertThat(observationProfiles).contains(REMOTE + "/StructureDefinition/ais-observation",
				REMOTE + "/StructureDefinition/isncsci-score-observation");
	}

	@Test
	void openApiDescribesTheServer() {
		FhirHttp.Response docs = http.get("/fhir/api-docs", "application/json");
		assertThat(docs.status()).isEqualTo(200);
		assertThat(docs.body()).contains("openapi: 3").contains("/Patient/{id}");
	}

	@Test
	void createReadUpdateHistoryDelete() {
		String body = "{\"resourceType\":\"Patient\",\"gender\":\"female\",\"birthDate\":\"1990-01-01\"}";
		FhirHttp.Response created = http.post("/fhir/Patient", body);
		assertThat(created.status()).isEqualTo(201);
		String id = created.resource(Patient.class).getIdElement().getIdPart();

		Patient read = http.get("/fhir/Patient/" + id).resource(Patient.class);
		assertThat(read.getBirthDateElement().getValueAsString()).isEqualTo("1990-01-01");

		String updated = "{\"resourceType\":\"Patient\",\"id\":\"" + id + "\",\"gender\":\"female\",\"birthDate\":\"1991-02-02\"}";
		assertThat(http.put("/fhir/Patient/" + id, updated).status()).isEqualTo(200);
		Bundle history = http.get("/fhir/Patient/" + id + "/_history").resource(Bundle.class);
		assertThat(history.getEntry()).hasSize(2);

		assertThat(http.delete("/fhir/Patient/" + id).status()).isEqualTo(200);
		assertThat(http.get("/fhir/Patient/" + id).status()).isEqualTo(410);
	}

	@Test
	void searchWithStandardParametersChainingAndInclude() {
		Bundle ais = http.get("/fhir/Observation?code=http://loinc.org|97843-7&subject.family=山田&_sort=date")
				.resource(Bundle.class);
		assertThat(ais.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart())
				.containsExactly("demo-eligible-ais-screening", "demo-eligible-ais-first-blood", "demo-eligible-ais-pre");

		Bundle roles = http.get("/fhir/PractitionerRole?_id=demo-role&_include=PractitionerRole:practitioner")
				.resource(Bundle.class);
		assertThat(roles.getEntry()).extracting(e -> e.getResource().fhirType())
				.containsExactlyInAnyOrder("PractitionerRole", "Practitioner");

		Bundle older = http.get("/fhir/Patient?birthdate=lt1970-01-01").resource(Bundle.class);
		assertThat(older.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart())
				.containsExactly("demo-contraindicated");
	}

	@Test
	void patientEverythingReturnsThePatientsRecord() {
		Bundle everything = http.get("/fhir/Patient/demo-eligible/$everything?_count=100").resource(Bundle.class);
		assertThat(everything.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart())
				.contains("demo-eligible", "demo-eligible-sci", "demo-eligible-ais-pre", "demo-eligible-bm",
						"demo-eligible-consent")
				.doesNotContain("demo-ais-d", "demo-ais-d-sci");
	}

	@Test
	void batchAnswersEachEntryOnItsOwn() {
		String batch = """
				{"resourceType":"Bundle","type":"batch","entry":[
				 {"request":{"method":"GET","url":"Patient/demo-eligible"}},
				 {"request":{"method":"GET","url":"Patient/does-not-exist"}}]}""";
		Bundle response = http.post("/fhir", batch).resource(Bundle.class);
		assertThat(response.getEntry()).extracting(e -> e.getResponse().getStatus().substring(0, 3))
				.containsExactly("200", "404");
	}

	@Test
	void xmlInAndOut() {
		FhirHttp.Response xml = http.get("/fhir/Patient/demo-ais-d", "application/fhir+xml");
		assertThat(xml.contentType()).contains("xml");
		assertThat(xml.resource(Patient.class).getGender().toCode()).isEqualTo("female");
		String patientXml = "<Patient xmlns=\"http://hl7.org/fhir\"><gender value=\"male\"/><birthDate value=\"2001-03-04\"/></Patient>";
		assertThat(http.post("/fhir/Patient", patientXml, "application/fhir+xml").status()).isEqualTo(201);
	}

	@Test
	void terminologyOperationsWorkOnOurContent() {
		ValueSet expansion = http.get("/fhir/ValueSet/$expand?url=" + REMOTE + "/ValueSet/sci-traumatic")
				.resource(ValueSet.class);
		assertThat(expansion.getExpansion().getContains()).extracting(c -> c.getCode()).contains("S14.1", "90584004");

		Parameters valid = http.get("/fhir/ValueSet/$validate-code?url=" + REMOTE + "/ValueSet/ais-grade&system="
				+ REMOTE + "/CodeSystem/ais-grade&code=B").resource(Parameters.class);
		assertThat(valid.getParameterBool("result")).isTrue();
		Parameters invalid = http.get("/fhir/ValueSet/$validate-code?url=" + REMOTE + "/ValueSet/ais-grade&system="
				+ REMOTE + "/CodeSystem/ais-grade&code=F").resource(Parameters.class);
		assertThat(invalid.getParameterBool("result")).isFalse();

		Parameters lookup = http.get("/fhir/CodeSystem/$lookup?system=" + REMOTE
				+ "/CodeSystem/physician-requirement&code=req-a").resource(Parameters.class);
		assertThat(lookup.getParameterValue("display").primitiveValue()).isEqualTo("医師要件ア");
	}

	@Test
	void demoBundleLoadsAgainWithoutNewVersions() {
		Bundle again = http.post("/fhir", Examples.read(Examples.DEMO_BUNDLE)).resource(Bundle.class);
		assertThat(again.getEntry()).allSatisfy(e -> assertThat(e.getResponse().getStatus()).startsWith("200"));
		assertThat(http.get("/fhir/Patient/demo-eligible").resource(Patient.class).getMeta().getVersionId())
				.isEqualTo("1");
		assertThat(http.get("/fhir/Patient?identifier=demo-eligible&_summary=count").resource(Bundle.class).getTotal())
				.isEqualTo(1);
	}
}
