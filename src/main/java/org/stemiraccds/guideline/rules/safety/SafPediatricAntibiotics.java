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
import org.stemiraccds.guideline.PatientFacts.Collection;
import org.stemiraccds.guideline.PatientFacts.CollectionKind;

// §6 ③: after marrow collection in children, iliac osteomyelitis and septic shock were reported: consider
// prophylactic antibiotics.
@RuleDefinition(id = "SAF-PEDIATRIC-ANTIBIOTICS", severity = Severity.INFO,
		hooks = {Hook.ORDER_SELECT, Hook.ORDER_SIGN}, section = "§6 ③")
public class SafPediatricAntibiotics implements GuidelineRule {
	@Override
	public Optional<Finding> evaluate(PatientFacts facts, GuidelineSettings settings) {
		List<Collection> marrowOrders = facts.collectionOrders().stream()
				.filter(c -> c.kind() == CollectionKind.BONE_MARROW)
				.toList();
		Optional<Long> age = facts.ageOn(facts.now().atZone(settings.zone()).toLocalDate());
		if (marrowOrders.isEmpty() || age.isEmpty() || age.get() >= settings.adultAge()) return Optional.empty();
		return fire(Map.of("age", age.get()), marrowOrders.stream().map(Collection::id).toList());
	}
}
