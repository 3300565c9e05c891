package org.stemiraccds.guideline.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stemiraccds.guideline.RuleAssert.doesNotFire;
import static org.stemiraccds.guideline.RuleAssert.fires;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.stemiraccds.guideline.Facts;
import org.stemiraccds.guideline.Finding;
import org.stemiraccds.guideline.Hook;
import org.stemiraccds.guideline.Severity;

/** Vital-sign safety rules, chain of identity, consent, registry and follow-up. */
class MoreRulesTest {
	private static Facts signing() {
		return Facts.in(Hook.ORDER_SIGN).injuredOn("2026-10-20").orderingStemirac();
	}

	@Nested
	class SafNrLowWeightAnemiaTest {
		private final SafNrLowWeightAnemia rule = new SafNrLowWeightAnemia();

		@Test
		void haemoglobinThresholdDependsOnSex() {
			assertThat(fires(rule, signing().haemoglobin(12.9, "2026-11-24")).values()).containsEntry("haemoglobin", 12.9);
			doesNotFire(rule, signing().haemoglobin(13.0, "2026-11-24"));
			doesNotFire(rule, signing().female().haemoglobin(12.9, "2026-11-24"));
			fires(rule, signing().female().haemoglobin(11.9, "2026-11-24"));
		}

		@Test
		void bmiBelow18Point5() {
			assertThat(fires(rule, signing().weighs(53, "2026-11-24").tall(170, "2026-11-01")).values()).containsEntry("bmi", 18.3);
			doesNotFire(rule, signing().weighs(54, "2026-11-24").tall(170, "2026-11-01"));
		}

		@Test
		void anAnaemiaConditionCounts() {
			fires(rule, signing().condition("Condition/anaemia", "D64.9", "2026-11-01"));
		}
	}

	@Nested
	class SafNrBpUncontrolledTest {
		private final SafNrBpUncontrolled rule = new SafNrBpUncontrolled();

		@Test
		void firesAt141Over90() {
			assertThat(fires(rule, signing().bloodPressure(141, 90, "2026-11-24")).values()).containsEntry("systolic", 141.0);
		}

		@Test
		void doesNotFireAt140Over90() {
			doesNotFire(rule, signing().bloodPressure(140, 90, "2026-11-24"));
		}

		@Test
		void judgesOnTheLatestMeasurement() {
			doesNotFire(rule, signing().bloodPressure(160, 100, "2026-11-20").bloodPressure(130, 80, "2026-11-24"));
			fires(rule, signing().bloodPressure(130, 91, "2026-11-24"));
		}
	}

	@Nested
	class SafBpMissingTest {
		@Test
		void firesWhenTheLatestIsEightDaysOld() {
			fires(new SafBpMissing(), signing().bloodPressure(120, 70, "2026-11-17"));
			doesNotFire(new SafBpMissing(), signing().bloodPressure(120, 70, "2026-11-18"));
		}
	}

	@Nested
	class SafChainOfIdentityTest {
		private final SafChainOfIdentity rule = new SafChainOfIdentity();

		@Test
		void criticalWhenTheLotWasMadeFromAnotherPatient() {
			Finding finding = fires(rule, signing().lotMadeFrom("Patient/someone-else"));
			assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
			assertThat(finding.implicated()).contains("Medication/lot");
		}

		@Test
		void warningWhenTheSourceIsNotRecorded() {
			assertThat(fires(rule, signing().lotMadeFrom(null)).severity()).isEqualTo(Severity.WARNING);
		}

		@Test
		void silentForTheOwnLot() {
			doesNotFire(rule, signing().lotMadeFrom(Facts.PATIENT));
		}
	}

	@Test
	void consentIsNeededBeforeUse() {
		fires(new ProConsent(), signing());
		doesNotFire(new ProConsent(), signing().consented());
	}

	@Test
	void registryEnrolment() {
		fires(new FacRegistry(), signing());
		doesNotFire(new FacRegistry(), signing().enrolledInRegistry());
	}

	@Nested
	class OutFollowupTest {
		private final OutFollowup rule = new OutFollowup();

		@Test
		void firesOnDay221WithoutAFollowUpAis() {
			assertThat(fires(rule, Facts.in(Hook.PATIENT_VIEW).injuredOn("2026-01-01").givenBefore("2026-02-20")
					.now("2026-08-10")).values()).containsEntry("day", 221L);
		}

		@Test
		void silentOnDay220() {
			doesNotFire(rule, Facts.in(Hook.PATIENT_VIEW).injuredOn("2026-01-01").givenBefore("2026-02-20").now("2026-08-09"));
		}

		@Test
		void silentOnceTheFollowUpIsRecorded() {
			doesNotFire(rule, Facts.in(Hook.PATIENT_VIEW).injuredOn("2026-01-01").givenBefore("2026-02-20")
					.ais("C", "2026-08-09").now("2026-08-20"));
		}
	}
}
