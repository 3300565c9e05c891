package org.stemiraccds.guideline.rules.safety;

import java.util.Comparator;
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

// Box: STEMIRAC is given once. An order is judged by the administrations given before it; an administration being
// recorded (MA) by every other one on record, whenever given: of two, the one recorded second is the one whose write
// sees the other (writes of one patient's administrations take turns), and it may be the earlier infusion.
@RuleDefinition(id = "SAF-REPEAT-DOSE", severity = Severity.CRITICAL,
		hooks = {Hook.ORDER_SELECT, Hook.ORDER_SIGN, Hook.ADMINISTRATION}, section = "box")
public class SafRepeatDose implements GuidelineRule {
	@Override
	public Optional<Finding> evaluate(PatientFacts facts, GuidelineSettings settings) {
		List<Administration> others = facts.administrations().stream()
				.filter(a -> !a.beingWritten())
				.filter(a -> facts.hook() == Hook.ADMINISTRATION || a.given().isBefore(facts.now()))
				.sorted(Comparator.comparing(Administration::given))
				.toList();
		if (others.isEmpty() || !facts.concernsStemirac()) return Optional.empty();
		return fire(Map.of("given", others.get(0).given()), Implicated.withStemirac(
				others.stream().map(Administration::id).toList(), facts));
	}
}
