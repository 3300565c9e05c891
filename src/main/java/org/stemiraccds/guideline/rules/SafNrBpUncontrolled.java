package org.stemiraccds.guideline.rules;

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
import org.stemiraccds.guideline.PatientFacts.BloodPressure;
import org.stemiraccds.guideline.PatientFacts.ConditionFact;

// §5 safety ②: not recommended when blood pressure cannot be kept at or below 140/90 mmHg.
@RuleDefinition(id = "SAF-NR-BP-UNCONTROLLED", severity = Severity.WARNING,
		hooks = {Hook.PATIENT_VIEW, Hook.ORDER_SELECT, Hook.ORDER_SIGN, Hook.ADMINISTRATION}, section = "§5 安全性 ②")
public class SafNrBpUncontrolled implements GuidelineRule {
	@Override
	public Optional<Finding> evaluate(PatientFacts facts, GuidelineSettings settings) {
		Optional<BloodPressure> high = facts.latestBloodPressureWithin(settings.bloodPressureWindowDays())
				.filter(bp -> bp.systolic() > settings.maxSystolic() || bp.diastolic() > settings.maxDiastolic());
		if (high.isPresent()) {
			return fire(Map.of("systolic", high.get().systolic(), "diastolic", high.get().diastolic(),
					"maxSystolic", settings.maxSystolic(), "maxDiastolic", settings.maxDiastolic()), List.of(high.get().id()));
		}
		List<ConditionFact> asserted = facts.conditionsIn("nr-uncontrolled-bp", false);
		return asserted.isEmpty() ? Optional.empty() : fire(Map.of(), asserted.stream().map(ConditionFact::id).toList());
	}

	@Override
	public boolean notRecommended() {
		return true;
	}
}
