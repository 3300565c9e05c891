package org.stemiraccds.cds.cards;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeSystem;
import org.springframework.stereotype.Component;
import org.stemiraccds.conformance.ConformanceResources;

/**
 * The words for findings, from terminology/: a rule's name (CodeSystem guideline-rule display in Japanese,
 * English designation) and the displays of the codes a finding names (e.g. req-a → 医師要件ア).
 */
@Component
public class RuleTexts {
	/** "system|code" → [ja, en]. */
	private final Map<String, String[]> displays = new HashMap<>();
	/** system → its codes in file order. */
	private final Map<String, List<String>> codes = new HashMap<>();

	public RuleTexts(ConformanceResources conformance) {
		conformance.ofType(CodeSystem.class).forEach(cs -> codes.put(cs.getUrl(),
				cs.getConcept().stream().map(CodeSystem.ConceptDefinitionComponent::getCode).toList()));
		conformance.ofType(CodeSystem.class).forEach(cs ->
				cs.getConcept().forEach(concept -> displays.put(cs.getUrl() + "|" + concept.getCode(), new String[] {
						concept.getDisplay(),
						concept.getDesignation().stream().filter(d -> "en".equals(d.getLanguage()))
								.map(CodeSystem.ConceptDefinitionDesignationComponent::getValue)
								.findFirst().orElse(concept.getDisplay())})));
	}

	public String display(String system, String code, Locale locale) {
		String[] both = displays.get(system + "|" + code);
		if (both == null) return code;
		return isEnglish(locale) ? both[1] : both[0];
	}

	/** The codes of a CodeSystem of terminology/, in file order. */
	public List<String> codes(String system) {
		return codes.getOrDefault(system, List.of());
	}

	/** Japanese unless the request prefers English (Accept-Language). */
	public static Locale locale(String acceptLanguage) {
		if (acceptLanguage == null || acceptLanguage.isBlank()) return Locale.JAPANESE;
		try {
			List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(acceptLanguage);
			Locale preferred = Locale.lookup(ranges, List.of(Locale.JAPANESE, Locale.ENGLISH));
			return preferred == null ? Locale.JAPANESE : preferred;
		} catch (IllegalArgumentException malformed) {
			return Locale.JAPANESE;
		}
	}

	static boolean isEnglish(Locale locale) {
		return Locale.ENGLISH.getLanguage().equals(locale.getLanguage());
	}
}
