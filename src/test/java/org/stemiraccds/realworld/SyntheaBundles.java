package org.stemiraccds.realworld;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The FHIR R4 bundles Synthea generates before the integration tests (pom.xml, "Synthea test data": phase
 * pre-integration-test, into target/synthea/fhir). Another directory can be given with -Dsynthea.dir=...
 */
public final class SyntheaBundles {
	private SyntheaBundles() {
	}

	/** target/synthea/fhir under the project (failsafe's basedir), or -Dsynthea.dir. */
	public static Path directory() {
		String dir = System.getProperty("synthea.dir");
		if (dir != null && !dir.isBlank()) return Path.of(dir);
		return Path.of(System.getProperty("basedir", "."), "target", "synthea", "fhir");
	}

	/**
	 * Every bundle, in the order they must be loaded: the hospital (Organization, Location) and practitioner
	 * (Practitioner, PractitionerRole) bundles first, since the patient bundles reference them by conditional
	 * references; then the patient bundles, by file name.
	 */
	public static List<Path> list() {
		Path dir = directory();
		List<Path> bundles;
		if (Files.isDirectory(dir)) {
			try (Stream<Path> files = Files.list(dir)) {
				bundles = files.filter(f -> f.getFileName().toString().endsWith(".json"))
						.sorted(Comparator.comparingInt(SyntheaBundles::rank).thenComparing(f -> f.getFileName().toString()))
						.toList();
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		} else {
			bundles = List.of();
		}
		if (bundles.stream().noneMatch(SyntheaBundles::isPatientBundle)) {
			throw new AssertionError("No Synthea patient bundle in " + dir.toAbsolutePath() + ". They are generated in the"
					+ " pre-integration-test phase of `./mvnw verify` (pom.xml, \"Synthea test data\"); to generate them alone:"
					+ " `./mvnw antrun:run@synthea` (Synthea's output: target/synthea/synthea.log).");
		}
		return bundles;
	}

	public static boolean isHospitalBundle(Path file) {
		return file.getFileName().toString().startsWith("hospitalInformation");
	}

	public static boolean isPractitionerBundle(Path file) {
		return file.getFileName().toString().startsWith("practitionerInformation");
	}

	public static boolean isPatientBundle(Path file) {
		return !isHospitalBundle(file) && !isPractitionerBundle(file);
	}

	public static String read(Path file) {
		try {
			return Files.readString(file);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static int rank(Path file) {
		return isHospitalBundle(file) ? 0 : isPractitionerBundle(file) ? 1 : 2;
	}
}
