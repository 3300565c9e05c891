package org.stemiraccds.outcomes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The guideline's §3 numbers (Tables 1–4) from Statistics, to one decimal as published. */
class StatisticsTest {

	@Test
	void wilsonIntervalsOfTables1And2() {
		assertProportion(5, 6, "83.3", "43.7", "97.0");
		assertProportion(2, 2, "100.0", "34.2", "100.0");
		assertProportion(5, 5, "100.0", "56.6", "100.0");
		assertProportion(12, 13, "92.3", "66.7", "98.6");
		assertProportion(2, 6, "33.3", "9.7", "70.0");
		assertProportion(1, 2, "50.0", "9.5", "90.6");
		assertProportion(0, 5, "0.0", "0.0", "43.5");
		assertProportion(3, 13, "23.1", "8.2", "50.3");
	}

	@Test
	void roundedOnceThreeBoundsWouldBeOffByOneTenth() {
		// The published bounds are the proportion to four decimals, then the percent to one (docs/decisions.md).
		assertThat(OutcomeReport.oneDecimal(Statistics.proportion(5, 6, 0.95).low())).isEqualTo("43.6");
		assertThat(OutcomeReport.oneDecimal(Statistics.proportion(1, 2, 0.95).high())).isEqualTo("90.5");
		assertThat(OutcomeReport.oneDecimal(Statistics.proportion(0, 5, 0.95).high())).isEqualTo("43.4");
	}

	@Test
	void aWaldIntervalWouldNotMatch() {
		// 5/6 by the normal approximation is [53.5, 113.2]: the published [43.7, 97.0] is the Wilson score interval.
		Statistics.Proportion p = Statistics.proportion(5, 6, 0.95);
		assertThat(OutcomeReport.oneDecimal(p.low())).isNotEqualTo("53.5");
		assertThat(p.high()).isLessThanOrEqualTo(100.0);
	}

	@Test
	void tIntervalOfTable3MotorInB() {
		// B (N = 2): 32.0 ± 35.4 [−285.7, 349.7]: changes 57 and 7.
		Statistics.Mean m = Statistics.mean(List.of(57.0, 7.0), 0.95);
		assertThat(OutcomeReport.oneDecimal(m.mean())).isEqualTo("32.0");
		assertThat(OutcomeReport.oneDecimal(m.sd())).isEqualTo("35.4");
		assertThat(OutcomeReport.oneDecimal(m.low())).isEqualTo("-285.7");
		assertThat(OutcomeReport.oneDecimal(m.high())).isEqualTo("349.7");
	}

	@Test
	void tIntervalIsWiderThanTheNormalOne() {
		Statistics.Mean m = Statistics.mean(List.of(1.0, 2.0, 3.0, 4.0, 5.0), 0.95);
		assertThat(m.sd()).isCloseTo(1.5811, within(1e-4));
		assertThat(m.high() - m.mean()).isCloseTo(2.776 * 1.5811 / Math.sqrt(5), within(1e-3));
	}

	@Test
	void tooFewValuesGiveNoSpreadRatherThanAnError() {
		assertThat(Statistics.mean(List.of(3.0), 0.95).sd()).isNaN();
		assertThat(Statistics.mean(List.of(), 0.95).mean()).isNaN();
		assertThat(Statistics.proportion(0, 0, 0.95).percent()).isNaN();
	}

	private static void assertProportion(int k, int n, String percent, String low, String high) {
		Statistics.Proportion p = Statistics.proportion(k, n, 0.95);
		assertThat(List.of(OutcomeReport.percent(p.percent()), OutcomeReport.percent(p.low()), OutcomeReport.percent(p.high())))
				.as("%d/%d", k, n).containsExactly(percent, low, high);
	}
}
