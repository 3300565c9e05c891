package org.stemiraccds.guideline.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stemiraccds.guideline.RuleAssert.doesNotFire;
import static org.stemiraccds.guideline.RuleAssert.evaluate;
import static org.stemiraccds.guideline.RuleAssert.fires;

import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.stemiraccds.guideline.Facts;
import org.stemiraccds.guideline.Finding;
import org.stemiraccds.guideline.GuidelineSettings;
import org.stemiraccds.guideline.Hook;
import org.stemiraccds.guideline.rules.timing.TimAdminDay;
import org.stemiraccds.guideline.rules.timing.TimBmCountdown;
import org.stemiraccds.guideline.rules.timing.TimBmWindow;
import org.stemiraccds.guideline.rules.timing.TimInjuryDateMissing;
import org.stemiraccds.guideline.rules.timing.TimNoBmCollection;

/** Timing rules (box, §6④, table 6). Injury on 2026-10-20 is day 0; day 31 is 2026-11-20. */
class TimingRulesTest {
	private static final String INJURY = "2026-10-20";

	@Nested
	class TimInjuryDateMissingTest {
		private final TimInjuryDateMissing rule = new TimInjuryDateMissing();

		@Test
		void firesWhenTheSciHasNoOnset() {
			assertThat(fires(rule, Facts.in(Hook.PATIENT_VIEW).condition("Condition/sci", "S24.0", null)).implicated())
					.containsExactly("Condition/sci");
		}

		@Test
		void doesNotFireWithAnOnset() {
			doesNotFire(rule, Facts.in(Hook.PATIENT_VIEW).injuredOn(INJURY));
		}
	}

	@Nested
	class TimBmCountdownTest {
		private final TimBmCountdown rule = new TimBmCountdown();

		@Test
		void countsDownOnDay31() {
			Finding finding = fires(rule, Facts.in(Hook.PATIENT_VIEW).injuredOn(INJURY).now("2026-11-20"));
			assertThat(finding.values()).containsEntry("day", 31L).containsEntry("daysLeft", 0L);
		}

		@Test
		void isSilentOnDay32() {
			doesNotFire(rule, Facts.in(Hook.PATIENT_VIEW).injuredOn(INJURY).now("2026-11-21"));
		}

		@Test
		void isSilentForAPatientWhoseAisIsNotEligible() {
			doesNotFire(rule, Facts.in(Hook.PATIENT_VIEW).injuredOn(INJURY).now("2026-11-10").ais("D", "2026-11-09"));
			fires(rule, Facts.in(Hook.PATIENT_VIEW).injuredOn(INJURY).now("2026-11-10").ais("C", "2026-11-09"));
		}

		@Test
		void isSilentOnceMarrowIsCollected() {
			doesNotFire(rule, Facts.in(Hook.PATIENT_VIEW).injuredOn(INJURY).now("2026-11-10").marrowCollected("2026-11-09"));
		}
	}

	@Nested
	class TimBmWindowTest {
		private final TimBmWindow rule = new TimBmWindow();

		@Test
		void firesForACollectionPlannedOnDay32() {
			Finding finding = fires(rule, Facts.in(Hook.ORDER_SIGN).injuredOn(INJURY).now("2026-11-10").marrowPlanned("2026-11-21"));
			assertThat(finding.values()).containsEntry("day", 32L).containsEntry("lastDay", 31)
					.as("the trial's days, beside the label's target").containsEntry("trialFirstDay", 11).containsEntry("trialLastDay", 25);
			assertThat(finding.implicated()).containsExactly("Procedure/c1");
		}

		@Test
		void doesNotFireForACollectionOnDay31() {
			doesNotFire(rule, Facts.in(Hook.ORDER_SIGN).injuredOn(INJURY).now("2026-11-10").marrowPlanned("2026-11-20"));
		}

		@Test
		void firesWhenNoneExistsAndDay31HasPassed() {
			assertThat(fires(rule, Facts.in(Hook.PATIENT_VIEW).injuredOn(INJURY).now("2026-11-21")).values()).containsEntry("day", 32L);
		}

		@Test
		void respectsAChangedTargetDay() {
			GuidelineSettings day35 = GuidelineSettings.bind(Map.of("bone-marrow-last-day", "35"));
			assertThat(evaluate(rule, Facts.in(Hook.PATIENT_VIEW).injuredOn(INJURY).now("2026-11-21"), day35)).isEmpty();
		}
	}

	@Nested
	class TimNoBmCollectionTest {
		private final TimNoBmCollection rule = new TimNoBmCollection();

		@Test
		void firesWhenOnlyAPlannedCollectionExists() {
			fires(rule, Facts.in(Hook.ORDER_SIGN).injuredOn(INJURY).marrowPlanned("2026-11-10").orderingStemirac());
		}

		@Test
		void doesNotFireAfterACompletedCollection() {
			doesNotFire(rule, Facts.in(Hook.ORDER_SIGN).injuredOn(INJURY).marrowCollected("2026-11-09").orderingStemirac());
		}
	}

	@Nested
	class TimAdminDayTest {
		private final TimAdminDay rule = new TimAdminDay();

		@Test
		void showsTheInfusionDayAgainstTheTrialsPlanAndObservedDays() {
			Finding finding = fires(rule, Facts.in(Hook.ADMINISTRATION).injuredOn(INJURY).administering("2026-12-05"));
			assertThat(finding.values()).containsEntry("day", 46L)
					.containsEntry("plannedDay", 40).containsEntry("marginDays", 14)
					.containsEntry("plannedFirstDay", 26L).containsEntry("plannedLastDay", 54L)
					.containsEntry("trialFirstDay", 43).containsEntry("trialLastDay", 54)
					.containsEntry("inPlannedRange", true);
		}

		@Test
		void usesThePlannedDateOfTheOrder() {
			Finding finding = fires(rule, Facts.in(Hook.ORDER_SIGN).injuredOn(INJURY).orderingStemiracFor("2026-11-30"));
			assertThat(finding.values()).containsEntry("day", 41L).containsEntry("inPlannedRange", true);
		}

		@Test
		void day25IsBeforeThePlannedWindowAndDay26InIt() {
			assertThat(fires(rule, Facts.in(Hook.ORDER_SIGN).injuredOn(INJURY).orderingStemiracFor("2026-11-14")).values())
					.containsEntry("day", 25L).containsEntry("inPlannedRange", false);
			assertThat(fires(rule, Facts.in(Hook.ORDER_SIGN).injuredOn(INJURY).orderingStemiracFor("2026-11-15")).values())
					.containsEntry("inPlannedRange", true);
		}

		@Test
		void isSilentWithoutAnInjuryDate() {
			doesNotFire(rule, Facts.in(Hook.ORDER_SIGN).condition("Condition/sci", "S14.1", null).orderingStemirac());
		}
	}
}
