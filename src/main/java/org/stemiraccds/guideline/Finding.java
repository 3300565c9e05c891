package org.stemiraccds.guideline;

import java.util.List;
import java.util.Map;

/**
 * What one rule found: the rule (its id, section, suggestion and override behaviour), the severity, the values
 * it found (for the card text and the DetectedIssue detail: names are message-bundle parameters) and the
 * resources that made it fire ("Type/id").
 */
public record Finding(GuidelineRule rule, Severity severity, Map<String, Object> values, List<String> implicated) {
	public Finding {
		values = Map.copyOf(values);
		implicated = List.copyOf(implicated);
	}

	public String ruleId() {
		return rule.definition().id();
	}
}
