package org.stemiraccds.guideline;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One rule of the catalogue: pure logic over the patient's facts, no I/O. Besides its logic a rule declares
 * everything about itself: its catalogue entry ({@link RuleDefinition}), the fix its card suggests and how it
 * may be overridden.
 */
public interface GuidelineRule {

	/** The finding, or empty when the rule does not fire. Called only for hooks the rule declares. */
	Optional<Finding> evaluate(PatientFacts facts, GuidelineSettings settings);

	default RuleDefinition definition() {
		return getClass().getAnnotation(RuleDefinition.class);
	}

	/** The mechanical fix the card offers, if any. */
	default Optional<Suggestion> suggestion() {
		return Optional.empty();
	}

	/**
	 * A "not recommended" rule (§5 safety ②): going ahead is the guideline's own exception, no other treatment
	 * option, which the card offers first among its override reasons.
	 */
	default boolean notRecommended() {
		return false;
	}

	/** A finding at the rule's declared severity. */
	default Optional<Finding> fire(Map<String, Object> values, List<String> implicated) {
		return fire(definition().severity(), values, implicated);
	}

	default Optional<Finding> fire(Severity severity, Map<String, Object> values, List<String> implicated) {
		return Optional.of(new Finding(this, severity, values, implicated));
	}
}
