package org.stemiraccds.errors;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.stemiraccds.fhir.FhirHttp;

/**
 * The bookkeeping behind "zero stored fragments": which resource versions the fuzz run's 2xx write answers say
 * they stored (Location and Content-Location headers, the locations of a transaction or batch response's 2xx
 * entries, and for a 2xx DELETE the resource it names). Every version stored during the run and not named
 * here was stored by a request that was refused, or stored in part: a fragment.
 */
final class FuzzLedger {
	/** A versioned reference, {@code Type/id/_history/n}, anywhere in a location (absolute or relative). */
	private static final Pattern VERSIONED = Pattern.compile("([A-Z][A-Za-z]+)/([A-Za-z0-9\\-.]{1,64})/_history/([0-9]+)");
	/** {@code /fhir/Type/id} with nothing after the id: the one resource a DELETE can name without a search. */
	private static final Pattern INSTANCE = Pattern.compile("/fhir/([A-Z][A-Za-z]+)/([A-Za-z0-9\\-.]{1,64})/?");
	private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

	private final Set<String> versions = ConcurrentHashMap.newKeySet();
	/** {@code Type/id} of 2xx deletes: a delete stores a new (deleted) version and names none. */
	private final Set<String> deleted = ConcurrentHashMap.newKeySet();

	/** Notes what a 2xx answer to a write says it stored; other answers store nothing. */
	void record(FuzzCase fuzzCase, FuzzHttp.Answer answer) {
		if (answer.status() < 200 || answer.status() > 299 || !isWrite(fuzzCase)) return;
		answer.locations().forEach(location -> versioned(location).ifPresent(versions::add));
		responseEntries(answer.body()).forEach(location -> versioned(location).ifPresent(versions::add));
		if ("DELETE".equals(fuzzCase.method())) {
			Matcher instance = INSTANCE.matcher(fuzzCase.target());
			if (instance.matches()) deleted.add(instance.group(1) + "/" + instance.group(2));
		}
	}

	/** How many versions the 2xx answers named. */
	int acknowledged() {
		return versions.size();
	}

	/**
	 * The versions stored after {@code before} was taken and acknowledged by no 2xx answer, sorted. Both snapshots
	 * hold {@code Type/id/_history/n}.
	 */
	List<String> fragments(Set<String> before, Set<String> after) {
		return fragments(before, after, version -> List.of());
	}

	/**
	 * As {@link #fragments(Set, Set)}, but a version is also accounted for when it was stored on behalf of a
	 * resource a 2xx answer wrote during the run: {@code derivedFrom} gives, for a version, the {@code Type/id}
	 * of the resources it was stored for (the DetectedIssues an administration write stores and replaces in its
	 * own transaction).
	 */
	List<String> fragments(Set<String> before, Set<String> after, Function<String, List<String>> derivedFrom) {
		Set<String> surplus = new TreeSet<>(after);
		surplus.removeAll(before);
		surplus.removeAll(versions);
		surplus.removeIf(version -> deleted.contains(resource(version)));
		surplus.removeIf(version -> derivedFrom.apply(version).stream().anyMatch(this::writtenDuringRun));
		return new ArrayList<>(surplus);
	}

	private boolean writtenDuringRun(String resource) {
		return versions.stream().anyMatch(version -> resource(version).equals(resource));
	}

	/** {@code Type/id} of {@code Type/id/_history/n}. */
	static String resource(String version) {
		return version.substring(0, version.indexOf("/_history/"));
	}

	private static boolean isWrite(FuzzCase fuzzCase) {
		if (!fuzzCase.isRaw()) return WRITES.contains(fuzzCase.method());
		String line = new String(fuzzCase.raw(), 0, Math.min(fuzzCase.raw().length, 20), StandardCharsets.ISO_8859_1);
		return WRITES.stream().anyMatch(method -> line.startsWith(method + " "));
	}

	static Optional<String> versioned(String location) {
		Matcher matcher = VERSIONED.matcher(location);
		return matcher.find() ? Optional.of(matcher.group(1) + "/" + matcher.group(2) + "/_history/" + matcher.group(3))
				: Optional.empty();
	}

	/** The locations of a transaction or batch response's 2xx entries; none for any other body. */
	private static List<String> responseEntries(String body) {
		String text = body.stripLeading();
		if (!text.contains("transaction-response") && !text.contains("batch-response")) return List.of();
		try {
			IBaseResource resource = text.startsWith("<") ? FhirHttp.R4.newXmlParser().parseResource(text)
					: FhirHttp.R4.newJsonParser().parseResource(text);
			if (!(resource instanceof Bundle bundle)) return List.of();
			return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResponse)
					.filter(response -> response.getStatus() != null && response.getStatus().startsWith("2"))
					.map(Bundle.BundleEntryResponseComponent::getLocation).filter(location -> location != null).toList();
		} catch (RuntimeException notFhir) {
			return List.of();
		}
	}
}
