package org.stemiraccds.fhirpackage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.ValueSet;
import org.stemiraccds.conformance.ConformanceResources;

/**
 * CodeSystem fragments of the external code systems our value sets enumerate codes from (ICD-10, SNOMED CT, ATC,
 * EDQM, LOINC), derived from the value sets so that no code is copied by hand. They go into the NPM package only:
 * a validator without a terminology server then knows these codes, while the server (which downgrades unknown
 * code systems to warnings) and the rules are unchanged. See docs/fhir-package.md.
 */
final class ExternalCodeSystemFragments {
	/** external system URL → id and title of its fragment; a new external system must be named here on purpose */
	private static final Map<String, String[]> KNOWN = Map.of(
			"http://hl7.org/fhir/sid/icd-10", new String[] {"icd-10-fragment", "ICD-10"},
			"http://snomed.info/sct", new String[] {"snomed-ct-fragment", "SNOMED CT"},
			"http://loinc.org", new String[] {"loinc-fragment", "LOINC"},
			"http://www.whocc.no/atc", new String[] {"atc-fragment", "ATC"},
			"http://standardterms.edqm.eu", new String[] {"edqm-fragment", "EDQM Standard Terms"});

	private ExternalCodeSystemFragments() {}

	static List<CodeSystem> of(List<ValueSet> valueSets) {
		Map<String, Map<String, String>> codesBySystem = new TreeMap<>();
		for (ValueSet valueSet : valueSets) {
			for (ValueSet.ConceptSetComponent include : valueSet.getCompose().getInclude()) {
				if (isExternal(include.getSystem())) collect(include, codesBySystem);
			}
		}
		List<CodeSystem> fragments = new ArrayList<>();
		codesBySystem.forEach((system, codes) -> fragments.add(fragment(system, codes)));
		return fragments;
	}

	private static boolean isExternal(String system) {
		return system != null && !system.startsWith(ConformanceResources.CANONICAL_BASE);
	}

	private static void collect(ValueSet.ConceptSetComponent include, Map<String, Map<String, String>> codesBySystem) {
		if (include.hasFilter()) {
			// a filter cannot be turned into a list of codes: the fragment would silently miss some
			throw new IllegalStateException("A filter on external system " + include.getSystem() + " cannot become a fragment");
		}
		Map<String, String> codes = codesBySystem.computeIfAbsent(include.getSystem(), s -> new TreeMap<>());
		for (ValueSet.ConceptReferenceComponent concept : include.getConcept()) {
			codes.merge(concept.getCode(), concept.hasDisplay() ? concept.getDisplay() : "", (a, b) -> a.isEmpty() ? b : a);
		}
	}

	private static CodeSystem fragment(String system, Map<String, String> codes) {
		String[] known = KNOWN.get(system);
		if (known == null) {
			throw new IllegalStateException("Name the fragment of external system " + system + " in ExternalCodeSystemFragments");
		}
		CodeSystem fragment = new CodeSystem();
		fragment.setId(known[0]);
		fragment.setUrl(system);
		fragment.setName(known[1].replaceAll("[^A-Za-z0-9]", "") + "Fragment");
		fragment.setTitle(known[1] + " (the codes this package's value sets enumerate)");
		fragment.setStatus(PublicationStatus.ACTIVE);
		fragment.setExperimental(false);
		fragment.setCaseSensitive(true);
		fragment.setContent(CodeSystem.CodeSystemContentMode.FRAGMENT);
		fragment.setDescription("Not " + known[1] + " itself: only the " + codes.size() + " codes enumerated by the value sets"
				+ " of this package, so that a validator without a terminology server can check them. Generated from the"
				+ " value sets at build time.");
		codes.forEach((code, display) -> fragment.addConcept().setCode(code).setDisplay(display.isEmpty() ? null : display));
		return fragment;
	}
}
