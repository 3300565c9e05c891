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
import org.stemiraccds.guideline.RuleDefinition;
import org.stemiraccds.guideline.Severity;

// Box: intravenous infusion only.
@RuleDefinition(id = "DOSE-ROUTE", severity = Severity.CRITICAL, hooks = {Hook.ORDER_SIGN, Hook.ADMINISTRATION}, section = "box")
public class DoseRoute implements GuidelineRule {
	/** The routes that are intravenous. */
	public static final String VALUE_SET = "route-intravenous";

	@Override
	public Optional<Finding> evaluate(PatientFacts facts, GuidelineSettings settings) {
		List<Dosing> notIntravenous = facts.dosing().stream()
				.filter(d -> d.route().filter(route -> !facts.codeSets().contains(VALUE_SET, route)).isPresent())
				.toList();
		if (notIntravenous.isEmpty()) return Optional.empty();
		return fire(Map.of("route", notIntravenous.get(0).route().get().code()), notIntravenous.stream().map(Dosing::id).toList());
	}
}
