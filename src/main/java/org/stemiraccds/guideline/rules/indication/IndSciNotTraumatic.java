package org.stemiraccds.guideline.rules.indication;

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

// Box, §5 ①: the only indication is traumatic spinal cord injury.
@RuleDefinition(id = "IND-SCI-NOT-TRAUMATIC", severity = Severity.CRITICAL,
		hooks = {Hook.ORDER_SELECT, Hook.ORDER_SIGN, Hook.ADMINISTRATION}, section = "box; §5 ①")
public class IndSciNotTraumatic implements GuidelineRule {
	@Override
	public Optional<Finding> evaluate(PatientFacts facts, GuidelineSettings settings) {
		if (!facts.traumaticSci().isEmpty()) return Optional.empty();
		return fire(Map.of("conditions", facts.conditions().size()), Implicated.stemirac(facts));
	}
}
