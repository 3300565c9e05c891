package org.stemiraccds.guideline.rules.safety;

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
import org.stemiraccds.guideline.rules.Implicated;

// §5 safety ②: whether blood pressure is controlled needs a recent measurement.
@RuleDefinition(id = "SAF-BP-MISSING", severity = Severity.INFO, hooks = {Hook.ORDER_SELECT, Hook.ORDER_SIGN}, section = "§5 安全性 ②")
public class SafBpMissing implements GuidelineRule {
	@Override
	public Optional<Finding> evaluate(PatientFacts facts, GuidelineSettings settings) {
		if (!facts.concernsStemirac() || !facts.bloodPressuresWithin(settings.bloodPressureWindowDays(), settings.zone()).isEmpty()) {
			return Optional.empty();
		}
		return fire(Map.of("windowDays", settings.bloodPressureWindowDays()), Implicated.stemirac(facts));
	}
}
