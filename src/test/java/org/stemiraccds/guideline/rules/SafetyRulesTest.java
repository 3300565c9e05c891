package org.stemiraccds.guideline.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stemiraccds.guideline.RuleAssert.doesNotFire;
import static org.stemiraccds.guideline.RuleAssert.fires;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.stemiraccds.conformance.ConformanceResources;
import org.stemiraccds.guideline.Code;
import org.stemiraccds.guideline.Facts;
import org.stemiraccds.guideline.Finding;
import org.stemiraccds.guideline.GuidelineRule;
import org.stemiraccds.guideline.Hook;
import org.stemiraccds.guideline.Severity;
import org.stemiraccds.guideline.rules.safety.SafAnaphylaxisWatch;
import org.stemiraccds.guideline.rules.safety.SafHypersensitivity;
import org.stemiraccds.guideline.rules.notrecommended.SafNrAllergicDiathesis;
import org.stemiraccds.guideline.rules.notrecommended.SafNrHypercoagulable;
import org.stemiraccds.guideline.rules.notrecommended.SafNrInfection;
import org.stemiraccds.guideline.rules.notrecommended.SafNrMalignancy;
import org.stemiraccds.guideline.rules.notrecommended.SafNrPoorGeneralCondition;
import org.stemiraccds.guideline.rules.notrecommended.SafNrSpinalDisease;
import org.stemiraccds.guideline.rules.notrecommended.SafNrVascular;
import org.stemiraccds.guideline.rules.safety.SafPediatric;
import org.stemiraccds.guideline.rules.safety.SafRepeatDose;

/** Safety rules (§5 ①②, §6). */
class SafetyRulesTest {
	private static final String BASE = ConformanceResources.CANONICAL_BASE + "/CodeSystem/";
	private static final Code PRODUCT_COMPONENT = new Code(BASE + "stemirac-allergen", "product-component");
	private static final Code AMOXICILLIN = new Code("http://www.whocc.no/atc", "J01CA04");

	private static Facts signing() {
		return Facts.in(Hook.ORDER_SIGN).injuredOn("2026-10-20").orderingStemirac();
	}

	/** Each not-recommended rule: an ICD-10 code below a listed category fires, a neighbouring code does not. */
	static Stream<Arguments> notRecommended() {
		return Stream.of(
				Arguments.of(new SafNrMalignancy(), "C34.1", "D10.1"),
				Arguments.of(new SafNrAllergicDiathesis(), "J45.0", "J44.0"),
				Arguments.of(new SafNrHypercoagulable(), "I26.9", "I25.1"),
				Arguments.of(new SafNrInfection(), "J15.9", "J19"),
				Arguments.of(new SafNrInfection(), "G04.2", "G05"),
				Arguments.of(new SafNrInfection(), "T81.4", "T81.5"),
				Arguments.of(new SafNrInfection(), "N10", "N11.0"),
				Arguments.of(new SafNrInfection(), "J69.0", "J70.0"),
				Arguments.of(new SafNrVascular(), "S15.0", "S16"),
				Arguments.of(new SafNrVascular(), "I77.7", "I77.6"),
				Arguments.of(new SafNrPoorGeneralCondition(), "I50.0", "I51.0"),
				Arguments.of(new SafNrVascular(), "S06.50", "S06.0"),
				Arguments.of(new SafNrSpinalDisease(), "M81.0", "M82.0"));
	}

	@ParameterizedTest
	@MethodSource("notRecommended")
	void notRecommendedCategoryFiresOnItsCodesOnly(GuidelineRule rule, String inCategory, String outside) {
		Finding finding = fires(rule, signing().condition("Condition/x", inCategory, "2020-01-01"));
		assertThat(finding.severity()).isEqualTo(Severity.WARNING);
		assertThat(finding.implicated()).containsExactly("Condition/x");
		doesNotFire(rule, signing().condition("Condition/x", outside, "2020-01-01"));
	}

	@Test
	void aClinicianCanAssertACategoryDirectly() {
		fires(new SafNrInfection(), signing().condition("Condition/x",
				new Code(BASE + "not-recommended-category", "infection"), null, true));
	}

	@Test
	void pastMalignancyCountsButAResolvedInfectionDoesNot() {
		fires(new SafNrMalignancy(), signing().condition("Condition/x", new Code(Facts.ICD10, "C61"), "2015-01-01", false));
		doesNotFire(new SafNrInfection(), signing().condition("Condition/x", new Code(Facts.ICD10, "J15.9"), "2026-01-01", false));
	}

	@Nested
	class SafHypersensitivityTest {
		@Test
		void firesForAnAllergyToAProductComponent() {
			Finding finding = fires(new SafHypersensitivity(), signing().allergy("AllergyIntolerance/a", PRODUCT_COMPONENT));
			assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
			assertThat(finding.implicated()).contains("AllergyIntolerance/a", "MedicationRequest/draft");
		}

		@Test
		void aPastReactionCounts() {
			fires(new SafHypersensitivity(), signing().allergy("AllergyIntolerance/a", PRODUCT_COMPONENT, false, false));
		}

		@Test
		void doesNotFireForPenicillinAllergy() {
			doesNotFire(new SafHypersensitivity(), signing().allergy("AllergyIntolerance/a", AMOXICILLIN));
		}
	}

	@Nested
	class SafNrAllergicDiathesisTest {
		private final SafNrAllergicDiathesis rule = new SafNrAllergicDiathesis();

		@Test
		void aMedicationAllergyOfAnyStatusIsADrugAllergyHistory() {
			Finding finding = fires(rule, signing().allergy("AllergyIntolerance/a", AMOXICILLIN, false, true));
			assertThat(finding.implicated()).containsExactly("AllergyIntolerance/a");
		}

		@Test
		void notAnAllergyThatIsAContraindication() {
			doesNotFire(rule, signing().allergy("AllergyIntolerance/a", PRODUCT_COMPONENT, true, true));
		}

		@Test
		void notANonMedicationAllergy() {
			doesNotFire(rule, signing().allergy("AllergyIntolerance/a", new Code("http://snomed.info/sct", "256349002"), true, false));
		}
	}

	@Nested
	class SafAnaphylaxisWatchTest {
		@Test
		void firesForAPenicillinByAtcPrefix() {
			fires(new SafAnaphylaxisWatch(), signing().allergy("AllergyIntolerance/a", AMOXICILLIN));
		}

		@Test
		void doesNotFireForAnAllergyNoLongerActive() {
			doesNotFire(new SafAnaphylaxisWatch(), signing().allergy("AllergyIntolerance/a", AMOXICILLIN, false, true));
		}

		@Test
		void doesNotFireForACephalosporin() {
			doesNotFire(new SafAnaphylaxisWatch(), signing().allergy("AllergyIntolerance/a", new Code("http://www.whocc.no/atc", "J01DB01")));
		}
	}

	@Nested
	class SafPediatricTest {
		@Test
		void firesTheDayBeforeTheEighteenthBirthday() {
			assertThat(fires(new SafPediatric(), signing().bornOn("2008-11-26")).values()).containsEntry("age", 17L);
		}

		@Test
		void doesNotFireOnTheEighteenthBirthday() {
			doesNotFire(new SafPediatric(), signing().bornOn("2008-11-25"));
		}
	}

	@Nested
	class SafRepeatDoseTest {
		@Test
		void firesWhenStemiracWasAlreadyGiven() {
			assertThat(fires(new SafRepeatDose(), signing().givenBefore("2026-11-01")).implicated())
					.contains("MedicationAdministration/earlier", "MedicationRequest/draft");
		}

		@Test
		void doesNotFireForTheAdministrationBeingRecorded() {
			doesNotFire(new SafRepeatDose(), Facts.in(Hook.ADMINISTRATION).injuredOn("2026-10-20").administering("2026-12-05"));
		}

		@Test
		void firesOnAnAdministrationBeingRecordedWhenAnotherIsOnRecordGivenAtTheSameMomentOrLater() {
			for (String other : List.of("2026-12-05", "2026-12-06")) {
				Finding finding = fires(new SafRepeatDose(),
						Facts.in(Hook.ADMINISTRATION).injuredOn("2026-10-20").administering("2026-12-05").alsoGivenAt(other));
				assertThat(finding.implicated()).containsExactly("MedicationAdministration/other", "MedicationAdministration/given");
			}
		}

		@Test
		void anOrderIsJudgedByTheAdministrationsGivenBeforeIt() {
			doesNotFire(new SafRepeatDose(), signing().alsoGivenAt("2026-12-24"));
		}
	}
}
