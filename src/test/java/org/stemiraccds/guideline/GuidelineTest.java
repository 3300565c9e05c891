package org.stemiraccds.guideline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The engine: hooks select rules, out-of-scope patients get nothing. */
class GuidelineTest {
	private final Guideline guideline = Guideline.standard();

	@Test
	void anUnrelatedPatientGetsNoFindings() {
		PatientFacts unrelated = Facts.in(Hook.PATIENT_VIEW).condition("Condition/flu", "J10", "2026-11-01").build();
		assertThat(guideline.evaluate(unrelated, GuidelineSettings.defaults())).isEmpty();
	}

	@Test
	void onlyRulesDeclaredForTheHookRun() {
		PatientFacts view = Facts.in(Hook.PATIENT_VIEW).injuredOn("2026-10-20").now("2026-11-10").build();
		assertThat(guideline.evaluate(view, GuidelineSettings.defaults()))
				.extracting(Finding::ruleId)
				.containsExactlyInAnyOrder("IND-AIS-MISSING", "TIM-BM-COUNTDOWN");
	}

	@Test
	void aStemiracOrderBringsAPatientWithoutSciIntoScope() {
		PatientFacts order = Facts.in(Hook.ORDER_SIGN).orderingStemirac().build();
		assertThat(guideline.evaluate(order, GuidelineSettings.defaults()))
				.extracting(Finding::ruleId)
				.contains("IND-SCI-NOT-TRAUMATIC", "IND-AIS-MISSING", "TIM-NO-BM-COLLECTION");
	}
}
