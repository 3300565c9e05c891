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
import org.stemiraccds.guideline.Severity;

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
	void perKgLimitFollowsConfiguration() {
		GuidelineSettings stricter = GuidelineSettings.bind(Map.of("max-cells-per-kg", "3.0e6"));
		Facts facts = Facts.in(Hook.ORDER_SIGN).injuredOn("2026-10-20").weighs(50, "2026-11-24").orderingCells(1.6e8);
		assertThat(evaluate(new DosePerKg(), facts, stricter)).isPresent();
	}

	@Test
	void weightTooLowBelowAbout15Kg() {
		assertThat(fires(new DoseWeightTooLow(), Facts.in(Hook.ORDER_SIGN).injuredOn("2026-10-20")
				.weighs(14.9, "2026-11-24").orderingCells(0.5e8)).severity()).isEqualTo(Severity.CRITICAL);
		doesNotFire(new DoseWeightTooLow(), Facts.in(Hook.ORDER_SIGN).injuredOn("2026-10-20")
				.weighs(15.0, "2026-11-24").orderingCells(0.5e8));
	}

	@Test
	void weightMissingWhenTheLatestIsOlderThan30Days() {
		fires(new DoseWeightMissing(), Facts.in(Hook.ORDER_SIGN).injuredOn("2026-10-20").weighs(60, "2026-10-25").orderingCells(1e8));
		doesNotFire(new DoseWeightMissing(), Facts.in(Hook.ORDER_SIGN).injuredOn("2026-10-20").weighs(60, "2026-10-26").orderingCells(1e8));
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
