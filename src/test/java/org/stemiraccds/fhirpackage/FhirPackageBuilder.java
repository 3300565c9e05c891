package org.stemiraccds.fhirpackage;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.utilities.npm.NpmPackageIndexBuilder;
import org.stemiraccds.conformance.ConformanceResources;
import org.stemiraccds.conformance.StandaloneValidationSupport;

/**
 * Writes the content of the NPM FHIR package into a folder (target/fhir-package/package), which the assembly then
 * packs: profiles with generated snapshots next to their differentials, the terminology, fragments of the external
 * code systems, the ImplementationGuide, the examples under example/, and a .index.json in each folder.
 * package.json is written there beforehand by the resources plugin. Run by the build (exec-maven-plugin, phase
 * process-test-classes) with: output folder, examples folder, package id, version.
 * profiles/ and terminology/ stay the single source: all of this is build output.
 */
public final class FhirPackageBuilder {
	private static final FhirContext R4 = FhirContext.forR4();

	private FhirPackageBuilder() {}

	public static void main(String[] args) throws IOException {
		Path out = Path.of(args[0]);
		Path examplesIn = Path.of(args[1]);
		clean(out);
		List<MetadataResource> defined = new ArrayList<>(definitionsWithSnapshots());
		defined.addAll(ExternalCodeSystemFragments.of(ofType(defined, ValueSet.class)));
		List<Resource> examples = readExamples(examplesIn);
		defined.add(ImplementationGuideFactory.create(args[2], args[3], defined, examples));
		write(out, defined);
		write(out.resolve("example"), examples);
		System.out.println("FHIR package: " + defined.size() + " resources and " + examples.size() + " examples in " + out);
	}

	/** Removes what an earlier build wrote (a deleted profile must not stay in the package), keeping package.json. */
	private static void clean(Path out) throws IOException {
		if (!Files.isDirectory(out)) return;
		try (Stream<Path> files = Files.walk(out)) {
			for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
				if (!file.equals(out) && !file.equals(out.resolve("package.json"))) Files.delete(file);
			}
		}
	}

	/** Our definitions, each StructureDefinition with its snapshot generated against the core R4 definitions. */
	static List<MetadataResource> definitionsWithSnapshots() {
		ConformanceResources conformance = ConformanceResources.load(R4);
		IValidationSupport chain = StandaloneValidationSupport.chain(
				R4, new DefaultProfileValidationSupport(R4), conformance.all());
		// in install order: extensions before the profiles that slice them in
		StandaloneValidationSupport.generateSnapshots(chain, conformance.profiles());
		return conformance.all();
	}

	private static <T> List<T> ofType(List<? extends IBaseResource> resources, Class<T> type) {
		return resources.stream().filter(type::isInstance).map(type::cast).toList();
	}

	private static List<Resource> readExamples(Path folder) throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			List<Path> json = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
			List<Resource> examples = new ArrayList<>();
			for (Path file : json) {
				examples.add((Resource) R4.newJsonParser().parseResource(Files.readString(file)));
			}
			return examples;
		}
	}

	/** Writes each resource as Type-id.json, then the folder's .index.json, built by the core NPM library itself. */
	private static void write(Path folder, List<? extends Resource> resources) throws IOException {
		Files.createDirectories(folder);
		NpmPackageIndexBuilder index = new NpmPackageIndexBuilder();
		index.start(null);
		for (Resource resource : resources) {
			String name = resource.fhirType() + "-" + resource.getIdElement().getIdPart() + ".json";
			byte[] json = R4.newJsonParser().setPrettyPrint(true).encodeResourceToString(resource)
					.getBytes(StandardCharsets.UTF_8);
			Files.write(folder.resolve(name), json);
			if (!index.seeFile(name, json)) throw new IllegalStateException("Not indexable: " + name);
		}
		Files.writeString(folder.resolve(".index.json"), index.build());
	}
}
