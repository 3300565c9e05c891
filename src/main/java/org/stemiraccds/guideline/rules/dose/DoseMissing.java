package org.stemiraccds.guideline.rules.dose;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stemiraccds.guideline.Finding;
import org.stemiraccds.guideline.GuidelineRule;
import org.stemiraccds.guideline.GuidelineSettings;
import org.stemiraccds.guideline.Hook;
import org.stemiraccds.guideline.PatientFacts;
import org.stemiraccds.guideline.PatientFacts.Dosing;
import org.stemiraccds.guideline.PatientFacts.QuantityKind;
import org.stemiraccds.guideline.PatientFacts.Unreadable;
import org.stemiraccds.guideline.RuleDefinition;
import org.stemiraccds.guideline.Severity;

// Box: one infusion of a stated number of cells. A dose in a unit that cannot be converted to cells is missing,
// and the card says that its unit was not understood.
@RuleDefinition(id = "DOSE-MISSING", severity = Severity.WARNING, hooks = {Hook.ORDER_SIGN, Hook.ADMINISTRATION}, section = "box")
public class DoseMissing implements GuidelineRule {
	@Override
	public Optional<Finding> evaluate(PatientFacts facts, GuidelineSettings settings) {
		List<String> undosed = facts.dosing().stream().filter(d -> d.cells().isEmpty()).map(Dosing::id).toList();
		if (undosed.isEmpty()) return Optional.empty();
		List<Unreadable> unreadable = facts.unreadable(QuantityKind.DOSE).stream()
				.filter(u -> undosed.contains(u.id()))
				.toList();
		return fire(MissingValue.values(unreadable, Map.of()), undosed);
	}
}
