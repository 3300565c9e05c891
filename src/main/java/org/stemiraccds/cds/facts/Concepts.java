package org.stemiraccds.cds.facts;

import static org.stemiraccds.cds.facts.FhirCodes.PRODUCT_CODE;
import static org.stemiraccds.cds.facts.FhirCodes.PRODUCT_SYSTEM;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.stemiraccds.conformance.ValueSetIndex;
import org.stemiraccds.guideline.Code;

/** CodeableConcepts as the rules read them: every coding counts, not just the first (the rule catalogue's Revision 2, codes). */
final class Concepts {
	/** How the product is named where an EHR has no code for it (NFKC-folded, lower case). */
	private static final List<String> STEMIRAC_NAMES = List.of("stemirac", "ステミラック");

	private Concepts() {}

	static boolean hasCoding(CodeableConcept concept, String system, String code) {
		return concept != null && concept.getCoding().stream().anyMatch(c -> system.equals(c.getSystem()) && code.equals(c.getCode()));
	}

	static boolean hasCoding(CodeableConcept concept, String system, Set<String> codes) {
		return concept != null && concept.getCoding().stream().anyMatch(c -> system.equals(c.getSystem()) && c.hasCode() && codes.contains(c.getCode()));
	}

	static boolean hasCode(CodeableConcept concept, Set<String> codes) {
		return concept != null && concept.getCoding().stream().anyMatch(c -> c.hasCode() && codes.contains(c.getCode()));
	}

	/** Every coding with a system and code, ICD-10 codes in their canonical form (upper case, dotted). */
	static List<Code> codes(CodeableConcept concept) {
		if (concept == null) return List.of();
		return concept.getCoding().stream()
				.filter(c -> c.hasSystem() && c.hasCode())
				.map(c -> ValueSetIndex.canonical(new Code(c.getSystem(), c.getCode())))
				.toList();
	}

	static Code code(Coding coding) {
		return ValueSetIndex.canonical(new Code(coding.getSystem(), coding.getCode()));
	}

	/** STEMIRAC by the product code or, failing that, by name in a coding's display or the text (any case, any width). */
	static boolean namesStemirac(CodeableConcept concept) {
		if (concept == null) return false;
		if (hasCoding(concept, PRODUCT_SYSTEM, PRODUCT_CODE)) return true;
		return Stream.concat(concept.getCoding().stream().map(Coding::getDisplay), Stream.of(concept.getText()))
				.anyMatch(Concepts::containsStemiracName);
	}

	private static boolean containsStemiracName(String text) {
		if (text == null) return false;
		String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
		return STEMIRAC_NAMES.stream().anyMatch(folded::contains);
	}

	/**
	 * The value of the first extension with the URL when it is of the type. (HAPI's getExtensionByUrl throws
	 * when an extension is repeated, which base R4 allows.)
	 */
	static <T> Optional<T> extensionValue(List<Extension> withUrl, Class<T> type) {
		return withUrl.stream().map(Extension::getValue).filter(type::isInstance).map(type::cast).findFirst();
	}
}
