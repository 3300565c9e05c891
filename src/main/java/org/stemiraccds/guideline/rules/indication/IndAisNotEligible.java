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

// Box, §5 ①: only AIS A, B or C patients are eligible.
@RuleDefinition(id = "IND-AIS-NOT-ELIGIBLE", severity = Severity.CRITICAL,
		hooks = {Hook.PATIENT_VIEW, Hook.ORDER_SELECT, Hook.ORDER_SIGN, Hook.ADMINISTRATION}, section = "box; §5 ①")
public class IndAisNotEligible implements GuidelineRule {
	private static final Set<String> ELIGIBLE = Set.of("A", "B", "C");

	@Override
	public Optional<Finding> evaluate(PatientFacts facts, GuidelineSettings settings) {
		Optional<AisAssessment> latest = ineligibleAis(facts, settings);
		if (latest.isEmpty()) return Optional.empty();
		Severity severity = facts.hook() == Hook.PATIENT_VIEW ? Severity.WARNING : Severity.CRITICAL;
		return fire(severity, Map.of("grade", latest.get().grade(), "assessed", latest.get().effective()),
				Implicated.withStemirac(List.of(latest.get().id()), facts));
	}

	/** The latest AIS in the window when it is D or E (not eligible). */
	public static Optional<AisAssessment> ineligibleAis(PatientFacts facts, GuidelineSettings settings) {
		return facts.latestAisWithin(settings.aisWindowDays(), settings.zone()).filter(ais -> !ELIGIBLE.contains(ais.grade()));
	}
}
