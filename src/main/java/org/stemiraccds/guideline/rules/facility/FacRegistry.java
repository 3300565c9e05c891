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

// §4 ①-1(6): patients are enrolled in the product's patient registry.
@RuleDefinition(id = "FAC-REGISTRY", severity = Severity.INFO, hooks = {Hook.ORDER_SIGN}, section = "§4 ①-1(6)")
public class FacRegistry implements GuidelineRule {
	@Override
	public Optional<Finding> evaluate(PatientFacts facts, GuidelineSettings settings) {
		if (!facts.concernsStemirac() || !facts.paperwork().registryEnrolments().isEmpty()) return Optional.empty();
		return fire(Map.of(), Implicated.stemirac(facts));
	}
}
