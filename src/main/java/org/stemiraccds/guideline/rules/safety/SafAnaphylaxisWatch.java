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

// §6 ③: made with penicillin, streptomycin and animal-derived materials; watch for anaphylaxis in a patient with an
// active allergy to them.
@RuleDefinition(id = "SAF-ANAPHYLAXIS-WATCH", severity = Severity.WARNING,
		hooks = {Hook.ORDER_SELECT, Hook.ORDER_SIGN, Hook.ADMINISTRATION}, section = "§6 ③")
public class SafAnaphylaxisWatch implements GuidelineRule {
	@Override
	public Optional<Finding> evaluate(PatientFacts facts, GuidelineSettings settings) {
		List<AllergyFact> found = facts.allergiesIn("allergen-anaphylaxis-watch").stream().filter(AllergyFact::active).toList();
		if (found.isEmpty() || !facts.concernsStemirac()) return Optional.empty();
		return fire(Map.of(), found.stream().map(AllergyFact::id).toList());
	}
}
