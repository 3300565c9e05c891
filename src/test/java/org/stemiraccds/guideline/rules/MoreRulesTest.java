package org.stemiraccds.guideline.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stemiraccds.guideline.RuleAssert.doesNotFire;
import static org.stemiraccds.guideline.RuleAssert.fires;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.stemiraccds.conformance.ConformanceResources;
import org.stemiraccds.guideline.Code;
import org.stemiraccds.guideline.Facts;
import org.stemiraccds.guideline.Finding;
import org.stemiraccds.guideline.Hook;
import org.stemiraccds.guideline.Severity;
import org.stemiraccds.guideline.rules.facility.FacRegistry;
import org.stemiraccds.guideline.rules.process.OutFollowup;
import org.stemiraccds.guideline.rules.process.ProConsent;
import org.stemiraccds.guideline.rules.safety.SafBpMissing;
import org.stemiraccds.guideline.rules.safety.SafChainOfIdentity;
import org.stemiraccds.guideline.rules.notrecommended.SafNrBpUncontrolled;
import org.stemiraccds.guideline.rules.notrecommended.SafNrLowWeightAnemia;

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
		void judgesTheHaemoglobinBeforeTheFirstBloodCollection() {
			Finding before = fires(rule, signing().haemoglobin(12.5, "2026-10-25").bloodCollected("2026-10-28")
					.haemoglobin(13.5, "2026-11-20"));
			assertThat(before.values()).containsEntry("haemoglobin", 12.5);
			assertThat(before.implicated()).containsExactly("Observation/hb-1");
			doesNotFire(rule, signing().haemoglobin(13.5, "2026-10-25").bloodCollected("2026-10-28").haemoglobin(9.0, "2026-11-20"));
		}

		@Test
		void noHaemoglobinBeforeTheFirstCollectionMeansNoHaemoglobinCriterion() {
			doesNotFire(rule, signing().bloodCollected("2026-10-28").haemoglobin(9.0, "2026-11-20"));
		}

		@Test
		void withoutACollectionTheLatestOfThe30DaysCounts() {
			fires(rule, signing().haemoglobin(12.0, "2026-10-26"));
			doesNotFire(rule, signing().haemoglobin(12.0, "2026-10-25"));
			fires(rule, signing().bloodPlanned("2026-11-01").haemoglobin(12.0, "2026-11-24"));
		}

		@Test
		void bmiBelow18Point5() {
			assertThat(fires(rule, signing().weighs(53, "2026-11-24").tall(170, "2026-11-01")).values()).containsEntry("bmi", 18.3);
			doesNotFire(rule, signing().weighs(54, "2026-11-24").tall(170, "2026-11-01"));
		}

		@Test
		void forAChildOnlyALowWeightOrMalnutritionDiagnosisCounts() {
			doesNotFire(rule, signing().bornOn("2014-05-01").weighs(28, "2026-11-24").tall(150, "2026-11-01"));
			fires(rule, signing().bornOn("2014-05-01").condition("Condition/thin", "R63.6", "2026-11-01"));
			fires(rule, signing().bornOn("2014-05-01").condition("Condition/malnutrition", "E44.0", "2026-11-01"));
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
		void oneIsolatedReadingAboveDoesNotFire() {
			doesNotFire(rule, signing().bloodPressure(141, 90, "2026-11-24"));
			doesNotFire(rule, signing().bloodPressure(120, 80, "2026-11-20").bloodPressure(150, 95, "2026-11-24"));
		}

		@Test
		void firesWhenTheTwoLatestReadingsAreBothAbove() {
			Finding finding = fires(rule, signing().bloodPressure(135, 92, "2026-11-20").bloodPressure(141, 90, "2026-11-24"));
			assertThat(finding.values()).containsEntry("reason", "bp-repeated").containsEntry("systolic", 141.0)
					.containsEntry("previousDiastolic", 92.0);
			assertThat(finding.implicated()).containsExactly("Observation/bp-2", "Observation/bp-1");
		}

		@Test
		void doesNotFireAt140Over90() {
			doesNotFire(rule, signing().bloodPressure(140, 90, "2026-11-20").bloodPressure(140, 90, "2026-11-24"));
		}

		@Test
		void judgesOnTheLatestMeasurements() {
			doesNotFire(rule, signing().bloodPressure(160, 100, "2026-11-19").bloodPressure(160, 100, "2026-11-20")
					.bloodPressure(130, 80, "2026-11-24"));
		}

		@Test
		void aReadingOlderThanTheWindowDoesNotCount() {
			doesNotFire(rule, signing().bloodPressure(150, 95, "2026-11-17").bloodPressure(150, 95, "2026-11-24"));
			fires(rule, signing().bloodPressure(150, 95, "2026-11-18").bloodPressure(150, 95, "2026-11-24"));
		}

		@Test
		void theLatestAboveFiresInAPatientWithHypertension() {
			Finding finding = fires(rule, signing().condition("Condition/htn", "I10", "2020-01-01").bloodPressure(150, 85, "2026-11-24"));
			assertThat(finding.values()).containsEntry("reason", "bp-hypertension");
			assertThat(finding.implicated()).containsExactly("Observation/bp-1", "Condition/htn");
			doesNotFire(rule, signing().condition("Condition/htn", new Code(Facts.ICD10, "I10"), "2020-01-01", false)
					.bloodPressure(150, 85, "2026-11-24"));
			doesNotFire(rule, signing().condition("Condition/htn", "I10", "2020-01-01").bloodPressure(130, 85, "2026-11-24"));
		}

		@Test
		void aDiagnosisThatItCannotBeControlledFires() {
			Code asserted = new Code(ConformanceResources.CANONICAL_BASE + "/CodeSystem/not-recommended-category", "uncontrolled-bp");
			assertThat(fires(rule, signing().condition("Condition/bp", asserted, null, true)).values())
					.containsEntry("reason", "bp-asserted");
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
			assertThat(finding.values()).containsEntry("reason", "lot-from-other-patient")
					.containsEntry("madeFrom", "Patient/someone-else");
			assertThat(finding.implicated()).contains("Medication/lot");
		}

		@Test
		void warningWhenTheSourceIsNotRecorded() {
			Finding finding = fires(rule, signing().lotMadeFrom(null));
			assertThat(finding.severity()).isEqualTo(Severity.WARNING);
			assertThat(finding.values()).containsEntry("reason", "lot-source-not-recorded");
		}

		@Test
		void warningWhenTheOrderNamesNoLot() {
			Finding finding = fires(rule, Facts.in(Hook.ORDER_SIGN).injuredOn("2026-10-20").orderingStemiracWithoutLot());
			assertThat(finding.severity()).isEqualTo(Severity.WARNING);
			assertThat(finding.values()).containsEntry("reason", "lot-not-identified");
			assertThat(finding.implicated()).containsExactly("MedicationRequest/draft");
		}

		@Test
		void warningWhenTheAdministrationBeingRecordedNamesNoLot() {
			assertThat(fires(rule, Facts.in(Hook.ADMINISTRATION).injuredOn("2026-10-20").administeringWithoutLot("2026-12-05"))
					.values()).containsEntry("reason", "lot-not-identified");
			doesNotFire(rule, Facts.in(Hook.ADMINISTRATION).injuredOn("2026-10-20").administering("2026-12-05")
					.lotMadeFrom(Facts.PATIENT));
		}

		@Test
		void silentForTheOwnLot() {
			doesNotFire(rule, signing().lotMadeFrom(Facts.PATIENT));
		}
	}

	@Nested
	class ProConsentTest {
		private final ProConsent rule = new ProConsent();

		@Test
		void consentIsNeededBeforeUse() {
			Finding finding = fires(rule, signing());
			assertThat(finding.severity()).isEqualTo(Severity.WARNING);
			assertThat(finding.values()).containsEntry("reason", "consent-not-recorded");
			doesNotFire(rule, signing().consented());
		}

		@Test
		void aRefusalIsCritical() {
			Finding finding = fires(rule, signing().refused());
			assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
			assertThat(finding.values()).containsEntry("reason", "consent-refused");
			assertThat(finding.implicated()).containsExactly("Consent/refusal", "MedicationRequest/draft");
			assertThat(fires(rule, signing().consented().refused()).severity()).isEqualTo(Severity.CRITICAL);
		}

		@Test
		void aCollectionOrderNeedsConsentToo() {
			Finding finding = fires(rule, Facts.in(Hook.ORDER_SELECT).injuredOn("2026-10-20").orderingBloodCollection("2026-10-25"));
			assertThat(finding.implicated()).containsExactly("Procedure/c1");
			doesNotFire(rule, Facts.in(Hook.ORDER_SIGN).injuredOn("2026-10-20").orderingMarrowCollection("2026-10-25").consented());
			doesNotFire(rule, Facts.in(Hook.ORDER_SIGN).injuredOn("2026-10-20").marrowPlanned("2026-10-25"));
		}
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
