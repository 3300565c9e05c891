package org.stemiraccds.guideline.rules.dose;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stemiraccds.guideline.Finding;
import org.stemiraccds.guideline.GuidelineRule;
import org.stemiraccds.guideline.GuidelineSettings;
import org.stemiraccds.guideline.Hook;
import org.stemiraccds.guideline.PatientFacts;
import org.stemiraccds.guideline.RuleDefinition;
import org.stemiraccds.guideline.Severity;
import org.stemiraccds.guideline.PatientFacts.Measurement;
import org.stemiraccds.guideline.rules.Implicated;

// Box: below 0.5×10⁸ / 3.34×10⁶ ≈ 14.97 kg even the smallest dose exceeds the per-kg limit: no dose is
// permissible, so none is suggested.
@RuleDefinition(id = "DOSE-WEIGHT-TOO-LOW", severity = Severity.CRITICAL,
		hooks = {Hook.ORDER_SELECT, Hook.ORDER_SIGN, Hook.ADMINISTRATION}, section = "box")
public class DoseWeightTooLow implements GuidelineRule {
	@Override
	public Optional<Finding> evaluate(PatientFacts facts, GuidelineSettings settings) {
		if (!facts.concernsStemirac()) return Optional.empty();
		double minimumKg = settings.minDoseCells() / settings.maxCellsPerKg();
		Optional<Measurement> weight = facts.latestWeightWithin(settings.weightWindowDays(), settings.zone())
				.filter(w -> w.value() < minimumKg);
		if (weight.isEmpty()) return Optional.empty();
		return fire(Map.of("kg", weight.get().value(), "minimumKg", minimumKg,
						"limit", settings.maxCellsPerKg() * weight.get().value(), "minDose", settings.minDoseCells()),
				Implicated.withStemirac(List.of(weight.get().id()), facts));
	}
}
