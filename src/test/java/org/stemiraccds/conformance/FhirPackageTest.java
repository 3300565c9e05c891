package org.stemiraccds.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The NPM FHIR package the build writes loads into a fresh validator (no server, nothing from the
 * classpath) and gives the same verdicts on the examples as the server.
 */
class FhirPackageTest {
	static final Path PACKAGE = Path.of("target/stemirac-cds-fhir-package.tgz");
	private static NpmPackage npm;

	@BeforeAll
	static void load() throws IOException {
		try (InputStream in = Files.newInputStream(PACKAGE)) {
			npm = NpmPackage.fromPackage(in);
		}
	}

	@Test
	void manifestNamesCanonicalVersionAndFhirVersion() {
		assertThat(npm.name()).isEqualTo("org.stemirac-cds.fhir");
		assertThat(npm.canonical()).isEqualTo(ConformanceResources.CANONICAL_BASE);
		assertThat(npm.version()).isNotBlank();
		assertThat(npm.fhirVersionList()).contains("4.0.1");
	}

	@Test
	void holdsEveryProfileAndTerminologyFile() throws IOException {
		List<String> expected = ConformanceResources.load(StandaloneValidator.R4).all().stream()
				.map(r -> r.fhirType() + "-" + r.getIdElement().getIdPart() + ".json")
				.toList();
		assertThat(npm.list("package")).containsAll(expected);
	}

	@Test
	void freshValidatorFromThePackageJudgesTheExamples() throws IOException {
		StandaloneValidator validator = new StandaloneValidator(conformanceResourcesOf(npm));
		for (Path valid : Examples.valid()) {
			assertThat(validator.errors(Examples.parse(StandaloneValidator.R4, valid)))
					.as(valid.toString())
					.isEmpty();
		}
		for (Path invalid : Examples.invalid()) {
			String expected = Examples.expectedMessages().get(invalid.getFileName().toString());
			assertThat(validator.errors(Examples.parse(StandaloneValidator.R4, invalid)))
					.as(invalid.toString())
					.anySatisfy(m -> assertThat(m.getMessage()).contains(expected));
		}
	}

	private static List<IBaseResource> conformanceResourcesOf(NpmPackage npm) throws IOException {
		List<IBaseResource> resources = new ArrayList<>();
		for (String file : npm.listResources("StructureDefinition", "CodeSystem", "ValueSet")) {
			try (InputStream in = npm.loadResource(file)) {
				resources.add(StandaloneValidator.R4.newJsonParser().parseResource(in));
			}
		}
		return resources;
	}
}
