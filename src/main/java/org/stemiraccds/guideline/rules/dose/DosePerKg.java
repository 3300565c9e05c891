package org.stemiraccds.guideline.rules.dose;

import org.stemiraccds.guideline.Suggestion;
import java.util.HashMap;
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

// Box: at most 3.34×10⁶ cells per kg of body weight. The card suggests min(2.0×10⁸, 3.34×10⁶ × kg) when that is
// at least the minimum dose of 0.5×10⁸; below it no dose is permissible (DoseWeightTooLow says why).
@RuleDefinition(id = "DOSE-PER-KG", severity = Severity.CRITICAL,
		hooks = {Hook.ORDER_SELECT, Hook.ORDER_SIGN, Hook.ADMINISTRATION}, section = "box")
public class DosePerKg implements GuidelineRule {
	@Override
	public Optional<Finding> evaluate(PatientFacts facts, GuidelineSettings settings) {
		Optional<Measurement> weight = facts.latestWeightWithin(settings.weightWindowDays(), settings.zone());
		if (weight.isEmpty()) return Optional.empty();
		double limit = settings.maxCellsPerKg() * weight.get().value();
		for (Dosing dosing : facts.dosing()) {
			Optional<Double> above = dosing.cells().filter(cells -> cells > limit);
			if (above.isPresent()) {
				return fire(values(above.get(), weight.get().value(), limit, settings), List.of(dosing.id(), weight.get().id()));
			}
		}
		return Optional.empty();
	}

	/** The values; "cappedDose" only when the capped dose is a permissible one. */
	private static Map<String, Object> values(double cells, double kg, double limit, GuidelineSettings settings) {
		Map<String, Object> values = new HashMap<>(Map.of("cells", cells, "kg", kg, "limit", limit));
		double capped = Math.min(settings.maxDoseCells(), limit);
		if (capped >= settings.minDoseCells()) values.put("cappedDose", capped);
		return values;
	}

	/** The card offers the capped dose, when there is one, as an update of the draft order. */
	@Override
	public Optional<Suggestion> suggestion() {
		return Optional.of(new Suggestion.UpdateDose("cappedDose"));
	}
}
