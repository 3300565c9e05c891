package org.stemiraccds.guideline.rules.process;

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

// §6 ③: watch respiration and vital signs during and after infusion (pulmonary embolism, thrombosis) and
// anaphylaxis after it.
@RuleDefinition(id = "MON-INFUSION", severity = Severity.INFO, hooks = {Hook.ORDER_SIGN}, section = "§6 ③")
public class MonInfusion implements GuidelineRule {
	@Override
	public Optional<Finding> evaluate(PatientFacts facts, GuidelineSettings settings) {
		return facts.draftOrders().isEmpty() ? Optional.empty() : fire(Map.of(), Implicated.stemirac(facts));
	}
}
