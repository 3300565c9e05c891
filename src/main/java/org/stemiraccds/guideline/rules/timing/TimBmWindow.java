package org.stemiraccds.guideline.rules.timing;

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
import org.stemiraccds.guideline.PatientFacts.ConditionFact;

// Box, §6④: the label targets bone-marrow collection by about day 31 after injury (the trial collected on days
// 11-25, §3 table 6).
@RuleDefinition(id = "TIM-BM-WINDOW", severity = Severity.WARNING,
		hooks = {Hook.PATIENT_VIEW, Hook.ORDER_SELECT, Hook.ORDER_SIGN}, section = "box; §6④")
public class TimBmWindow implements GuidelineRule {
	@Override
	public Optional<Finding> evaluate(PatientFacts facts, GuidelineSettings settings) {
		if (facts.injuryDate().isEmpty()) return Optional.empty();
		List<Collection> marrow = facts.collections(CollectionKind.BONE_MARROW);
		if (marrow.isEmpty()) {
			long today = facts.dayOf(facts.now(), settings.zone()).orElseThrow();
			if (today <= settings.boneMarrowLastDay()) return Optional.empty();
			return fire(values(today, settings), facts.traumaticSci().stream().map(ConditionFact::id).toList());
		}
		List<Collection> late = marrow.stream()
				.filter(c -> c.when().flatMap(at -> facts.dayOf(at, settings.zone()))
						.filter(day -> day > settings.boneMarrowLastDay()).isPresent())
				.toList();
		if (late.isEmpty()) return Optional.empty();
		long day = facts.dayOf(late.get(0).when().orElseThrow(), settings.zone()).orElseThrow();
		return fire(values(day, settings), late.stream().map(Collection::id).toList());
	}

	private static Map<String, Object> values(long day, GuidelineSettings settings) {
		return Map.of("day", day, "lastDay", settings.boneMarrowLastDay(),
				"trialFirstDay", settings.trialMarrowFirstDay(), "trialLastDay", settings.trialMarrowLastDay());
	}
}
