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
import org.stemiraccds.guideline.Severity;
import org.stemiraccds.guideline.rules.indication.IndAisFirstBloodMissing;
import org.stemiraccds.guideline.rules.indication.IndAisMissing;
import org.stemiraccds.guideline.rules.indication.IndAisNotEligible;
import org.stemiraccds.guideline.rules.indication.IndAisPriority;
import org.stemiraccds.guideline.rules.indication.IndSciNotTraumatic;

/** Indication rules (box, §5): each fires on its minimal case and not on the nearest non-case. */
class IndicationRulesTest {

	@Nested
	class IndSciNotTraumaticTest {
		private final IndSciNotTraumatic rule = new IndSciNotTraumatic();

		@Test
		void firesForNonTraumaticMyelopathy() {
			Finding finding = fires(rule, Facts.in(Hook.ORDER_SIGN).condition("Condition/myelopathy", "G95.1", "2026-10-20").orderingStemirac());
			assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
			assertThat(finding.implicated()).containsExactly("MedicationRequest/draft");
		}

		@Test
		void doesNotFireForTraumaticSciCodedBelowTheListedCategory() {
			doesNotFire(rule, Facts.in(Hook.ORDER_SIGN).condition("Condition/sci", "S14.10", "2026-10-20").orderingStemirac());
		}
	}

	@Nested
	class IndAisMissingTest {
		private final IndAisMissing rule = new IndAisMissing();

		@Test
		void firesWhenTheLatestAisIsEightDaysOld() {
			Finding finding = fires(rule, Facts.in(Hook.ORDER_SIGN).injuredOn("2026-10-20").ais("A", "2026-11-17").orderingStemirac());
			assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
			assertThat(finding.values()).containsEntry("windowDays", 7);
		}

		@Test
		void doesNotFireWhenTheAisIsSevenDaysOld() {
			doesNotFire(rule, Facts.in(Hook.ORDER_SIGN).injuredOn("2026-10-20").ais("A", "2026-11-18").orderingStemirac());
		}

		@Test
		void theWindowIsCalendarDaysInTheZone() {
			doesNotFire(rule, Facts.in(Hook.ORDER_SIGN).injuredOn("2026-10-20").now("2026-11-25", "12:00")
					.ais("A", Facts.at("2026-11-18", "00:30"), null).orderingStemirac());
			fires(rule, Facts.in(Hook.ORDER_SIGN).injuredOn("2026-10-20").now("2026-11-25", "12:00")
					.ais("A", Facts.at("2026-11-17", "23:30"), null).orderingStemirac());
		}

		@Test
		void anAssessmentAfterNowDoesNotCount() {
			fires(rule, Facts.in(Hook.ORDER_SIGN).injuredOn("2026-10-20").now("2026-11-25", "12:00")
					.ais("A", Facts.at("2026-11-25", "15:00"), null).orderingStemirac());
		}

		@Test
		void isOnlyAWarningWhileTheOrderIsBeingChosen() {
			assertThat(fires(rule, Facts.in(Hook.ORDER_SELECT).injuredOn("2026-10-20").orderingStemirac()).severity())
					.isEqualTo(Severity.WARNING);
		}

		@Test
		void respectsAChangedWindow() {
			GuidelineSettings fourteenDays = GuidelineSettings.bind(Map.of("ais-window-days", "14"));
			assertThat(evaluate(rule, Facts.in(Hook.ORDER_SIGN).injuredOn("2026-10-20").ais("A", "2026-11-17").orderingStemirac(),
					fourteenDays)).isEmpty();
		}
	}

	@Nested
	class IndAisNotEligibleTest {
		private final IndAisNotEligible rule = new IndAisNotEligible();

		@Test
		void firesForAisD() {
			Finding finding = fires(rule, Facts.in(Hook.ORDER_SIGN).injuredOn("2026-10-20").ais("D", "2026-11-24").orderingStemirac());
			assertThat(finding.values()).containsEntry("grade", "D");
			assertThat(finding.implicated()).contains("Observation/ais-1", "MedicationRequest/draft");
		}

		@Test
		void doesNotFireForAisC() {
			doesNotFire(rule, Facts.in(Hook.ORDER_SIGN).injuredOn("2026-10-20").ais("C", "2026-11-24").orderingStemirac());
		}

		@Test
		void judgesOnTheLatestAssessment() {
			doesNotFire(rule, Facts.in(Hook.ORDER_SIGN).injuredOn("2026-10-20").ais("D", "2026-11-20").ais("C", "2026-11-24").orderingStemirac());
		}

		@Test
		void isAWarningOnPatientView() {
			assertThat(fires(rule, Facts.in(Hook.PATIENT_VIEW).injuredOn("2026-10-20").ais("E", "2026-11-24")).severity())
					.isEqualTo(Severity.WARNING);
		}
	}

	@Nested
	class IndAisPriorityTest {
		private final IndAisPriority rule = new IndAisPriority();

		@Test
		void firesForAisB() {
			assertThat(fires(rule, Facts.in(Hook.ORDER_SIGN).injuredOn("2026-10-20").ais("B", "2026-11-24").orderingStemirac()).values())
					.containsEntry("grade", "B");
		}

		@Test
		void doesNotFireForAisA() {
			doesNotFire(rule, Facts.in(Hook.ORDER_SIGN).injuredOn("2026-10-20").ais("A", "2026-11-24").orderingStemirac());
		}
	}

	@Nested
	class IndAisFirstBloodMissingTest {
		private final IndAisFirstBloodMissing rule = new IndAisFirstBloodMissing();

		@Test
		void firesWhenTheOnlyAisPredatesTheFirstCollectionByEightDays() {
			Finding finding = fires(rule, Facts.in(Hook.ORDER_SIGN).injuredOn("2026-10-20")
					.ais("A", "2026-10-20").bloodCollected("2026-10-28").orderingStemirac());
			assertThat(finding.implicated()).contains("Procedure/c1");
		}

		@Test
		void doesNotFireWhenAnAisWasTakenWithinSevenDaysBeforeTheFirstCollection() {
			doesNotFire(rule, Facts.in(Hook.ORDER_SIGN).injuredOn("2026-10-20")
					.ais("A", "2026-10-21").bloodCollected("2026-10-28").orderingStemirac());
		}

		@Test
		void doesNotFireWhenAnAisIsRecordedForThatTimepoint() {
			doesNotFire(rule, Facts.in(Hook.ORDER_SIGN).injuredOn("2026-10-20")
					.ais("A", "2026-10-01", "first-blood-collection").bloodCollected("2026-10-28").orderingStemirac());
		}
	}
}
