package org.stemiraccds.guideline.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stemiraccds.guideline.RuleAssert.doesNotFire;
import static org.stemiraccds.guideline.RuleAssert.evaluate;
import static org.stemiraccds.guideline.RuleAssert.fires;

import java.util.Optional;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stemiraccds.guideline.Code;
import org.stemiraccds.guideline.Facts;
import org.stemiraccds.guideline.Finding;
import org.stemiraccds.guideline.GuidelineSettings;
import org.stemiraccds.guideline.Hook;
import org.stemiraccds.guideline.PatientFacts.QuantityKind;
import org.stemiraccds.guideline.Severity;
import org.stemiraccds.guideline.rules.dose.DoseDilution;
import org.stemiraccds.guideline.rules.dose.DoseMissing;
import org.stemiraccds.guideline.rules.dose.DosePerKg;
import org.stemiraccds.guideline.rules.dose.DoseRange;
import org.stemiraccds.guideline.rules.dose.DoseRate;
import org.stemiraccds.guideline.rules.dose.DoseRoute;
import org.stemiraccds.guideline.rules.dose.DoseWeightMissing;
import org.stemiraccds.guideline.rules.dose.DoseWeightTooLow;

/** Dose and administration rules (box). */
class DoseRulesTest {
	private static Facts signing() {
		return Facts.in(Hook.ORDER_SIGN).injuredOn("2026-10-20").weighs(60, "2026-11-24");
	}

	@Test
	void doseMissingFiresWithoutCellsOnly() {
		fires(new DoseMissing(), signing().orderingStemirac()
				.dosed(Optional.empty(), Optional.of(0.8), Optional.of(3.0), Optional.of(Facts.INTRAVENOUS)));
		doesNotFire(new DoseMissing(), signing().orderingCells(1.0e8));
	}

	@Test
	void doseRangeIsInclusiveAtBothEnds() {
		doesNotFire(new DoseRange(), signing().orderingCells(0.5e8));
		doesNotFire(new DoseRange(), signing().orderingCells(2.0e8));
		assertThat(fires(new DoseRange(), signing().orderingCells(2.01e8)).values()).containsEntry("cells", 2.01e8);
		fires(new DoseRange(), signing().orderingCells(0.49e8));
	}

	@Test
	void perKgLimitAllowsExactly334MillionCellsPerKg() {
		Facts exact = Facts.in(Hook.ORDER_SIGN).injuredOn("2026-10-20").weighs(50, "2026-11-24").orderingCells(1.67e8);
		doesNotFire(new DosePerKg(), exact);
		Finding above = fires(new DosePerKg(),
				Facts.in(Hook.ORDER_SIGN).injuredOn("2026-10-20").weighs(50, "2026-11-24").orderingCells(1.68e8));
		assertThat(above.values()).containsEntry("kg", 50.0);
		assertThat((double) above.values().get("cappedDose")).isEqualTo(1.67e8, org.assertj.core.data.Offset.offset(1.0));
		assertThat(above.implicated()).containsExactly("MedicationRequest/draft", "Observation/weight-1");
	}

	@Test
	void perKgOffersTheCappedDoseOnlyWhenItIsAPermissibleDose() {
		Finding light = fires(new DosePerKg(), Facts.in(Hook.ORDER_SIGN).injuredOn("2026-10-20").weighs(14, "2026-11-24").orderingCells(0.5e8));
		assertThat(light.values()).doesNotContainKey("cappedDose").containsKey("limit");
		Finding enough = fires(new DosePerKg(), Facts.in(Hook.ORDER_SIGN).injuredOn("2026-10-20").weighs(15, "2026-11-24").orderingCells(0.6e8));
		assertThat((double) enough.values().get("cappedDose")).isEqualTo(5.01e7, org.assertj.core.data.Offset.offset(1.0));
	}

	@Test
	void perKgLimitFollowsConfiguration() {
		GuidelineSettings stricter = GuidelineSettings.bind(Map.of("max-cells-per-kg", "3.0e6"));
		Facts facts = Facts.in(Hook.ORDER_SIGN).injuredOn("2026-10-20").weighs(50, "2026-11-24").orderingCells(1.6e8);
		assertThat(evaluate(new DosePerKg(), facts, stricter)).isPresent();
	}

	@Test
	void weightTooLowBelowAbout15Kg() {
		Finding tooLow = fires(new DoseWeightTooLow(), Facts.in(Hook.ORDER_SIGN).injuredOn("2026-10-20")
				.weighs(14.9, "2026-11-24").orderingCells(0.5e8));
		assertThat(tooLow.severity()).isEqualTo(Severity.CRITICAL);
		assertThat(tooLow.values()).containsEntry("minDose", 0.5e8).containsKey("limit");
		doesNotFire(new DoseWeightTooLow(), Facts.in(Hook.ORDER_SIGN).injuredOn("2026-10-20")
				.weighs(15.0, "2026-11-24").orderingCells(0.5e8));
	}

	@Test
	void doseMissingSaysWhenItsUnitWasNotUnderstood() {
		Facts unreadable = signing().orderingStemirac().unreadable("MedicationRequest/draft", QuantityKind.DOSE, "mg")
				.dosed(Optional.empty(), Optional.of(0.8), Optional.of(3.0), Optional.of(Facts.INTRAVENOUS));
		assertThat(fires(new DoseMissing(), unreadable).values())
				.containsEntry("reason", "unit-not-understood").containsEntry("unreadableUnit", "mg");
		assertThat(fires(new DoseMissing(), signing().orderingStemirac()
				.dosed(Optional.empty(), Optional.of(0.8), Optional.of(3.0), Optional.of(Facts.INTRAVENOUS))).values())
				.containsEntry("reason", "not-recorded").doesNotContainKey("unreadableUnit");
	}

	@Test
	void weightMissingWhenTheLatestIsOlderThan30Days() {
		Finding missing = fires(new DoseWeightMissing(),
				Facts.in(Hook.ORDER_SIGN).injuredOn("2026-10-20").weighs(60, "2026-10-25").orderingCells(1e8));
		assertThat(missing.values()).containsEntry("reason", "not-recorded");
		doesNotFire(new DoseWeightMissing(), Facts.in(Hook.ORDER_SIGN).injuredOn("2026-10-20").weighs(60, "2026-10-26").orderingCells(1e8));
	}

	@Test
	void weightWindowIsCalendarDays() {
		Facts facts = Facts.in(Hook.ORDER_SIGN).injuredOn("2026-10-20").now("2026-11-25", "23:00").orderingCells(1e8);
		facts.weighs(60, "2026-10-26");
		doesNotFire(new DoseWeightMissing(), facts);
	}

	@Test
	void weightMissingSaysWhenItsUnitWasNotUnderstood() {
		Finding finding = fires(new DoseWeightMissing(), Facts.in(Hook.ORDER_SIGN).injuredOn("2026-10-20").orderingCells(1e8)
				.unreadable("Observation/weight-stone", QuantityKind.WEIGHT, "[stone_av]"));
		assertThat(finding.values()).containsEntry("reason", "unit-not-understood").containsEntry("unreadableUnit", "[stone_av]");
		assertThat(finding.implicated()).contains("Observation/weight-stone", "MedicationRequest/draft");
	}

	@Test
	void dilutionBelowThreeIsCriticalAndUnstatedIsAWarning() {
		Finding low = fires(new DoseDilution(), signing().orderingStemirac()
				.dosed(Optional.of(1e8), Optional.of(0.8), Optional.of(2.5), Optional.of(Facts.INTRAVENOUS)));
		assertThat(low.severity()).isEqualTo(Severity.CRITICAL);
		Finding unstated = fires(new DoseDilution(), signing().orderingStemirac()
				.dosed(Optional.of(1e8), Optional.of(0.8), Optional.empty(), Optional.of(Facts.INTRAVENOUS)));
		assertThat(unstated.severity()).isEqualTo(Severity.WARNING);
		doesNotFire(new DoseDilution(), signing().orderingCells(1e8));
	}

	@Test
	void rateOutsideAbout07To10() {
		fires(new DoseRate(), signing().orderingStemirac()
				.dosed(Optional.of(1e8), Optional.of(1.2), Optional.of(3.0), Optional.of(Facts.INTRAVENOUS)));
		doesNotFire(new DoseRate(), signing().orderingStemirac()
				.dosed(Optional.of(1e8), Optional.of(1.0), Optional.of(3.0), Optional.of(Facts.INTRAVENOUS)));
	}

	@Test
	void routeOtherThanIntravenous() {
		Code intrathecal = new Code("http://snomed.info/sct", "72607000");
		assertThat(fires(new DoseRoute(), signing().orderingStemirac()
				.dosed(Optional.of(1e8), Optional.of(0.8), Optional.of(3.0), Optional.of(intrathecal))).values())
				.containsEntry("route", "72607000");
		doesNotFire(new DoseRoute(), signing().orderingCells(1e8));
	}
}
