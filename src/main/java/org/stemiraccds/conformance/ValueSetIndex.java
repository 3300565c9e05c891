package org.stemiraccds.conformance;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
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
 * ICD-10 codes as EHRs send them are read in their canonical form first (the rule catalogue's Revision 2, codes): upper case,
 * the dot after the category (S141 = S14.1), and ICD-10-CM counts as ICD-10.
 */
public final class ValueSetIndex implements CodeSets {
	public static final String ICD10 = "http://hl7.org/fhir/sid/icd-10";
	public static final String ICD10_CM = "http://hl7.org/fhir/sid/icd-10-cm";
	static final Set<String> PREFIX_SYSTEMS = Set.of(ICD10, "http://www.whocc.no/atc");

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
		if (code == null || code.system() == null || code.code() == null) return false;
		Code canonical = canonical(code);
		String system = ICD10_CM.equals(canonical.system()) ? ICD10 : canonical.system();
		Set<String> listed = codes.getOrDefault(valueSetId, Map.of()).getOrDefault(system, Set.of());
		if (listed.contains(canonical.code())) return true;
		return PREFIX_SYSTEMS.contains(system) && listed.stream().anyMatch(canonical.code()::startsWith);
	}

	/**
	 * An ICD-10 or ICD-10-CM code in its canonical form: trimmed, upper case, a dot after the three-character
	 * category when there is more (S141 → S14.1, s14.1 → S14.1); other codes as they are.
	 */
	public static Code canonical(Code code) {
		if (code == null || code.code() == null || !(ICD10.equals(code.system()) || ICD10_CM.equals(code.system()))) return code;
		String text = code.code().trim().toUpperCase(Locale.ROOT);
		if (text.length() > 3 && text.indexOf('.') < 0) text = text.substring(0, 3) + "." + text.substring(3);
		return new Code(code.system(), text);
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
