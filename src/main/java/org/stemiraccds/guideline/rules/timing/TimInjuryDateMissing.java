package org.stemiraccds.guideline.rules.timing;

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
import org.stemiraccds.guideline.PatientFacts.ConditionFact;

// Box, §6④: every day count starts at the injury date (day 0).
@RuleDefinition(id = "TIM-INJURY-DATE-MISSING", severity = Severity.WARNING,
		hooks = {Hook.PATIENT_VIEW, Hook.ORDER_SELECT, Hook.ORDER_SIGN, Hook.ADMINISTRATION}, section = "box; §6④")
public class TimInjuryDateMissing implements GuidelineRule {
	@Override
	public Optional<Finding> evaluate(PatientFacts facts, GuidelineSettings settings) {
		List<ConditionFact> sci = facts.traumaticSci();
		if (sci.isEmpty() || facts.injuryDate().isPresent()) return Optional.empty();
		return fire(Map.of(), sci.stream().map(ConditionFact::id).toList());
	}
}
