package org.stemiraccds.conformance;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;

/** The files under examples/: valid and invalid instances, the expected message for each invalid one. */
public final class Examples {
	public static final Path ROOT = Path.of("examples");
	public static final Path DEMO_BUNDLE = ROOT.resolve("demo/demo-bundle.json");
	public static final Path TRIAL_BUNDLE = ROOT.resolve("trial/trial-bundle.json");
	private static final String EXPECTED = "expected-messages.json";

	private Examples() {}

	public static List<Path> valid() {
		return jsonFiles(ROOT.resolve("valid"));
	}

	public static List<Path> invalid() {
		return jsonFiles(ROOT.resolve("invalid"));
	}

	/** invalid example file name → a fragment of the validator message it must produce. */
	public static Map<String, String> expectedMessages() {
		try {
			return new ObjectMapper().readValue(ROOT.resolve("invalid/" + EXPECTED).toFile(), new TypeReference<>() {});
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	public static String read(Path file) {
		try {
			return Files.readString(file);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	public static IBaseResource parse(FhirContext fhirContext, Path file) {
		return fhirContext.newJsonParser().parseResource(read(file));
	}

	private static List<Path> jsonFiles(Path folder) {
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter(f -> f.toString().endsWith(".json"))
					.filter(f -> !f.getFileName().toString().equals(EXPECTED))
					.sorted()
					.toList();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
