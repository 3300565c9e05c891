package org.stemiraccds.guideline;

import java.util.List;
import java.util.Map;

/**
 * What one rule found: its id and severity, the values it found (for the card text and the DetectedIssue
 * detail: names are message-bundle parameters) and the resources that made it fire ("Type/id").
 */
public record Finding(String ruleId, Severity severity, Map<String, Object> values, List<String> implicated) {
	public Finding {
		values = Map.copyOf(values);
		implicated = List.copyOf(implicated);
	}
}
