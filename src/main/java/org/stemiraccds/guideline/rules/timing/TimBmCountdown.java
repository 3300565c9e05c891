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
import org.stemiraccds.guideline.PatientFacts.ConditionFact;
import org.stemiraccds.guideline.rules.indication.IndAisNotEligible;

// Box, §6④: bone marrow is collected within about 31 days of the injury; count the days down. Not for a patient
// whose AIS makes them ineligible (box, §5 ①): there is nothing to collect for.
@RuleDefinition(id = "TIM-BM-COUNTDOWN", severity = Severity.INFO, hooks = {Hook.PATIENT_VIEW}, section = "box; §6④")
public class TimBmCountdown implements GuidelineRule {
	@Override
	public Optional<Finding> evaluate(PatientFacts facts, GuidelineSettings settings) {
		if (!facts.collections(CollectionKind.BONE_MARROW).isEmpty()) return Optional.empty();
		if (IndAisNotEligible.ineligibleAis(facts, settings).isPresent()) return Optional.empty();
		Optional<Long> today = facts.dayOf(facts.now(), settings.zone());
		if (today.isEmpty() || today.get() > settings.boneMarrowLastDay()) return Optional.empty();
		return fire(Map.of("day", today.get(), "lastDay", settings.boneMarrowLastDay(),
				"daysLeft", settings.boneMarrowLastDay() - today.get()),
				facts.traumaticSci().stream().map(ConditionFact::id).toList());
	}
}
