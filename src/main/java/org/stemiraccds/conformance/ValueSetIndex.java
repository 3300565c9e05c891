package org.stemiraccds.conformance;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ValueSet;
import org.stemiraccds.guideline.Code;
import org.stemiraccds.guideline.CodeSets;

/**
 * Value-set membership read from terminology/: ICD-10 and ATC codes belong when they equal a listed code or
 * start with one (a listed C34 covers C34.1), other systems match exactly. Includes enumerate their codes
 * or take a whole local CodeSystem; that is how every value set of this project is written.
 */
public final class ValueSetIndex implements CodeSets {
	static final Set<String> PREFIX_SYSTEMS = Set.of("http://hl7.org/fhir/sid/icd-10", "http://www.whocc.no/atc");

	/** value set id → system → listed codes. */
	private final Map<String, Map<String, Set<String>>> codes;

	private ValueSetIndex(Map<String, Map<String, Set<String>>> codes) {
		this.codes = codes;
	}

	public static ValueSetIndex of(ConformanceResources conformance) {
		Map<String, CodeSystem> codeSystems = new HashMap<>();
		conformance.ofType(CodeSystem.class).forEach(cs -> codeSystems.put(cs.getUrl(), cs));
		Map<String, Map<String, Set<String>>> codes = new HashMap<>();
		conformance.ofType(ValueSet.class).forEach(vs -> {
			Map<String, Set<String>> bySystem = codes.computeIfAbsent(vs.getIdElement().getIdPart(), id -> new HashMap<>());
			for (ValueSet.ConceptSetComponent include : vs.getCompose().getInclude()) {
				Set<String> listed = bySystem.computeIfAbsent(include.getSystem(), s -> new HashSet<>());
				include.getConcept().forEach(concept -> listed.add(concept.getCode()));
				if (!include.hasConcept() && codeSystems.containsKey(include.getSystem())) {
					// "the whole code system": one of ours, so its codes are at hand
					codeSystems.get(include.getSystem()).getConcept().forEach(concept -> listed.add(concept.getCode()));
				}
			}
		});
		return new ValueSetIndex(codes);
	}

	@Override
	public boolean contains(String valueSetId, Code code) {
		Set<String> listed = codes.getOrDefault(valueSetId, Map.of()).getOrDefault(code.system(), Set.of());
		if (listed.contains(code.code())) return true;
		return PREFIX_SYSTEMS.contains(code.system()) && listed.stream().anyMatch(code.code()::startsWith);
	}

	@Override
	public List<Code> codes(String valueSetId) {
		return codes.getOrDefault(valueSetId, Map.of()).entrySet().stream()
				.flatMap(system -> system.getValue().stream().sorted().map(code -> new Code(system.getKey(), code)))
				.toList();
	}

	List<String> valueSetIds() {
		return List.copyOf(codes.keySet());
	}
}
