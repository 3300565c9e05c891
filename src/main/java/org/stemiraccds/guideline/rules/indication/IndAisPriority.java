package org.stemiraccds.guideline.rules.indication;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.stemiraccds.guideline.Finding;
import org.stemiraccds.guideline.GuidelineRule;
import org.stemiraccds.guideline.GuidelineSettings;
import org.stemiraccds.guideline.Hook;
import org.stemiraccds.guideline.PatientFacts;
import org.stemiraccds.guideline.PatientFacts.AisAssessment;
import org.stemiraccds.guideline.RuleDefinition;
import org.stemiraccds.guideline.Severity;
import org.stemiraccds.guideline.rules.Implicated;

// §5 patient selection, insurance notice (3)②: while supply is limited AIS A patients come first.
@RuleDefinition(id = "IND-AIS-PRIORITY", severity = Severity.INFO,
		hooks = {Hook.ORDER_SELECT, Hook.ORDER_SIGN}, section = "§5 患者選択; insurance notice (3)②")
public class IndAisPriority implements GuidelineRule {
	private static final Set<String> NOT_FIRST = Set.of("B", "C");

	@Override
	public Optional<Finding> evaluate(PatientFacts facts, GuidelineSettings settings) {
		Optional<AisAssessment> latest = facts.latestAisWithin(settings.aisWindowDays(), settings.zone());
		if (latest.isEmpty() || !NOT_FIRST.contains(latest.get().grade())) return Optional.empty();
		return fire(Map.of("grade", latest.get().grade()), Implicated.withStemirac(List.of(latest.get().id()), facts));
	}
}
