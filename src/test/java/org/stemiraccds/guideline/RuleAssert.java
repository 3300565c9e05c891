package org.stemiraccds.guideline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

/** Evaluates one rule the way the engine does (declared hooks only) and checks what it found. */
public final class RuleAssert {
	private RuleAssert() {}

	public static Optional<Finding> evaluate(GuidelineRule rule, Facts facts) {
		return evaluate(rule, facts, GuidelineSettings.defaults());
	}

	public static Optional<Finding> evaluate(GuidelineRule rule, Facts facts, GuidelineSettings settings) {
		PatientFacts built = facts.build();
		assertThat(rule.definition().hooks()).as("rule runs in " + built.hook()).contains(built.hook());
		return rule.evaluate(built, settings);
	}

	public static Finding fires(GuidelineRule rule, Facts facts) {
		Optional<Finding> finding = evaluate(rule, facts);
		assertThat(finding).as(rule.definition().id() + " fires").isPresent();
		assertThat(finding.get().ruleId()).isEqualTo(rule.definition().id());
		return finding.get();
	}

	public static void doesNotFire(GuidelineRule rule, Facts facts) {
		assertThat(evaluate(rule, facts)).as(rule.definition().id() + " does not fire").isEmpty();
	}
}
