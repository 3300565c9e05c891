package org.stemiraccds.guideline.rules.facility;

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

// §4 ①-2: the physician responsible for the treatment must be known to check the requirements.
@RuleDefinition(id = "FAC-PHYSICIAN-UNKNOWN", severity = Severity.WARNING,
		hooks = {Hook.ORDER_SIGN, Hook.ADMINISTRATION}, section = "§4 ①-2")
public class FacPhysicianUnknown implements GuidelineRule {
	@Override
	public Optional<Finding> evaluate(PatientFacts facts, GuidelineSettings settings) {
		if (!facts.concernsStemirac() || facts.physician().isPresent()) return Optional.empty();
		return fire(Map.of(), Implicated.stemirac(facts));
	}
}
