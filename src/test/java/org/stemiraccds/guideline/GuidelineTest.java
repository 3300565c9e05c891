package org.stemiraccds.guideline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The engine: hooks select rules, only patients in STEMIRAC care (or candidates) get findings. */
class GuidelineTest {
	private static final String LONG_AGO = "2025-06-01";
	private final Guideline guideline = Guideline.standard();

	private List<String> ruleIds(Facts facts) {
		return guideline.evaluate(facts.build(), GuidelineSettings.defaults()).stream().map(Finding::ruleId).toList();
	}

	@Test
	void anUnrelatedPatientGetsNoFindings() {
		assertThat(ruleIds(Facts.in(Hook.PATIENT_VIEW).condition("Condition/flu", "J10", "2026-11-01"))).isEmpty();
	}

	@Test
	void onlyRulesDeclaredForTheHookRun() {
		assertThat(ruleIds(Facts.in(Hook.PATIENT_VIEW).injuredOn("2026-10-20").now("2026-11-10")))
				.containsExactlyInAnyOrder("IND-AIS-MISSING", "TIM-BM-COUNTDOWN");
	}

	@Test
	void aCandidateIsInScopeUntilCandidateDays() {
		assertThat(ruleIds(Facts.in(Hook.PATIENT_VIEW).injuredOn("2026-10-02").now("2026-11-25"))).as("day 54").isNotEmpty();
		assertThat(ruleIds(Facts.in(Hook.PATIENT_VIEW).injuredOn("2026-10-01").now("2026-11-25"))).as("day 55").isEmpty();
	}

	@Test
	void candidateDaysIsASetting() {
		GuidelineSettings sixtyDays = GuidelineSettings.bind(Map.of("candidate-days", "60"));
		PatientFacts day55 = Facts.in(Hook.PATIENT_VIEW).injuredOn("2026-10-01").now("2026-11-25").build();
		assertThat(guideline.evaluate(day55, sixtyDays)).isNotEmpty();
	}

	@Test
	void aTraumaticSciOfUnknownDateWithNothingElseIsNotInCare() {
		assertThat(ruleIds(Facts.in(Hook.PATIENT_VIEW).condition("Condition/sci", "S14.1", null))).isEmpty();
	}

	static Stream<Arguments> stemiracCare() {
		return Stream.<UnaryOperator<Facts>>of(
				f -> f.stemiracOnRecord("MedicationRequest/stored"),
				f -> f.stemiracOnRecord("Medication/lot"),
				Facts::consented,
				Facts::refused,
				Facts::enrolledInRegistry,
				f -> f.bloodPlanned("2025-06-20"),
				f -> f.marrowCollected("2025-06-25"),
				f -> f.givenBefore("2025-07-20"))
				.map(Arguments::of);
	}

	@ParameterizedTest
	@MethodSource("stemiracCare")
	void anOldInjuryInStemiracCareIsInScope(UnaryOperator<Facts> care) {
		Facts injuredLongAgo = Facts.in(Hook.PATIENT_VIEW).injuredOn(LONG_AGO);
		assertThat(ruleIds(injuredLongAgo)).isEmpty();
		assertThat(ruleIds(care.apply(Facts.in(Hook.PATIENT_VIEW).injuredOn(LONG_AGO)))).isNotEmpty();
	}

	@Test
	void anOrderBeingDecidedIsStemiracCare() {
		assertThat(ruleIds(Facts.in(Hook.ORDER_SIGN).orderingStemirac()))
				.contains("IND-SCI-NOT-TRAUMATIC", "IND-AIS-MISSING", "TIM-NO-BM-COLLECTION");
		assertThat(ruleIds(Facts.in(Hook.ORDER_SELECT).injuredOn(LONG_AGO).orderingMarrowCollection("2026-11-26")))
				.contains("MON-COLLECTION", "PRO-CONSENT");
		assertThat(ruleIds(Facts.in(Hook.ADMINISTRATION).injuredOn(LONG_AGO).administering("2026-11-25")))
				.contains("TIM-NO-BM-COLLECTION");
	}

	@Test
	void anIneligibleAisSilencesTheMarrowCountdown() {
		assertThat(ruleIds(Facts.in(Hook.PATIENT_VIEW).injuredOn("2026-10-20").now("2026-11-10").ais("D", "2026-11-09")))
				.contains("IND-AIS-NOT-ELIGIBLE")
				.doesNotContain("TIM-BM-COUNTDOWN");
	}
}
