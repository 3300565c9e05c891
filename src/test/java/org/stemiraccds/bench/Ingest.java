package org.stemiraccds.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Bulk ingest of Synthea's bundles by one client: the hospital and practitioner bundles (batch) first, as
 * the patients' bundles reference them, then each patient's bundle (a transaction), each POSTed to the base.
 * Counts the entries the server stored (a 2xx in the response bundle) and the bundles it refused.
 */
final class Ingest {
	private static final ObjectMapper JSON = new ObjectMapper();

	record Result(int bundles, int refusedBundles, int entries, int stored, double seconds) {
		double storedPerSecond() {
			return stored / seconds;
		}
	}

	private Ingest() {}

	/** The shared bundles and the first {@code patients} patient bundles (all: Integer.MAX_VALUE). */
	static Result ingest(String fhirBase, Path bundlesDir, int patients, Map<String, String> headers) throws Exception {
		List<Path> all = inOrder(bundlesDir);
		long shared = all.stream().filter(Ingest::isShared).count();
		List<Path> bundles = all.subList(0, (int) Math.min(all.size(), shared + patients));
		if (bundles.isEmpty()) throw new IllegalStateException("no Synthea bundle in " + bundlesDir + " (./mvnw antrun:run@synthea)");
		int refused = 0;
		int entries = 0;
		int stored = 0;
		long started = System.nanoTime();
		for (Path bundle : bundles) {
			String body = Files.readString(bundle);
			entries += JSON.readTree(body).path("entry").size();
			HttpResponse<String> response = Load.Call.post(fhirBase, body, "application/fhir+json", headers).sendAny();
			if (response.statusCode() != 200) {
				refused++;
				System.out.println("  refused " + bundle.getFileName() + ": " + response.statusCode() + " " + Load.abbreviate(response.body()));
				continue;
			}
			int storedHere = storedEntries(JSON.readTree(response.body()));
			stored += storedHere;
			System.out.printf(java.util.Locale.ROOT, "  %s: %d stored, %.1f s so far%n", bundle.getFileName(), storedHere,
					(System.nanoTime() - started) / 1e9);
		}
		return new Result(bundles.size(), refused, entries, stored, (System.nanoTime() - started) / 1e9);
	}

	private static int storedEntries(JsonNode responseBundle) {
		int stored = 0;
		for (JsonNode entry : responseBundle.path("entry")) {
			if (entry.path("response").path("status").asText().startsWith("2")) stored++;
		}
		return stored;
	}

	/** Hospital and practitioner bundles first, then the patients', smallest first (so a few make a short run). */
	static List<Path> inOrder(Path bundlesDir) throws Exception {
		try (Stream<Path> files = Files.list(bundlesDir)) {
			List<Path> bundles = new ArrayList<>(files.filter(p -> p.toString().endsWith(".json")).toList());
			bundles.sort(Comparator.comparing((Path p) -> isShared(p) ? 0 : 1).thenComparing(Ingest::size)
					.thenComparing(p -> p.getFileName().toString()));
			return bundles;
		}
	}

	private static long size(Path file) {
		try {
			return Files.size(file);
		} catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	private static boolean isShared(Path bundle) {
		String name = bundle.getFileName().toString();
		return name.startsWith("hospitalInformation") || name.startsWith("practitionerInformation");
	}
}
