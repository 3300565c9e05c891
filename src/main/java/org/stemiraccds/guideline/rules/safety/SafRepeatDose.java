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
import org.stemiraccds.guideline.PatientFacts.Administration;
import org.stemiraccds.guideline.rules.Implicated;

// Box: STEMIRAC is given once.
@RuleDefinition(id = "SAF-REPEAT-DOSE", severity = Severity.CRITICAL,
		hooks = {Hook.ORDER_SELECT, Hook.ORDER_SIGN, Hook.ADMINISTRATION}, section = "box")
public class SafRepeatDose implements GuidelineRule {
	@Override
	public Optional<Finding> evaluate(PatientFacts facts, GuidelineSettings settings) {
		List<Administration> earlier = facts.administrations().stream()
				.filter(a -> a.given().isBefore(facts.now()))
				.toList();
		if (earlier.isEmpty() || !facts.concernsStemirac()) return Optional.empty();
		return fire(Map.of("given", earlier.get(0).given()), Implicated.withStemirac(
				earlier.stream().map(Administration::id).toList(), facts));
	}
}
