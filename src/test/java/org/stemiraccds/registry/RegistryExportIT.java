package org.stemiraccds.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stemiraccds.cds.facts.FactsAssembler;
import org.stemiraccds.cds.writes.StemiracAdministrations;
import org.stemiraccds.fhir.FhirHttp;
import org.stemiraccds.fhir.ServerTestBase;

/**
 * The registry export end to end (security off): treated patients written through /fhir are in the Group the server
 * keeps, and the Group's Bulk Data export returns their data set as NDJSON; patients not treated (an administration
 * entered in error) are not. Bad kick-offs are 4xx OperationOutcomes.
 */
class RegistryExportIT extends ServerTestBase {
	static final String TYPES = "Patient,Condition,Observation,Procedure,ServiceRequest,MedicationRequest,"
			+ "MedicationAdministration,Consent,EpisodeOfCare,DetectedIssue,AdverseEvent";
	private static final String GIVEN_AT = "2026-11-25T10:00:00+09:00";

	private BulkExportClient bulk;

	@BeforeEach
	void client() {
		bulk = new BulkExportClient(port, null);
	}

	@Test
	void theTreatedCohortIsExportedWithItsDataSet() throws InterruptedException {
		loadDemoBundle();
		String eligibleGiven = administer("demo-eligible", MedicationAdministration.MedicationAdministrationStatus.COMPLETED);
		administer("demo-contraindicated", MedicationAdministration.MedicationAdministrationStatus.INPROGRESS);
		administer("demo-ais-d", MedicationAdministration.MedicationAdministrationStatus.ENTEREDINERROR);
		String adverseEvent = created(http.post("/fhir/AdverseEvent", FhirHttp.R4.newJsonParser().encodeResourceToString(
				new AdverseEvent().setActuality(AdverseEvent.AdverseEventActuality.ACTUAL)
						.setSubject(new Reference("Patient/demo-eligible")).setDateElement(new DateTimeType(GIVEN_AT)))));

		assertThat(members()).contains("demo-eligible", "demo-contraindicated").doesNotContain("demo-ais-d");

		List<Resource> exported = export("/fhir/Group/stemirac-treated/$export?_type=" + TYPES);
		Set<String> ids = ids(exported);
		assertThat(ids).contains("Patient/demo-eligible", "Condition/demo-eligible-sci",
				"Observation/demo-eligible-ais-screening", "Observation/demo-eligible-ais-first-blood",
				"Observation/demo-eligible-ais-pre", "Procedure/demo-eligible-pb-1", "Procedure/demo-eligible-bm",
				"Consent/demo-eligible-consent", "EpisodeOfCare/demo-eligible-registry", eligibleGiven, adverseEvent,
				"Patient/demo-contraindicated", "Condition/demo-contraindicated-malignancy");
		assertThat(exported).filteredOn(r -> r instanceof org.hl7.fhir.r4.model.DetectedIssue)
				.as("the findings of the administrations").isNotEmpty();
		assertThat(ids).as("not treated: its administration was entered in error")
				.noneMatch(id -> id.contains("demo-ais-d"));
	}

	@Test
	void sinceLeavesOutWhatWasNotChanged() throws InterruptedException {
		loadDemoBundle();
		administer("demo-eligible", MedicationAdministration.MedicationAdministrationStatus.COMPLETED);
		Instant since = Instant.now();
		Thread.sleep(1000);
		String adverseEvent = created(http.post("/fhir/AdverseEvent", FhirHttp.R4.newJsonParser().encodeResourceToString(
				new AdverseEvent().setActuality(AdverseEvent.AdverseEventActuality.ACTUAL)
						.setSubject(new Reference("Patient/demo-eligible")))));

		Set<String> ids = ids(export("/fhir/Group/stemirac-treated/$export?_type=" + TYPES + "&_since=" + since));
		assertThat(ids).contains(adverseEvent).doesNotContain("Condition/demo-eligible-sci", "Observation/demo-eligible-ais-pre");
	}

	@Test
	void theCohortFollowsCorrections() {
		StemiracAdministrations administrations = new StemiracAdministrations(http);
		loadDemoBundle();
		String patient = administrations.newPatient("registry-corrected");
		MedicationAdministration given = StemiracAdministrations.administration(patient, GIVEN_AT);
		String id = created(http.post("/fhir/MedicationAdministration", FhirHttp.R4.newJsonParser().encodeResourceToString(given)));
		assertThat(members()).contains(patient);

		given.setId(id);
		given.setStatus(MedicationAdministration.MedicationAdministrationStatus.ENTEREDINERROR);
		assertThat(http.put("/fhir/" + id, FhirHttp.R4.newJsonParser().encodeResourceToString(given)).status()).isEqualTo(200);
		assertThat(members()).doesNotContain(patient);

		given.setStatus(MedicationAdministration.MedicationAdministrationStatus.STOPPED);
		assertThat(http.put("/fhir/" + id, FhirHttp.R4.newJsonParser().encodeResourceToString(given)).status()).isEqualTo(200);
		assertThat(members()).contains(patient);

		String other = administrations.newPatient("registry-not-done");
		MedicationAdministration notDone = StemiracAdministrations.administration(other, GIVEN_AT)
				.setStatus(MedicationAdministration.MedicationAdministrationStatus.NOTDONE);
		created(http.post("/fhir/MedicationAdministration", FhirHttp.R4.newJsonParser().encodeResourceToString(notDone)));
		assertThat(members()).doesNotContain(other);
	}

	@Test
	void theRebuildFindsTheSameCohort() {
		loadDemoBundle();
		administer("demo-eligible", MedicationAdministration.MedicationAdministrationStatus.COMPLETED);
		Set<String> before = members();
		FhirHttp.Response rebuilt = http.post("/fhir/$stemirac-registry-rebuild", "{\"resourceType\":\"Parameters\"}");
		assertThat(rebuilt.status()).as(rebuilt.body()).isEqualTo(200);
		assertThat(rebuilt.body()).contains("Group/stemirac-treated").contains("\"valueInteger\":" + before.size());
		assertThat(members()).isEqualTo(before);
	}

	@Test
	void badKickOffsAreClientErrors() {
		assertRefused(bulk.kickOff("/fhir/Group/no-such-group/$export"), 404, "no-such-group");
		assertRefused(bulk.kickOff("/fhir/Group/stemirac-treated/$export?_type=Medication"), 400, "Patient コンパートメント");
		assertRefused(bulk.kickOff("/fhir/Group/stemirac-treated/$export?_type=NoSuchType"), 400, "NoSuchType");
		assertRefused(bulk.kickOff("/fhir/Group/stemirac-treated/$export?_since=2999-01-01T00:00:00Z"), 400, "未来の日時");
		assertRefused(bulk.kickOff("/fhir/$export?_type=Medication&_since=" + Instant.now().plusSeconds(3600)), 400, "未来の日時");
		assertRefused(bulk.kickOff("/fhir/Group/stemirac-treated/$export?_since=not-a-date"), 400, "");
	}

	private static void assertRefused(BulkExportClient.Answer answer, int status, String mentions) {
		assertThat(answer.status()).as(answer.body()).isEqualTo(status);
		assertThat(answer.asFhir().outcome().getIssue()).isNotEmpty();
		assertThat(answer.asFhir().diagnostics()).contains(mentions);
	}

	private List<Resource> export(String kickOff) throws InterruptedException {
		long start = System.nanoTime();
		BulkExportClient.Answer accepted = bulk.kickOff(kickOff);
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		String statusUrl = accepted.header("Content-Location");
		assertThat(statusUrl).contains("$export-poll-status");
		JsonNode manifest = bulk.manifest(statusUrl);
		assertThat(manifest.path("request").asText()).contains("$export");
		List<Resource> resources = bulk.download(manifest);
		System.out.printf("Registry export: %d resources in %d files, %d ms from kick-off to the last file%n",
				resources.size(), manifest.path("output").size(), (System.nanoTime() - start) / 1_000_000);
		return resources;
	}

	private String administer(String patient, MedicationAdministration.MedicationAdministrationStatus status) {
		MedicationAdministration given = StemiracAdministrations.administration(patient, GIVEN_AT).setStatus(status);
		return created(http.post("/fhir/MedicationAdministration", FhirHttp.R4.newJsonParser().encodeResourceToString(given)));
	}

	private Set<String> members() {
		FhirHttp.Response read = http.get("/fhir/Group/stemirac-treated");
		assertThat(read.status()).as(read.body()).isEqualTo(200);
		return read.resource(Group.class).getMember().stream()
				.map(m -> m.getEntity().getReferenceElement().getIdPart()).collect(Collectors.toSet());
	}

	private static Set<String> ids(List<Resource> resources) {
		return resources.stream().map(FactsAssembler::id).collect(Collectors.toSet());
	}

	static String created(FhirHttp.Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		Resource resource = (Resource) response.parse();
		return FactsAssembler.id(resource);
	}

	static Map<String, String> none() {
		return Map.of();
	}
}
