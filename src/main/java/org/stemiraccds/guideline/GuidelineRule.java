package org.stemiraccds.guideline;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One rule of the catalogue: pure logic over the patient's facts, no I/O. */
public interface GuidelineRule {

	/** The finding, or empty when the rule does not fire. Called only for hooks the rule declares. */
	Optional<Finding> evaluate(PatientFacts facts, GuidelineSettings settings);

	default RuleDefinition definition() {
		return getClass().getAnnotation(RuleDefinition.class);
	}

	/** A finding at the rule's declared severity. */
	default Optional<Finding> fire(Map<String, Object> values, List<String> implicated) {
		return fire(definition().severity(), values, implicated);
	}

	default Optional<Finding> fire(Severity severity, Map<String, Object> values, List<String> implicated) {
		return Optional.of(new Finding(definition().id(), severity, values, implicated));
	}
}
