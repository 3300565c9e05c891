package org.stemiraccds.realworld;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.test.context.TestPropertySource;
import org.stemiraccds.cds.CdsClient;
import org.stemiraccds.fhir.FhirHttp;
import org.stemiraccds.fhir.ServerTestBase;

/**
 * Real-world-shaped records: every Synthea bundle (see {@link SyntheaBundles}) loads, and the patient-view hook
 * finds nothing to say about any of these patients (none has a spinal cord injury or STEMIRAC).
 */
@TestPropertySource(properties = {
		// Synthea's bundles are about 1 to 12 MB; the test profile allows 200 kB per request.
		"stemirac.fhir.max-request-bytes=67108864",
		// The test profile allows 100 entries per Bundle; Synthea's run to a few thousand.
		"stemirac.fhir.max-bundle-entries=10000",
		// These properties make a Spring context of its own: give it its own database, so that the records
		// loaded here never show in the other tests' database (same JVM, same in-memory H2 otherwise).
		"spring.datasource.url=jdbc:h2:mem:stemirac-synthea;DB_CLOSE_DELAY=-1"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SyntheaIT extends ServerTestBase {
	private static final String SERVICE = "stemirac-patient-view";
	private static final String USER = "Practitioner/synthea";

	/** Loaded patients: server id → the bundle they came from. */
	private final Map<String, String> patients = new LinkedHashMap<>();
	private final List<String> loadFailures = new ArrayList<>();
	private int patientsInBundles;
	private boolean loaded;

	@Test
	@Order(1)
	void everyBundleLoads() {
		load();
		assertThat(loadFailures).as("Synthea bundles that did not load (%d)", loadFailures.size()).isEmpty();
	}

	@Test
	@Order(2)
	void patientViewHasNoCardForAnySyntheaPatient() {
		load();
		assertThat(patients).as("patients loaded from the Synthea bundles").isNotEmpty();
		List<String> failures = new ArrayList<>();
		long start = System.nanoTime();
		CdsClient cds = new CdsClient(port, http);
		patients.forEach((id, bundle) -> {
			ObjectNode request = CdsClient.request("patient-view", id);
			((ObjectNode) request.get("context")).put("userId", USER);
			CdsClient.Response answer = cds.call(SERVICE, request);
			JsonNode cards = answer.json() == null ? null : answer.json().get("cards");
			if (answer.status() != 200 || cards == null || !cards.isArray()) {
				failures.add("Patient/" + id + " (" + bundle + "): HTTP " + answer.status() + ": " + head(answer.raw()));
			} else if (!cards.isEmpty()) {
				List<String> found = new ArrayList<>();
				cards.forEach(card -> found.add(card.path("source").path("topic").path("code").asText()
						+ " \"" + card.path("summary").asText() + "\""));
				failures.add("Patient/" + id + " (" + bundle + "): " + cards.size() + " card(s): " + String.join("; ", found));
			}
		});
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf(Locale.ROOT, "Synthea: %s for %d patients in %.1f s (%.0f ms each); %d more patients are in"
				+ " bundles that did not load%n", SERVICE, patients.size(), seconds, 1000 * seconds / patients.size(),
				patientsInBundles - patients.size());
		assertThat(failures).as("%s answers other than 200 with no cards (%d of %d patients)",
				SERVICE, failures.size(), patients.size()).isEmpty();
	}

	/** Posts every bundle once (hospitals and practitioners first), noting failures and the patients' server ids. */
	private synchronized void load() {
		if (loaded) return;
		loaded = true;
		List<Path> bundles = SyntheaBundles.list();
		long resources = 0;
		long bytes = 0;
		long nanos = 0;
		long loadedNanos = 0;
		for (Path file : bundles) {
			String name = file.getFileName().toString();
			String body = SyntheaBundles.read(file);
			JsonNode entries = CdsClient.parse(body).path("entry");
			entries.forEach(e -> patientsInBundles += e.path("resource").path("resourceType").asText().equals("Patient") ? 1 : 0);
			long size = body.getBytes(StandardCharsets.UTF_8).length;
			long start = System.nanoTime();
			FhirHttp.Response response = http.post("/fhir", body);
			long elapsed = System.nanoTime() - start;
			int ok = 0;
			if (response.status() != 200) {
				loadFailures.add(name + " (" + mb(size) + ", " + entries.size() + " entries): HTTP " + response.status()
						+ ": " + head(response.body()));
			} else {
				// A transaction answers 200 only when every entry succeeded; a batch (the hospital and practitioner
				// bundles) answers 200 anyway, with each entry's own status.
				JsonNode answers = CdsClient.parse(response.body()).path("entry");
				for (int i = 0; i < entries.size(); i++) {
					JsonNode resource = entries.get(i).path("resource");
					JsonNode answer = answers.path(i).path("response");
					if (!answer.path("status").asText().startsWith("2")) {
						loadFailures.add(name + " entry " + i + " (" + resource.path("resourceType").asText() + "): "
								+ answer.path("status").asText("no answer") + ": " + head(answer.path("outcome").toString()));
						continue;
					}
					ok++;
					if (resource.path("resourceType").asText().equals("Patient")) {
						// "Patient/123/_history/1": the server assigns the ids (Synthea's entries are POSTs)
						patients.put(answer.path("location").asText().split("/")[1], name);
					}
				}
			}
			resources += ok;
			bytes += size;
			nanos += elapsed;
			if (response.status() == 200) loadedNanos += elapsed;
			System.out.printf(Locale.ROOT, "Synthea: %-75s %8s %5d entries  HTTP %d  %5d loaded  %6.1f s%n",
					name, mb(size), entries.size(), response.status(), ok, elapsed / 1e9);
		}
		System.out.printf(Locale.ROOT, "Synthea: posted %d bundles (%s) in %.1f s; loaded %d resources in %.1f s"
				+ " (bundles answered 200): %.0f resources/s; %d patients; %d failures%n", bundles.size(), mb(bytes),
				nanos / 1e9, resources, loadedNanos / 1e9, resources / Math.max(loadedNanos / 1e9, 1e-9), patients.size(),
				loadFailures.size());
	}

	private static String head(String text) {
		return text.length() <= 500 ? text : text.substring(0, 500) + "…";
	}

	private static String mb(long bytes) {
		return String.format(Locale.ROOT, "%.2f MB", bytes / 1e6);
	}
}
