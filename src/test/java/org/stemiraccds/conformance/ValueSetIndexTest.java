package org.stemiraccds.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.stemiraccds.guideline.Code;

/** Value-set membership for the rules: ICD-10 and ATC by prefix, SNOMED CT and local codes exactly. */
class ValueSetIndexTest {
	private static final ValueSetIndex index = ValueSetIndex.of(ConformanceResources.load(StandaloneValidator.R4));
	private static final String ICD10 = "http://hl7.org/fhir/sid/icd-10";

	@Test
	void icd10CodesBelongByPrefix() {
		assertThat(index.contains("nr-malignancy", new Code(ICD10, "C34.1"))).isTrue();
		assertThat(index.contains("nr-vascular", new Code(ICD10, "S06.50"))).isTrue();
		assertThat(index.contains("nr-vascular", new Code(ICD10, "S06.0"))).isFalse();
		assertThat(index.contains("sci-traumatic", new Code(ICD10, "G95.1"))).isFalse();
	}

	@Test
	void icd10CodesAreReadInTheirCanonicalForm() {
		assertThat(index.contains("sci-traumatic", new Code(ICD10, "S141"))).isTrue();
		assertThat(index.contains("sci-traumatic", new Code(ICD10, "s14.1"))).isTrue();
		assertThat(index.contains("sci-traumatic", new Code(ICD10, " S14.1 "))).isTrue();
		assertThat(index.contains("sci-traumatic", new Code(ICD10, "S151"))).isFalse();
		assertThat(ValueSetIndex.canonical(new Code(ICD10, "s14101a"))).isEqualTo(new Code(ICD10, "S14.101A"));
		assertThat(ValueSetIndex.canonical(new Code("http://snomed.info/sct", "s141"))).isEqualTo(new Code("http://snomed.info/sct", "s141"));
	}

	@Test
	void icd10CmCountsAsIcd10() {
		assertThat(index.contains("sci-traumatic", new Code(ValueSetIndex.ICD10_CM, "S14.101A"))).isTrue();
		assertThat(index.contains("sci-traumatic", new Code(ValueSetIndex.ICD10_CM, "G95.1"))).isFalse();
		assertThat(index.contains("sci-traumatic", new Code("http://example.org/local-icd", "S14.1"))).isFalse();
	}

	@Test
	void incompleteCodesBelongNowhere() {
		assertThat(index.contains("sci-traumatic", new Code(null, "S14.1"))).isFalse();
		assertThat(index.contains("sci-traumatic", new Code(ICD10, null))).isFalse();
	}

	@Test
	void edqmIntravenousUseIsIntravenous() {
		assertThat(index.contains("route-intravenous", new Code("http://standardterms.edqm.eu", "20045000"))).isTrue();
		assertThat(index.contains("route-intravenous", new Code("http://standardterms.edqm.eu", "20066000"))).isFalse();
	}

	@Test
	void atcCodesBelongByPrefix() {
		assertThat(index.contains("allergen-anaphylaxis-watch", new Code("http://www.whocc.no/atc", "J01CA04"))).isTrue();
		assertThat(index.contains("allergen-anaphylaxis-watch", new Code("http://www.whocc.no/atc", "J01D"))).isFalse();
	}

	@Test
	void snomedAndLocalCodesMatchExactly() {
		assertThat(index.contains("sci-traumatic", new Code("http://snomed.info/sct", "90584004"))).isTrue();
		assertThat(index.contains("sci-traumatic", new Code("http://snomed.info/sct", "905840041"))).isFalse();
		assertThat(index.contains("nr-infection",
				new Code(ConformanceResources.CANONICAL_BASE + "/CodeSystem/not-recommended-category", "infection"))).isTrue();
	}

	@Test
	void aValueSetOfAWholeLocalCodeSystemListsEveryCode() {
		assertThat(index.codes("facility-requirement")).hasSize(15);
		assertThat(index.contains("ais-grade", new Code(ConformanceResources.CANONICAL_BASE + "/CodeSystem/ais-grade", "C"))).isTrue();
	}

	@Test
	void everyValueSetIsIndexed() {
		assertThat(index.valueSetIds()).contains("sci-traumatic", "nr-spinal-disease", "allergen-contraindicated");
	}
}
