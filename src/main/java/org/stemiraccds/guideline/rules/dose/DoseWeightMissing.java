package org.stemiraccds.guideline.rules.dose;

import org.stemiraccds.guideline.Suggestion;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stemiraccds.guideline.Finding;
import org.stemiraccds.guideline.GuidelineRule;
import org.stemiraccds.guideline.GuidelineSettings;
import org.stemiraccds.guideline.Hook;
import org.stemiraccds.guideline.PatientFacts;
import org.stemiraccds.guideline.PatientFacts.QuantityKind;
import org.stemiraccds.guideline.PatientFacts.Unreadable;
import org.stemiraccds.guideline.RuleDefinition;
import org.stemiraccds.guideline.Severity;
import org.stemiraccds.guideline.rules.Implicated;

// Box: the per-kg limit needs a recent body weight. A weight in a unit that cannot be converted to kg is missing,
// and the card says that its unit was not understood.
@RuleDefinition(id = "DOSE-WEIGHT-MISSING", severity = Severity.WARNING,
		hooks = {Hook.ORDER_SELECT, Hook.ORDER_SIGN, Hook.ADMINISTRATION}, section = "box")
public class DoseWeightMissing implements GuidelineRule {
	@Override
	public Optional<Finding> evaluate(PatientFacts facts, GuidelineSettings settings) {
		if (!facts.concernsStemirac() || facts.latestWeightWithin(settings.weightWindowDays(), settings.zone()).isPresent()) {
			return Optional.empty();
		}
		List<Unreadable> unreadable = facts.unreadable(QuantityKind.WEIGHT);
		List<String> implicated = unreadable.stream().map(Unreadable::id).toList();
		return fire(MissingValue.values(unreadable, Map.of("windowDays", settings.weightWindowDays())),
				Implicated.withStemirac(implicated, facts));
	}

	@Override
	public Optional<Suggestion> suggestion() {
		return Optional.of(new Suggestion.CreateTask("suggestion.task.weight"));
	}
}
