package org.stemiraccds.guideline.rules.notrecommended;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.stemiraccds.guideline.Finding;
import org.stemiraccds.guideline.GuidelineRule;
import org.stemiraccds.guideline.GuidelineSettings;
import org.stemiraccds.guideline.Hook;
import org.stemiraccds.guideline.PatientFacts;
import org.stemiraccds.guideline.PatientFacts.BloodPressure;
import org.stemiraccds.guideline.PatientFacts.ConditionFact;
import org.stemiraccds.guideline.RuleDefinition;
import org.stemiraccds.guideline.Severity;

// §5 safety ②: not recommended when blood pressure cannot be controlled to 140/90 mmHg or below. One reading above
// the limit is not "cannot be controlled": the two latest readings of the window are both above it, or the latest
// is above it in a patient with hypertension (ValueSet hypertension); or a clinician records that it cannot be
// controlled (ValueSet nr-uncontrolled-bp), which is the guideline's own criterion.
@RuleDefinition(id = "SAF-NR-BP-UNCONTROLLED", severity = Severity.WARNING,
		hooks = {Hook.PATIENT_VIEW, Hook.ORDER_SELECT, Hook.ORDER_SIGN, Hook.ADMINISTRATION}, section = "§5 安全性 ②")
public class SafNrBpUncontrolled implements GuidelineRule {
	static final String REPEATED = "bp-repeated";
	static final String HYPERTENSION = "bp-hypertension";
	static final String ASSERTED = "bp-asserted";

	@Override
	public Optional<Finding> evaluate(PatientFacts facts, GuidelineSettings settings) {
		List<BloodPressure> high = facts.bloodPressuresWithin(settings.bloodPressureWindowDays(), settings.zone()).stream()
				.limit(2)
				.takeWhile(bp -> above(bp, settings))
				.toList();
		if (high.size() == 2) return fire(values(REPEATED, high, settings), ids(high));
		List<ConditionFact> hypertension = facts.conditionsIn("hypertension", false);
		if (high.size() == 1 && !hypertension.isEmpty()) {
			return fire(values(HYPERTENSION, high, settings),
					Stream.concat(ids(high).stream(), hypertension.stream().map(ConditionFact::id)).toList());
		}
		List<ConditionFact> asserted = facts.conditionsIn("nr-uncontrolled-bp", false);
		if (asserted.isEmpty()) return Optional.empty();
		return fire(values(ASSERTED, List.of(), settings), asserted.stream().map(ConditionFact::id).toList());
	}

	private static boolean above(BloodPressure bp, GuidelineSettings settings) {
		return bp.systolic() > settings.maxSystolic() || bp.diastolic() > settings.maxDiastolic();
	}

	/** The reason, the limits and the readings above them, the latest first (systolic, diastolic; previous...). */
	private static Map<String, Object> values(String reason, List<BloodPressure> high, GuidelineSettings settings) {
		Map<String, Object> values = new HashMap<>(Map.of("reason", reason,
				"maxSystolic", settings.maxSystolic(), "maxDiastolic", settings.maxDiastolic()));
		if (!high.isEmpty()) {
			values.put("systolic", high.get(0).systolic());
			values.put("diastolic", high.get(0).diastolic());
		}
		if (high.size() > 1) {
			values.put("previousSystolic", high.get(1).systolic());
			values.put("previousDiastolic", high.get(1).diastolic());
		}
		return values;
	}

	private static List<String> ids(List<BloodPressure> readings) {
		return readings.stream().map(BloodPressure::id).toList();
	}

	@Override
	public boolean notRecommended() {
		return true;
	}
}
