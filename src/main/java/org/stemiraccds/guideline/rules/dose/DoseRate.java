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

// Box: infused at about 0.7 to 1.0 mL/min.
@RuleDefinition(id = "DOSE-RATE", severity = Severity.WARNING, hooks = {Hook.ORDER_SIGN, Hook.ADMINISTRATION}, section = "box")
public class DoseRate implements GuidelineRule {
	@Override
	public Optional<Finding> evaluate(PatientFacts facts, GuidelineSettings settings) {
		return OutOfRange.first(facts.dosing(), Dosing::rateMlPerMin, settings.minRateMlPerMin(), settings.maxRateMlPerMin())
				.flatMap(outside -> fire(
						Map.of("rate", outside.value(), "min", settings.minRateMlPerMin(), "max", settings.maxRateMlPerMin()),
						List.of(outside.dosing().id())));
	}
}
