package org.stemiraccds.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

/**
 * A gzip body counts against the limit (200,000 bytes in the test profile) once inflated, so a small
 * compressed body cannot expand without bound; other content codings are refused. Nothing refused is stored.
 */
class CompressedBodyIT extends ServerTestBase {
	private static final int LIMIT = 200_000;
	private final String identifier = UUID.randomUUID().toString();

	@Test
	void gzipBombIsRefusedQuicklyWithoutInflatingItAll() {
		byte[] bomb = gzip(new byte[50_000_000]);
		assertThat(bomb.length).as("small on the wire").isLessThan(LIMIT);
		long start = System.nanoTime();
		FhirHttp.Response response = post(bomb, "gzip");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
		assertRefused(response, 413, OperationOutcome.IssueType.TOOLONG, String.valueOf(LIMIT));
	}

	@Test
	void gzippedPatientOverTheLimitIsRefusedAndNotStored() {
		byte[] compressed = gzip(patient(300_000).getBytes(StandardCharsets.UTF_8));
		assertThat(compressed.length).isLessThan(LIMIT / 10);
		assertRefused(post(compressed, "gzip"), 413, OperationOutcome.IssueType.TOOLONG, String.valueOf(LIMIT));
		assertNotStored();
	}

	@Test
	void smallGzippedPatientIsCreated() {
		FhirHttp.Response response = post(gzip(patient(10).getBytes(StandardCharsets.UTF_8)), "gzip");
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		assertThat(response.resource(Patient.class).getIdentifierFirstRep().getValue()).isEqualTo(identifier);
		assertThat(stored()).isEqualTo(1);
	}

	@Test
	void oldGzipNameIsGzipToo() {
		FhirHttp.Response response = post(gzip(patient(10).getBytes(StandardCharsets.UTF_8)), "x-gzip");
		assertThat(response.status()).as(response.body()).isEqualTo(201);
	}

	@Test
	void otherContentEncodingsAreRefused() {
		byte[] deflated = deflate(patient(10).getBytes(StandardCharsets.UTF_8));
		assertRefused(post(deflated, "deflate"), 415, OperationOutcome.IssueType.NOTSUPPORTED, "deflate");
		assertRefused(post(gzip(gzip(patient(10).getBytes(StandardCharsets.UTF_8))), "gzip, gzip"), 415,
				OperationOutcome.IssueType.NOTSUPPORTED, "gzip, gzip");
		assertNotStored();
	}

	@Test
	void bodyThatIsNotGzipIsRefused() {
		assertRefused(post(patient(10).getBytes(StandardCharsets.UTF_8), "gzip"), 400, OperationOutcome.IssueType.INVALID, "gzip");
		assertNotStored();
	}

	@Test
	void refusalInEnglishWhenPreferred() {
		FhirHttp.Response response = RawRequest.of("POST", http, "/fhir/Patient").header("Content-Encoding", "br")
				.header("Accept-Language", "en").body(FhirHttp.FHIR_JSON, "{}").send();
		assertThat(response.status()).isEqualTo(415);
		assertThat(response.diagnostics()).contains("Content-Encoding \"br\" is not accepted");
	}

	private FhirHttp.Response post(byte[] body, String contentEncoding) {
		return RawRequest.of("POST", http, "/fhir/Patient").header("Content-Encoding", contentEncoding)
				.body(FhirHttp.FHIR_JSON, body).send();
	}

	private static void assertRefused(FhirHttp.Response response, int status, OperationOutcome.IssueType type, String fragment) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		OperationOutcome.OperationOutcomeIssueComponent issue = response.outcome().getIssueFirstRep();
		assertThat(issue.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
		assertThat(issue.getCode()).isEqualTo(type);
		assertThat(response.diagnostics()).contains(fragment);
	}

	private void assertNotStored() {
		assertThat(stored()).isZero();
	}

	private int stored() {
		return http.get("/fhir/Patient?identifier=urn:test:gzip|" + identifier).resource(Bundle.class).getEntry().size();
	}

	/** A valid Patient with this test's identifier and a name of {@code padding} letters. */
	private String patient(int padding) {
		char[] name = new char[padding];
		Arrays.fill(name, 'a');
		return "{\"resourceType\":\"Patient\",\"identifier\":[{\"system\":\"urn:test:gzip\",\"value\":\"" + identifier
				+ "\"}],\"name\":[{\"text\":\"" + new String(name) + "\"}]}";
	}

	private static byte[] gzip(byte[] bytes) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
			gzip.write(bytes);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return out.toByteArray();
	}

	private static byte[] deflate(byte[] bytes) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (DeflaterOutputStream deflate = new DeflaterOutputStream(out)) {
			deflate.write(bytes);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return out.toByteArray();
	}
}
