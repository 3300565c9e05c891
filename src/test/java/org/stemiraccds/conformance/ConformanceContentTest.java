package org.stemiraccds.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;

/** profiles/ and terminology/ hold the profiles, code systems and value sets the rules and the profiles need, consistently named. */
class ConformanceContentTest {
	private static final ConformanceResources content = ConformanceResources.load(StandaloneValidator.R4);

	@Test
	void everyResourceHasCanonicalUrlFromItsTypeAndId() {
		assertThat(content.all()).hasSizeGreaterThan(50);
		for (MetadataResource resource : content.all()) {
			assertThat(resource.getUrl())
					.isEqualTo(ConformanceResources.CANONICAL_BASE + "/" + resource.fhirType() + "/"
							+ resource.getIdElement().getIdPart());
			assertThat(resource.getStatus().toCode()).isEqualTo("active");
		}
	}

	@Test
	void localCodeSystemsHoldTheFixedCodesWithJapaneseAndEnglishDisplays() {
		assertCodes("ais-grade", "A", "B", "C", "D", "E");
		assertCodes("ais-timepoint", "screening", "first-blood-collection", "pre-administration", "follow-up");
		assertCodes("stemirac-product", "STEMIRAC");
		assertCodes("stemirac-procedure", "bone-marrow-collection", "peripheral-blood-collection");
		assertCodes("stemirac-allergen", "product-component", "penicillin", "streptomycin", "animal-derived");
		assertCodes("physician-requirement", "req-a", "req-i", "rehab-7-2", "manufacturer-training", "sci-experienced");
		assertCodes("facility-requirement", "1-1-1", "1-1-2", "1-1-3", "1-1-4a", "1-1-4b", "1-1-4c", "1-1-5",
				"1-1-6", "1-3", "1-4", "1-5", "2", "3-1", "3-2", "3-3");
		assertCodes("not-recommended-category", "malignancy", "allergic-diathesis", "hypercoagulable", "infection",
				"low-weight-anemia", "poor-general-condition", "vascular", "spinal-disease", "uncontrolled-bp");
		assertCodes("override-reason", "no-alternative", "benefit-outweighs-risk", "data-incorrect", "will-address");
		for (CodeSystem cs : codeSystems().values()) {
			for (CodeSystem.ConceptDefinitionComponent concept : cs.getConcept()) {
				assertThat(concept.getDisplay()).as(cs.getId() + "#" + concept.getCode()).isNotBlank();
				assertThat(concept.getDesignation())
						.as(cs.getId() + "#" + concept.getCode() + " English designation")
						.anyMatch(d -> "en".equals(d.getLanguage()) && !d.getValue().isBlank());
			}
		}
	}

	@Test
	void claimRemarksWordingIsTheInsuranceNoticeOwn() {
		assertThat(display("physician-requirement", "req-a")).isEqualTo("医師要件ア");
		assertThat(display("physician-requirement", "req-i")).isEqualTo("医師要件イ");
	}

	@Test
	void everyGuidelineRuleCarriesSeverityHooksAndSection() {
		CodeSystem rules = codeSystems().get("guideline-rule");
		assertThat(rules.getConcept()).hasSize(45);
		for (CodeSystem.ConceptDefinitionComponent rule : rules.getConcept()) {
			Map<String, String> props = rule.getProperty().stream()
					.collect(Collectors.toMap(p -> p.getCode(), p -> p.getValue().primitiveValue()));
			assertThat(props.get("severity")).as(rule.getCode()).isIn("critical", "warning", "info");
			assertThat(props.get("hooks")).as(rule.getCode()).matches("(PV|OS|SG|MA)( (PV|OS|SG|MA))*");
			assertThat(props.get("section")).as(rule.getCode()).isNotBlank();
			assertThat(rule.getDefinition()).as(rule.getCode()).isNotBlank();
		}
	}

	@Test
	void valueSetsEnumerateTheSpecifiedCodes() {
		assertThat(codes("sci-traumatic", "http://hl7.org/fhir/sid/icd-10"))
				.containsExactly("S14.0", "S14.1", "S24.0", "S24.1", "S34.0", "S34.1", "S34.3", "T09.3");
		assertThat(codes("sci-traumatic", "http://snomed.info/sct")).containsExactly("90584004");
		assertThat(codes("nr-malignancy", "http://hl7.org/fhir/sid/icd-10"))
				.contains("C00", "C34", "C97", "D00", "D09", "Z85")
				.doesNotContain("C98", "D10");
		assertThat(codes("nr-infection", "http://hl7.org/fhir/sid/icd-10"))
				.contains("A00", "B99", "J12", "J18", "L03", "M86", "N39.0")
				.doesNotContain("J19");
		assertThat(codes("nr-vascular", "http://hl7.org/fhir/sid/icd-10"))
				.contains("S06.1", "S06.6")
				.doesNotContain("S06.0", "S06.7");
		assertThat(codes("allergen-anaphylaxis-watch", "http://www.whocc.no/atc")).containsExactly("J01C", "J01GA01");
		for (String category : List.of("malignancy", "allergic-diathesis", "hypercoagulable", "infection",
				"low-weight-anemia", "poor-general-condition", "vascular", "spinal-disease")) {
			assertThat(codes("nr-" + category, ConformanceResources.CANONICAL_BASE + "/CodeSystem/not-recommended-category"))
					.containsExactly(category);
		}
	}

	/** The snapshot generator silently drops differential elements out of base order: catch that here. */
	@Test
	void everyDifferentialConstraintSurvivesIntoTheGeneratedSnapshot() {
		List<StructureDefinition> profiles = content.profiles().stream().map(StructureDefinition::copy).toList();
		IValidationSupport chain = StandaloneValidationSupport.chain(
				StandaloneValidator.R4, new DefaultProfileValidationSupport(StandaloneValidator.R4), profiles);
		StandaloneValidationSupport.generateSnapshots(chain, profiles);
		for (StructureDefinition profile : profiles) {
			Map<String, ElementDefinition> snapshot = profile.getSnapshot().getElement().stream()
					.collect(Collectors.toMap(ElementDefinition::getId, Function.identity()));
			for (ElementDefinition diff : profile.getDifferential().getElement()) {
				ElementDefinition snap = snapshot.get(diff.getId());
				String where = profile.getId() + " " + diff.getId();
				assertThat(snap).as(where).isNotNull();
				if (diff.hasMin()) assertThat(snap.getMin()).as(where + " min").isEqualTo(diff.getMin());
				if (diff.hasMax()) assertThat(snap.getMax()).as(where + " max").isEqualTo(diff.getMax());
				if (diff.hasBinding()) {
					assertThat(snap.getBinding().getValueSet()).as(where + " binding").isEqualTo(diff.getBinding().getValueSet());
				}
				if (diff.hasPattern()) assertThat(snap.getPattern().equalsDeep(diff.getPattern())).as(where + " pattern").isTrue();
				if (diff.hasFixed()) assertThat(snap.getFixed().equalsDeep(diff.getFixed())).as(where + " fixed").isTrue();
				diff.getConstraint().forEach(c -> assertThat(snap.getConstraint())
						.as(where + " " + c.getKey())
						.anyMatch(s -> s.getKey().equals(c.getKey())));
			}
		}
	}

	private static void assertCodes(String codeSystem, String... codes) {
		assertThat(codeSystems().get(codeSystem).getConcept())
				.extracting(CodeSystem.ConceptDefinitionComponent::getCode)
				.containsExactly(codes);
	}

	private static String display(String codeSystem, String code) {
		return codeSystems().get(codeSystem).getConcept().stream()
				.filter(c -> c.getCode().equals(code))
				.findFirst()
				.orElseThrow()
				.getDisplay();
	}

	private static List<String> codes(String valueSet, String system) {
		ValueSet vs = content.ofType(ValueSet.class).stream()
				.filter(r -> r.getIdElement().getIdPart().equals(valueSet))
				.findFirst()
				.orElseThrow();
		return vs.getCompose().getInclude().stream()
				.filter(inc -> inc.getSystem().equals(system))
				.flatMap(inc -> inc.getConcept().stream())
				.map(ValueSet.ConceptReferenceComponent::getCode)
				.toList();
	}

	private static Map<String, CodeSystem> codeSystems() {
		return content.ofType(CodeSystem.class).stream()
				.collect(Collectors.toMap(cs -> cs.getIdElement().getIdPart(), Function.identity()));
	}
}
