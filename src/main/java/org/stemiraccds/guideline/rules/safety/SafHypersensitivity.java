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
import org.stemiraccds.guideline.PatientFacts.AllergyFact;
import org.stemiraccds.guideline.rules.Implicated;

// §5 safety ①: a history of hypersensitivity to the product or its components is a contraindication: an allergy
// of any clinical status counts.
@RuleDefinition(id = "SAF-HYPERSENSITIVITY", severity = Severity.CRITICAL,
		hooks = {Hook.PATIENT_VIEW, Hook.ORDER_SELECT, Hook.ORDER_SIGN, Hook.ADMINISTRATION}, section = "§5 安全性 ①")
public class SafHypersensitivity implements GuidelineRule {
	public static final String VALUE_SET = "allergen-contraindicated";

	@Override
	public Optional<Finding> evaluate(PatientFacts facts, GuidelineSettings settings) {
		List<AllergyFact> found = facts.allergiesIn(VALUE_SET);
		if (found.isEmpty()) return Optional.empty();
		return fire(Map.of(), Implicated.withStemirac(found.stream().map(AllergyFact::id).toList(), facts));
	}
}
