package org.stemiraccds.guideline.rules;

import java.util.ArrayList;
import java.util.HashMap;
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
import org.stemiraccds.guideline.PatientFacts.ConditionFact;
import org.stemiraccds.guideline.PatientFacts.Measurement;

// §5 safety ②: not recommended in low body weight (especially children) or anaemia.
@RuleDefinition(id = "SAF-NR-LOW-WEIGHT-ANEMIA", severity = Severity.WARNING,
		hooks = {Hook.PATIENT_VIEW, Hook.ORDER_SELECT, Hook.ORDER_SIGN, Hook.ADMINISTRATION}, section = "§5 安全性 ②")
public class SafNrLowWeightAnemia implements GuidelineRule {
	@Override
	public Optional<Finding> evaluate(PatientFacts facts, GuidelineSettings settings) {
		Map<String, Object> values = new HashMap<>();
		List<String> implicated = new ArrayList<>(
				facts.conditionsIn("nr-low-weight-anemia", false).stream().map(ConditionFact::id).toList());
		lowHaemoglobin(facts, settings).ifPresent(hb -> {
			values.put("haemoglobin", hb.value());
			implicated.add(hb.id());
		});
		lowBmi(facts, settings).ifPresent(bmi -> {
			values.put("bmi", Math.round(bmi * 10) / 10.0);
			implicated.add(facts.latestWeightWithin(settings.weightWindowDays()).orElseThrow().id());
		});
		return implicated.isEmpty() ? Optional.empty() : fire(values, implicated);
	}

	private static Optional<Measurement> lowHaemoglobin(PatientFacts facts, GuidelineSettings settings) {
		boolean male = facts.patient().gender().filter("male"::equals).isPresent();
		double min = male ? settings.minHaemoglobinMale() : settings.minHaemoglobinOther();
		return PatientFacts.latest(facts.vitals().haemoglobin()).filter(hb -> hb.value() < min);
	}

	private static Optional<Double> lowBmi(PatientFacts facts, GuidelineSettings settings) {
		Optional<Measurement> weight = facts.latestWeightWithin(settings.weightWindowDays());
		Optional<Measurement> height = PatientFacts.latest(facts.vitals().heights());
		if (weight.isEmpty() || height.isEmpty() || height.get().value() <= 0) return Optional.empty();
		double metres = height.get().value() / 100.0;
		double bmi = weight.get().value() / (metres * metres);
		return bmi < settings.minBmi() ? Optional.of(bmi) : Optional.empty();
	}

	@Override
	public boolean notRecommended() {
		return true;
	}
}
