package org.stemiraccds.guideline;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.junit.jupiter.api.Test;
import org.stemiraccds.conformance.ConformanceResources;
import org.stemiraccds.guideline.rules.indication.IndSciNotTraumatic;

/** The code and the catalogue (CodeSystem guideline-rule) cannot drift apart. */
class GuidelineCatalogueTest {
	private static final Map<String, ConceptDefinitionComponent> catalogue = ConformanceResources
			.load(FhirContext.forR4Cached()).ofType(CodeSystem.class).stream()
			.filter(cs -> cs.getIdElement().getIdPart().equals("guideline-rule"))
			.findFirst()
			.orElseThrow()
			.getConcept()
			.stream()
			.collect(Collectors.toMap(ConceptDefinitionComponent::getCode, Function.identity()));

	@Test
	void everyRuleIsDeclaredOnceAndMatchesItsCatalogueEntry() {
		for (GuidelineRule rule : Guideline.standard().rules()) {
			RuleDefinition definition = rule.definition();
			assertThat(definition).as(rule.getClass().getSimpleName() + " has @RuleDefinition").isNotNull();
			ConceptDefinitionComponent entry = catalogue.get(definition.id());
			assertThat(entry).as(definition.id() + " is in CodeSystem guideline-rule").isNotNull();
			assertThat(property(entry, "severity")).as(definition.id()).isEqualTo(definition.severity().indicator());
			assertThat(property(entry, "hooks")).as(definition.id())
					.isEqualTo(Arrays.stream(definition.hooks()).map(Hook::code).collect(Collectors.joining(" ")));
			assertThat(property(entry, "section")).as(definition.id()).isEqualTo(definition.section());
			assertThat(rule.getClass().getSimpleName()).as("class named after " + definition.id())
					.isEqualTo(className(definition.id()));
		}
		assertThat(Guideline.standard().rules()).extracting(r -> r.definition().id()).doesNotHaveDuplicates();
	}

	@Test
	void everyCatalogueEntryIsImplemented() {
		assertThat(Guideline.standard().rules())
				.extracting(r -> r.definition().id())
				.containsExactlyInAnyOrderElementsOf(catalogue.keySet());
	}

	private static String property(ConceptDefinitionComponent entry, String code) {
		return entry.getProperty().stream()
				.filter(p -> p.getCode().equals(code))
				.findFirst()
				.map(p -> p.getValue().primitiveValue())
				.orElse(null);
	}

	/** IND-SCI-NOT-TRAUMATIC → IndSciNotTraumatic. */
	private static String className(String id) {
		return Arrays.stream(id.split("-"))
				.map(part -> part.charAt(0) + part.substring(1).toLowerCase())
				.collect(Collectors.joining());
	}
}
