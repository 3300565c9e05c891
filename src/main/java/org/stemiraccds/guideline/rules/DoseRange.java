package org.stemiraccds.guideline.rules;

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

// Box: 0.5×10⁸ to 2.0×10⁸ cells in one infusion.
@RuleDefinition(id = "DOSE-RANGE", severity = Severity.CRITICAL,
		hooks = {Hook.ORDER_SELECT, Hook.ORDER_SIGN, Hook.ADMINISTRATION}, section = "box")
public class DoseRange implements GuidelineRule {
	@Override
	public Optional<Finding> evaluate(PatientFacts facts, GuidelineSettings settings) {
		for (Dosing dosing : facts.dosing()) {
			Optional<Double> outside = dosing.cells()
					.filter(cells -> cells < settings.minDoseCells() || cells > settings.maxDoseCells());
			if (outside.isPresent()) {
				return fire(Map.of("cells", outside.get(), "min", settings.minDoseCells(), "max", settings.maxDoseCells()),
						List.of(dosing.id()));
			}
		}
		return Optional.empty();
	}
}
