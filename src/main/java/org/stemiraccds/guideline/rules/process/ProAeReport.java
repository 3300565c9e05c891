package org.stemiraccds.guideline.rules.process;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stemiraccds.guideline.Finding;
import org.stemiraccds.guideline.GuidelineRule;
import org.stemiraccds.guideline.GuidelineSettings;
import org.stemiraccds.guideline.Hook;
import org.stemiraccds.guideline.PatientFacts;
import org.stemiraccds.guideline.PatientFacts.AdverseEventFact;
import org.stemiraccds.guideline.RuleDefinition;
import org.stemiraccds.guideline.Severity;

// §4 ②: the facility's person in charge of regenerative medicine product information reports adverse events (and
// malfunctions) promptly; the product's safety data are confirmed after marketing (§2). A treated patient's
// AdverseEvent without the adverse-event-reported extension has not been reported yet.
@RuleDefinition(id = "PRO-AE-REPORT", severity = Severity.INFO, hooks = {Hook.PATIENT_VIEW}, section = "§4 ②")
public class ProAeReport implements GuidelineRule {
	@Override
	public Optional<Finding> evaluate(PatientFacts facts, GuidelineSettings settings) {
		if (facts.administrations().isEmpty()) return Optional.empty();
		List<String> unreported = facts.adverseEvents().stream()
				.filter(event -> !event.reported())
				.map(AdverseEventFact::id)
				.toList();
		if (unreported.isEmpty()) return Optional.empty();
		return fire(Map.of("count", unreported.size()), unreported);
	}
}
