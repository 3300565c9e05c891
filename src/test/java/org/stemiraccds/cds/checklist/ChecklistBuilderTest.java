package org.stemiraccds.cds.checklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.stemiraccds.cds.checklist.Checklist.CollectionState;
import org.stemiraccds.cds.checklist.Checklist.ConsentState;
import org.stemiraccds.cds.checklist.Checklist.Eligibility;
import org.stemiraccds.cds.checklist.Checklist.Result;
import org.stemiraccds.guideline.Facts;
import org.stemiraccds.guideline.Guideline;
import org.stemiraccds.guideline.GuidelineRule;
import org.stemiraccds.guideline.GuidelineSettings;
import org.stemiraccds.guideline.Hook;
import org.stemiraccds.guideline.PatientFacts;
import org.stemiraccds.guideline.RuleDefinition;
import org.stemiraccds.guideline.rules.dose.DoseRange;
import org.stemiraccds.guideline.rules.timing.TimBmCountdown;
import org.stemiraccds.guideline.rules.timing.TimBmWindow;

/** The checklist's content from the facts: eligibility, the day count, the statuses and every rule's result. */
class ChecklistBuilderTest {
	private static final GuidelineSettings SETTINGS = GuidelineSettings.defaults();
	private static final Guideline GUIDELINE = Guideline.standard();
	private static final ChecklistBuilder BUILDER = new ChecklistBuilder(GUIDELINE, SETTINGS);

	private static Checklist checklist(Facts facts) {
		PatientFacts built = facts.build();
		return BUILDER.build(built, GUIDELINE.evaluate(built, SETTINGS), "");
	}

	private static Facts candidate() {
		return Facts.in(Hook.PATIENT_VIEW).now("2026-11-25").injuredOn("2026-11-05");
	}

	private static String id(Class<? extends GuidelineRule> rule) {
		return rule.getAnnotation(RuleDefinition.class).id();
	}

	private static Map<String, Result> results(Checklist checklist) {
		return checklist.rules().stream().collect(Collectors.toMap(Checklist.RuleRow::id, Checklist.RuleRow::result));
	}

	@Test
	void theDayCountIsCalendarDaysFromTheInjuryAgainstTheMarrowTarget() {
		Checklist checklist = checklist(candidate());
		assertThat(checklist.day()).contains(20L);
		assertThat(checklist.marrowLastDay()).isEqualTo(31);
		assertThat(checklist.daysToMarrowTarget()).contains(11L);
		assertThat(checklist(candidate().now("2026-12-10")).daysToMarrowTarget()).contains(-4L);
	}

	@Test
	void withoutAnInjuryDateThereIsNoDayCount() {
		Checklist checklist = checklist(Facts.in(Hook.PATIENT_VIEW).consented());
		assertThat(checklist.day()).isEmpty();
		assertThat(checklist.daysToMarrowTarget()).isEmpty();
	}

	@Test
	void theInfusionWindowIsTheTrialsPlanAndObservedDays() {
		Checklist.InfusionWindow window = checklist(candidate()).infusionWindow();
		assertThat(window).isEqualTo(new Checklist.InfusionWindow(26, 54, 43, 54));
	}

	@Test
	void eligibilityFollowsTheLatestAisInTheWindow() {
		assertThat(checklist(candidate().ais("B", "2026-11-24")).eligibility()).isEqualTo(Eligibility.ELIGIBLE);
		assertThat(checklist(candidate().ais("B", "2026-11-24")).aisGrade()).contains("B");
		assertThat(checklist(candidate().ais("D", "2026-11-24")).eligibility()).isEqualTo(Eligibility.NOT_ELIGIBLE);
		assertThat(checklist(candidate()).eligibility()).isEqualTo(Eligibility.UNKNOWN);
		// an AIS older than the window does not decide
		assertThat(checklist(candidate().ais("B", "2026-11-01")).eligibility()).isEqualTo(Eligibility.UNKNOWN);
	}

	@Test
	void theMarrowCollectionIsItsMostAdvancedState() {
		assertThat(checklist(candidate()).marrowCollection()).isEqualTo(CollectionState.NONE);
		assertThat(checklist(candidate().marrowPlanned("2026-11-28")).marrowCollection()).isEqualTo(CollectionState.PLANNED);
		assertThat(checklist(candidate().marrowPlanned("2026-11-28").marrowCollected("2026-11-20")).marrowCollection())
				.isEqualTo(CollectionState.DONE);
		assertThat(checklist(candidate().bloodCollected("2026-11-20")).marrowCollection()).isEqualTo(CollectionState.NONE);
	}

	@Test
	void aRefusalWinsOverAConsent() {
		assertThat(checklist(candidate()).consent()).isEqualTo(ConsentState.NOT_RECORDED);
		assertThat(checklist(candidate().consented()).consent()).isEqualTo(ConsentState.GIVEN);
		assertThat(checklist(candidate().consented().refused()).consent()).isEqualTo(ConsentState.REFUSED);
	}

	@Test
	void everyRuleAppearsOnceWithItsSectionAndResult() {
		Checklist checklist = checklist(candidate().ais("B", "2026-11-24"));
		assertThat(checklist.rules()).hasSize(GUIDELINE.rules().size());
		GUIDELINE.rules().forEach(rule -> assertThat(checklist.rules()).anyMatch(row ->
				row.id().equals(rule.definition().id()) && row.section().equals(rule.definition().section())));
		Map<String, Result> results = results(checklist);
		assertThat(results.get(id(TimBmCountdown.class))).isEqualTo(Result.FIRED);
		assertThat(results.get(id(TimBmWindow.class))).isEqualTo(Result.CLEAR);
		// an order's dose is judged only when an order is being decided
		assertThat(results.get(id(DoseRange.class))).isEqualTo(Result.NOT_APPLICABLE);
	}

	@Test
	void aPatientOutOfScopeHasNothingApplicable() {
		Checklist checklist = checklist(Facts.in(Hook.PATIENT_VIEW).now("2026-11-25").injuredOn("2025-01-05"));
		assertThat(checklist.inScope()).isFalse();
		assertThat(results(checklist).values()).containsOnly(Result.NOT_APPLICABLE);
		assertThat(checklist(candidate()).inScope()).isTrue();
	}

	@Test
	void theClaimRemarksArePassedThrough() {
		PatientFacts facts = candidate().build();
		assertThat(BUILDER.build(facts, GUIDELINE.evaluate(facts, SETTINGS), "医師要件ア").claimRemarks()).isEqualTo("医師要件ア");
		assertThat(Optional.of(BUILDER.build(facts, GUIDELINE.evaluate(facts, SETTINGS), "")).map(Checklist::claimRemarks)).contains("");
	}
}
