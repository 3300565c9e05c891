package org.stemiraccds.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The bookkeeping of "zero stored fragments": a version no 2xx answer named is a fragment. */
class FuzzLedgerTest {
	private static final Set<String> BEFORE = Set.of("Patient/fuzz-patient/_history/1");
	private final FuzzLedger ledger = new FuzzLedger();

	@Test
	void aVersionNamedByA2xxLocationIsNoFragment() {
		ledger.record(write("POST", "/fhir/Patient"), answer(201, "", "http://localhost:1/fhir/Patient/12/_history/1"));
		ledger.record(write("PUT", "/fhir/Patient/fuzz-patient"), answer(200, "", "Patient/fuzz-patient/_history/2"));

		assertThat(ledger.fragments(BEFORE, Set.of("Patient/fuzz-patient/_history/1", "Patient/fuzz-patient/_history/2",
				"Patient/12/_history/1"))).isEmpty();
		assertThat(ledger.acknowledged()).isEqualTo(2);
	}

	@Test
	void aVersionStoredByARefusedWriteIsAFragment() {
		ledger.record(write("POST", "/fhir/Patient"), answer(400, "", "http://localhost:1/fhir/Patient/13/_history/1"));
		ledger.record(write("POST", "/fhir/Patient"), answer(201, "", "http://localhost:1/fhir/Patient/12/_history/1"));

		assertThat(ledger.fragments(BEFORE, Set.of("Patient/fuzz-patient/_history/1", "Patient/12/_history/1",
				"Patient/13/_history/1", "Observation/14/_history/1"))).containsExactly("Observation/14/_history/1", "Patient/13/_history/1");
	}

	@Test
	void aReadNamingAVersionAcknowledgesNothing() {
		ledger.record(FuzzCase.of("t", "GET", "/fhir/Patient/12/_history").build(), answer(200, "", "Patient/12/_history/1"));

		assertThat(ledger.fragments(BEFORE, Set.of("Patient/12/_history/1"))).containsExactly("Patient/12/_history/1");
	}

	@Test
	void onlyTheTransactionEntriesAnswered2xxCount() {
		String response = "{\"resourceType\":\"Bundle\",\"type\":\"batch-response\",\"entry\":["
				+ "{\"response\":{\"status\":\"201 Created\",\"location\":\"Patient/20/_history/1\"}},"
				+ "{\"response\":{\"status\":\"400 Bad Request\",\"location\":\"Patient/21/_history/1\"}}]}";
		ledger.record(write("POST", "/fhir"), answer(200, response));

		assertThat(ledger.fragments(BEFORE, Set.of("Patient/20/_history/1", "Patient/21/_history/1")))
				.containsExactly("Patient/21/_history/1");
	}

	@Test
	void a2xxDeleteAcknowledgesTheVersionItStoredOfTheResourceItNamed() {
		ledger.record(write("DELETE", "/fhir/Patient/fuzz-patient"), answer(200, "{}"));

		assertThat(ledger.fragments(BEFORE, Set.of("Patient/fuzz-patient/_history/2", "Patient/fuzz-other/_history/2")))
				.containsExactly("Patient/fuzz-other/_history/2");
	}

	@Test
	void aDetectedIssueStoredForAnAdministrationWrittenInTheRunIsNoFragment() {
		ledger.record(write("PUT", "/fhir/MedicationAdministration/fuzz-ma"), answer(200, "", "MedicationAdministration/fuzz-ma/_history/2"));
		Set<String> after = Set.of("MedicationAdministration/fuzz-ma/_history/2", "DetectedIssue/7/_history/1", "DetectedIssue/8/_history/1");

		assertThat(ledger.fragments(BEFORE, after, version -> version.equals("DetectedIssue/7/_history/1")
				? List.of("MedicationAdministration/fuzz-ma") : List.of("MedicationAdministration/fuzz-other")))
				.containsExactly("DetectedIssue/8/_history/1");
	}

	@Test
	void aRawWriteIsBookedFromItsRequestLine() {
		ledger.record(FuzzCase.raw("raw", "PUT /fhir/Patient/fuzz-patient HTTP/1.1\r\n\r\n"),
				answer(200, "", "Patient/fuzz-patient/_history/3"));

		assertThat(ledger.fragments(BEFORE, Set.of("Patient/fuzz-patient/_history/3"))).isEmpty();
	}

	private static FuzzCase write(String method, String path) {
		return FuzzCase.of("t", method, path).body("{}").build();
	}

	private static FuzzHttp.Answer answer(int status, String body, String... locations) {
		return new FuzzHttp.Answer(status, "application/fhir+json", body, List.of(locations));
	}
}
