package org.stemiraccds.outcomes;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.Arrays;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Measure;
import org.junit.jupiter.api.Test;
import org.stemiraccds.conformance.ConformanceResources;

/** The outcome codes are those of terminology/ and profiles/, not codes of their own. */
class ScoreMeasureTest {
	private static final ConformanceResources CONTENT = ConformanceResources.load(FhirContext.forR4Cached());

	@Test
	void everyScoreMeasureIsACodeOfCodeSystemSciScore() {
		CodeSystem sciScore = CONTENT.ofType(CodeSystem.class).stream().filter(cs -> cs.getUrl().equals(ScoreMeasure.SYSTEM)).findFirst().orElseThrow();
		assertThat(sciScore.getConcept()).extracting(CodeSystem.ConceptDefinitionComponent::getCode)
				.containsAll(Arrays.stream(ScoreMeasure.values()).map(ScoreMeasure::code).toList());
	}

	@Test
	void theMeasureHasAGroupPerTableRowMeasure() {
		Measure measure = CONTENT.ofType(Measure.class).stream().filter(m -> m.getUrl().equals(OutcomeReport.MEASURE)).findFirst().orElseThrow();
		assertThat(measure.getGroup()).extracting(g -> g.getCode().getCodingFirstRep().getCode())
				.containsExactly("improved-1-grade", "improved-2-grades", "isncsci-motor", "isncsci-light-touch", "isncsci-pin-prick",
						"isncsci-total", "scim-total");
	}
}
