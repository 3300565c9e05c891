package org.stemiraccds.guideline.rules.process;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import org.stemiraccds.guideline.PatientFacts.AisAssessment;
import org.stemiraccds.guideline.PatientFacts.Physician;
import org.stemiraccds.guideline.rules.indication.IndAisFirstBloodMissing;
import org.stemiraccds.guideline.rules.Implicated;

// Insurance notice (3): the claim's remarks state the physician requirement (ア or イ), the AIS at the first
// peripheral blood collection and the AIS immediately before administration.
@RuleDefinition(id = "PRO-CLAIM-REMARKS", severity = Severity.INFO,
		hooks = {Hook.ORDER_SIGN, Hook.ADMINISTRATION}, section = "insurance notice (3)")
public class ProClaimRemarks implements GuidelineRule {
	@Override
	public Optional<Finding> evaluate(PatientFacts facts, GuidelineSettings settings) {
		if (!facts.concernsStemirac()) return Optional.empty();
		Map<String, Object> values = new LinkedHashMap<>();
		List<String> missing = new ArrayList<>();
		facts.physician().flatMap(Physician::requirementAOrI)
				.ifPresentOrElse(req -> values.put("physicianRequirement", req), () -> missing.add("physicianRequirement"));
		IndAisFirstBloodMissing.atFirstBloodCollection(facts, settings)
				.map(AisAssessment::grade)
				.ifPresentOrElse(grade -> values.put("firstBloodAis", grade), () -> missing.add("firstBloodAis"));
		facts.latestAisWithin(settings.aisWindowDays(), settings.zone())
				.map(AisAssessment::grade)
				.ifPresentOrElse(grade -> values.put("preAdministrationAis", grade), () -> missing.add("preAdministrationAis"));
		values.put("missing", missing);
		return fire(values, Implicated.stemirac(facts));
	}
}
