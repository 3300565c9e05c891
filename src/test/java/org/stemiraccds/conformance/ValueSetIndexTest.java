package org.stemiraccds.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.stemiraccds.guideline.Code;

/** codes.md's membership rule: ICD-10 and ATC by prefix, SNOMED CT and local codes exactly. */
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
