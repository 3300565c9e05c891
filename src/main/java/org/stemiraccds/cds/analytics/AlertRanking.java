package org.stemiraccds.cds.analytics;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The order a CDS committee reads the rules in: those it should tune first on top. Rules with at least
 * minFeedback feedback items come first, by override rate (highest first), ties by the number of overrides,
 * then by cards fired; then the rules with too little feedback to judge, by the same order (no feedback last),
 * then by cards fired. The rule id breaks what is left, so the order is stable.
 */
public final class AlertRanking {
	private AlertRanking() {}

	public static List<RuleAlerts> rank(Collection<RuleAlerts> rules, int minFeedback) {
		Comparator<RuleAlerts> order = Comparator.comparing((RuleAlerts r) -> r.feedback() < minFeedback || r.feedback() == 0)
				.thenComparing(r -> r.overrideRate() == null ? -1.0 : r.overrideRate(), Comparator.reverseOrder())
				.thenComparing(RuleAlerts::overridden, Comparator.reverseOrder())
				.thenComparing(RuleAlerts::fired, Comparator.reverseOrder())
				.thenComparing(RuleAlerts::ruleId);
		return rules.stream().sorted(order).toList();
	}
}
