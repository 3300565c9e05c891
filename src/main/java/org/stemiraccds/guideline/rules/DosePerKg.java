package org.stemiraccds.guideline.rules;

import org.stemiraccds.guideline.Suggestion;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stemiraccds.guideline.Finding;
import org.stemiraccds.guideline.GuidelineRule;
import org.stemiraccds.guideline.GuidelineSettings;
import org.stemiraccds.guideline.Hook;
import org.stemiraccds.guideline.PatientFacts;
import org.stemiraccds.guideline.PatientFacts.Dosing;
import org.stemiraccds.guideline.RuleDefinition;
import org.stemiraccds.guideline.Severity;
import org.stemiraccds.guideline.PatientFacts.Measurement;

// Box: at most 3.34×10⁶ cells per kg of body weight. The card suggests min(2.0×10⁸, 3.34×10⁶ × kg).
@RuleDefinition(id = "DOSE-PER-KG", severity = Severity.CRITICAL,
		hooks = {Hook.ORDER_SELECT, Hook.ORDER_SIGN, Hook.ADMINISTRATION}, section = "box")
public class DosePerKg implements GuidelineRule {
	@Override
	public Optional<Finding> evaluate(PatientFacts facts, GuidelineSettings settings) {
		Optional<Measurement> weight = facts.latestWeightWithin(settings.weightWindowDays());
		if (weight.isEmpty()) return Optional.empty();
		double limit = settings.maxCellsPerKg() * weight.get().value();
		for (Dosing dosing : facts.dosing()) {
			Optional<Double> above = dosing.cells().filter(cells -> cells > limit);
			if (above.isPresent()) {
				return fire(Map.of("cells", above.get(), "kg", weight.get().value(), "limit", limit,
								"cappedDose", Math.min(settings.maxDoseCells(), limit)),
						List.of(dosing.id(), weight.get().id()));
			}
		}
		return Optional.empty();
	}

	/** The card offers the capped dose as an update of the draft order. */
	@Override
	public Optional<Suggestion> suggestion() {
		return Optional.of(new Suggestion.UpdateDose("cappedDose"));
	}
}
