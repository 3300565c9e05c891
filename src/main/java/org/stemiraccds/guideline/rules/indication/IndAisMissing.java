package org.stemiraccds.guideline.rules.indication;

import org.stemiraccds.guideline.Suggestion;
import java.util.Map;
import java.util.Optional;
import org.stemiraccds.guideline.Finding;
import org.stemiraccds.guideline.GuidelineRule;
import org.stemiraccds.guideline.GuidelineSettings;
import org.stemiraccds.guideline.Hook;
import org.stemiraccds.guideline.PatientFacts;
import org.stemiraccds.guideline.RuleDefinition;
import org.stemiraccds.guideline.Severity;
import org.stemiraccds.guideline.rules.Implicated;

// §5 ① note ※: coverage is judged on the AIS assessed immediately before administration.
@RuleDefinition(id = "IND-AIS-MISSING", severity = Severity.CRITICAL,
		hooks = {Hook.PATIENT_VIEW, Hook.ORDER_SELECT, Hook.ORDER_SIGN, Hook.ADMINISTRATION}, section = "§5 ① note ※")
public class IndAisMissing implements GuidelineRule {
	@Override
	public Optional<Finding> evaluate(PatientFacts facts, GuidelineSettings settings) {
		if (facts.latestAisWithin(settings.aisWindowDays(), settings.zone()).isPresent()) return Optional.empty();
		// while the order is still being chosen, or on opening the chart, there is time to assess
		Severity severity = facts.hook() == Hook.ORDER_SIGN || facts.hook() == Hook.ADMINISTRATION
				? Severity.CRITICAL
				: Severity.WARNING;
		return fire(severity, Map.of("windowDays", settings.aisWindowDays()), Implicated.stemirac(facts));
	}

	@Override
	public Optional<Suggestion> suggestion() {
		return Optional.of(new Suggestion.CreateTask("suggestion.task.ais"));
	}
}
