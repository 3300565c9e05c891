package org.stemiraccds.guideline.rules.facility;

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
import org.stemiraccds.guideline.Code;
import org.stemiraccds.guideline.PatientFacts.Facility;
import org.stemiraccds.guideline.rules.process.ProRehabTransfer;
import org.stemiraccds.guideline.rules.Implicated;

// §4: the facility meets every requirement (the items are the codes of ValueSet facility-requirement), except
// item 1-5: it applies only to a transfer for rehabilitation, which ProRehabTransfer checks when there is one.
@RuleDefinition(id = "FAC-FACILITY-REQUIREMENTS", severity = Severity.WARNING,
		hooks = {Hook.ORDER_SIGN, Hook.ADMINISTRATION}, section = "§4")
public class FacFacilityRequirements implements GuidelineRule {
	@Override
	public Optional<Finding> evaluate(PatientFacts facts, GuidelineSettings settings) {
		if (!facts.concernsStemirac()) return Optional.empty();
		Map<String, Boolean> recorded = facts.facility().map(Facility::requirements).orElse(Map.of());
		List<String> missing = facts.codeSets().codes("facility-requirement").stream()
				.map(Code::code)
				.filter(code -> !code.equals(ProRehabTransfer.PARTNER_ITEM))
				.filter(code -> !recorded.getOrDefault(code, false))
				.toList();
		if (missing.isEmpty()) return Optional.empty();
		List<String> implicated = facts.facility().map(f -> List.of(f.id())).orElse(List.of());
		return fire(Map.of("missing", missing), Implicated.withStemirac(implicated, facts));
	}
}
