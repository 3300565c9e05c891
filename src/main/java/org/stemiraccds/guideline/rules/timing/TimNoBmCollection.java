package org.stemiraccds.guideline.rules.timing;

import java.util.Map;
import java.util.Optional;
import org.stemiraccds.guideline.Finding;
import org.stemiraccds.guideline.GuidelineRule;
import org.stemiraccds.guideline.GuidelineSettings;
import org.stemiraccds.guideline.Hook;
import org.stemiraccds.guideline.PatientFacts;
import org.stemiraccds.guideline.RuleDefinition;
import org.stemiraccds.guideline.Severity;
import org.stemiraccds.guideline.PatientFacts.CollectionKind;
import org.stemiraccds.guideline.PatientFacts.CollectionStatus;
import org.stemiraccds.guideline.rules.Implicated;

// Box, §6④: the product is made from this patient's own marrow; without a collection it cannot exist.
@RuleDefinition(id = "TIM-NO-BM-COLLECTION", severity = Severity.CRITICAL,
		hooks = {Hook.ORDER_SIGN, Hook.ADMINISTRATION}, section = "box; §6④")
public class TimNoBmCollection implements GuidelineRule {
	@Override
	public Optional<Finding> evaluate(PatientFacts facts, GuidelineSettings settings) {
		boolean collected = facts.collections(CollectionKind.BONE_MARROW).stream()
				.anyMatch(c -> c.status() == CollectionStatus.DONE);
		if (collected || !facts.concernsStemirac()) return Optional.empty();
		return fire(Map.of(), Implicated.stemirac(facts));
	}
}
