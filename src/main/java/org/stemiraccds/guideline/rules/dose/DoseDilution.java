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

// Box: diluted at least 3-fold with normal saline; a warning when the dilution is not stated.
@RuleDefinition(id = "DOSE-DILUTION", severity = Severity.CRITICAL, hooks = {Hook.ORDER_SIGN, Hook.ADMINISTRATION}, section = "box")
public class DoseDilution implements GuidelineRule {
	@Override
	public Optional<Finding> evaluate(PatientFacts facts, GuidelineSettings settings) {
		for (Dosing dosing : facts.dosing()) {
			if (dosing.dilution().filter(d -> d < settings.minDilution()).isPresent()) {
				return fire(Map.of("dilution", dosing.dilution().get(), "min", settings.minDilution()), List.of(dosing.id()));
			}
		}
		List<String> unstated = facts.dosing().stream().filter(d -> d.dilution().isEmpty()).map(Dosing::id).toList();
		if (unstated.isEmpty()) return Optional.empty();
		return fire(Severity.WARNING, Map.of("min", settings.minDilution()), unstated);
	}
}
