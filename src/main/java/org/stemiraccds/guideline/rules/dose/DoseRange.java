package org.stemiraccds.guideline.rules.dose;

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
		return OutOfRange.first(facts.dosing(), Dosing::cells, settings.minDoseCells(), settings.maxDoseCells())
				.flatMap(outside -> fire(
						Map.of("cells", outside.value(), "min", settings.minDoseCells(), "max", settings.maxDoseCells()),
						List.of(outside.dosing().id())));
	}
}
