package org.stemiraccds.cds.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The order a CDS committee reads the rules in. */
class AlertRankingTest {

	@Test
	void highestOverrideRateFirstTiesByOverridesThenFired() {
		RuleAlerts half = alerts("HALF", 10, 2, 2);
		RuleAlerts mostlyOverridden = alerts("MOSTLY", 10, 1, 9);
		RuleAlerts halfOfMore = alerts("HALF-MORE", 20, 5, 5);
		RuleAlerts halfOfMoreFired = alerts("HALF-MORE-FIRED", 30, 5, 5);
		assertThat(ids(AlertRanking.rank(List.of(half, halfOfMore, mostlyOverridden, halfOfMoreFired), 1)))
				.containsExactly("MOSTLY", "HALF-MORE-FIRED", "HALF-MORE", "HALF");
	}

	@Test
	void rulesWithTooLittleFeedbackComeAfterTheRankedOnes() {
		RuleAlerts oneOfOne = alerts("ONE-OF-ONE", 1, 0, 1);
		RuleAlerts nineOfTen = alerts("NINE-OF-TEN", 10, 1, 9);
		RuleAlerts silent = alerts("SILENT", 50, 0, 0);
		assertThat(ids(AlertRanking.rank(List.of(silent, oneOfOne, nineOfTen), 5)))
				.containsExactly("NINE-OF-TEN", "ONE-OF-ONE", "SILENT");
		assertThat(ids(AlertRanking.rank(List.of(silent, oneOfOne, nineOfTen), 1)))
				.as("with a minimum of one, one override of one card ranks first")
				.containsExactly("ONE-OF-ONE", "NINE-OF-TEN", "SILENT");
	}

	@Test
	void noFeedbackIsNoRateAndNeverRanked() {
		RuleAlerts silent = alerts("SILENT", 3, 0, 0);
		assertThat(silent.overrideRate()).isNull();
		assertThat(ids(AlertRanking.rank(List.of(silent, alerts("ACCEPTED", 1, 1, 0)), 0)))
				.as("even with no minimum, a rate of 0 ranks before no rate").containsExactly("ACCEPTED", "SILENT");
	}

	private static RuleAlerts alerts(String id, int fired, int accepted, int overridden) {
		RuleAlerts alerts = new RuleAlerts(id);
		for (int i = 0; i < fired; i++) alerts.countFired();
		for (int i = 0; i < accepted; i++) alerts.countAccepted();
		for (int i = 0; i < overridden; i++) alerts.countOverridden(i % 2 == 0 ? "data-incorrect" : null);
		return alerts;
	}

	private static List<String> ids(List<RuleAlerts> ranked) {
		return ranked.stream().map(RuleAlerts::ruleId).toList();
	}
}
