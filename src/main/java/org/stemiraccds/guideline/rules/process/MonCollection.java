package org.stemiraccds.guideline.rules.process;

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
import org.stemiraccds.guideline.PatientFacts.Collection;

// §6 ③, box: autonomic instability during and after collection; severe anaemia or hypotension with blood
// collection; 960 mL of blood and 50 mL of marrow in total.
@RuleDefinition(id = "MON-COLLECTION", severity = Severity.INFO,
		hooks = {Hook.ORDER_SELECT, Hook.ORDER_SIGN}, section = "§6 ③; box")
public class MonCollection implements GuidelineRule {
	@Override
	public Optional<Finding> evaluate(PatientFacts facts, GuidelineSettings settings) {
		List<Collection> ordering = facts.collectionOrders();
		if (ordering.isEmpty()) return Optional.empty();
		return fire(Map.of("kinds", ordering.stream().map(c -> c.kind().name()).distinct().toList()),
				ordering.stream().map(Collection::id).toList());
	}
}
