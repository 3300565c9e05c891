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
import org.stemiraccds.guideline.PatientFacts.Physician;
import org.stemiraccds.guideline.rules.Implicated;

// §4 ①-2, insurance notice (3)①: the responsible physician has the manufacturer's training and meets ア or イ.
@RuleDefinition(id = "FAC-PHYSICIAN-REQUIREMENT", severity = Severity.CRITICAL,
		hooks = {Hook.ORDER_SIGN, Hook.ADMINISTRATION}, section = "§4 ①-2; insurance notice (3)①")
public class FacPhysicianRequirement implements GuidelineRule {
	@Override
	public Optional<Finding> evaluate(PatientFacts facts, GuidelineSettings settings) {
		if (!facts.concernsStemirac() || facts.physician().isEmpty()) return Optional.empty();
		Physician physician = facts.physician().get();
		boolean trained = physician.completedManufacturerTraining();
		boolean requirementAorI = physician.requirementAOrI().isPresent();
		if (trained && requirementAorI) return Optional.empty();
		return fire(Map.of("trained", trained, "requirementAorI", requirementAorI),
				Implicated.withStemirac(List.of(physician.id()), facts));
	}
}
