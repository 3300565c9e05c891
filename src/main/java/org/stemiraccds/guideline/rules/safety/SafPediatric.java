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

// §5 patient selection, §4 ①-4: no experience in children; decide with extreme care, with a paediatric
// haematology/oncology specialist.
@RuleDefinition(id = "SAF-PEDIATRIC", severity = Severity.WARNING,
		hooks = {Hook.PATIENT_VIEW, Hook.ORDER_SELECT, Hook.ORDER_SIGN, Hook.ADMINISTRATION}, section = "§5 患者選択; §4 ①-4")
public class SafPediatric implements GuidelineRule {
	@Override
	public Optional<Finding> evaluate(PatientFacts facts, GuidelineSettings settings) {
		Optional<Long> age = facts.ageOn(facts.now().atZone(settings.zone()).toLocalDate());
		if (age.isEmpty() || age.get() >= settings.adultAge()) return Optional.empty();
		return fire(Map.of("age", age.get(), "adultAge", settings.adultAge()), Implicated.stemirac(facts));
	}
}
