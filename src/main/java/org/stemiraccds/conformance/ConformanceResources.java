package org.stemiraccds.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The project's conformance content: every file of profiles/ and terminology/ (the build copies both to
 * the classpath under conformance/). Nothing else in the code base holds these definitions.
 */
public final class ConformanceResources {
	public static final String CANONICAL_BASE = "https://stemirac-cds.org/fhir";
	public static final String PROFILE_BASE = CANONICAL_BASE + "/StructureDefinition/";
	private static final List<String> FOLDERS = List.of("profiles", "terminology");

	private final List<MetadataResource> resources;

	private ConformanceResources(List<MetadataResource> resources) {
		this.resources = List.copyOf(resources);
	}

	/** Reads every definition from the classpath, in install order (see {@link #installOrder}). */
	public static ConformanceResources load(FhirContext fhirContext) {
		IParser parser = fhirContext.newJsonParser();
		List<MetadataResource> found = new ArrayList<>();
		for (Resource file : files()) {
			try (InputStream in = file.getInputStream()) {
				found.add((MetadataResource) parser.parseResource(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
			} catch (IOException e) {
				throw new UncheckedIOException("Cannot read " + file, e);
			}
		}
		found.sort(Comparator.comparingInt(ConformanceResources::installOrder).thenComparing(MetadataResource::getUrl));
		return new ConformanceResources(found);
	}

	private static List<Resource> files() {
		List<Resource> all = new ArrayList<>();
		for (String folder : FOLDERS) {
			String pattern = "classpath*:conformance/" + folder + "/*.json";
			try {
				all.addAll(Arrays.asList(new PathMatchingResourcePatternResolver().getResources(pattern)));
			} catch (IOException e) {
				throw new UncheckedIOException("Cannot list " + pattern, e);
			}
		}
		return all;
	}

	/** Code systems before the value sets that use them; extensions before the profiles that slice them in. */
	static int installOrder(MetadataResource resource) {
		if (resource instanceof CodeSystem) return 0;
		if (resource instanceof StructureDefinition sd) return "Extension".equals(sd.getType()) ? 2 : 3;
		return 1;
	}

	public List<MetadataResource> all() {
		return resources;
	}

	public List<StructureDefinition> profiles() {
		return ofType(StructureDefinition.class);
	}

	public <T extends MetadataResource> List<T> ofType(Class<T> type) {
		return resources.stream().filter(type::isInstance).map(type::cast).toList();
	}

	public static boolean isOurProfile(String canonical) {
		return canonical != null && canonical.startsWith(PROFILE_BASE);
	}
}
