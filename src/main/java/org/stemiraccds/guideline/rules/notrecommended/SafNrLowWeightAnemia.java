package org.stemiraccds.guideline.rules.notrecommended;

import java.time.Instant;
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
import org.stemiraccds.guideline.PatientFacts.Collection;
import org.stemiraccds.guideline.PatientFacts.ConditionFact;
import org.stemiraccds.guideline.PatientFacts.Measurement;

// §5 safety ②: not recommended in low body weight (especially children) or anaemia, judged before treatment: the
// haemoglobin is the latest measured before the first peripheral-blood collection (none yet: the latest of the last
// 30 days), so anaemia from the collections themselves does not count. BMI is an adult measure: for a child only a
// low-weight or malnutrition diagnosis counts (ValueSet nr-low-weight-anemia, as for adults).
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
		Optional<Measurement> weight = facts.latestWeightWithin(settings.weightWindowDays(), settings.zone());
		lowBmi(facts, weight, settings).ifPresent(bmi -> {
			values.put("bmi", Math.round(bmi * 10) / 10.0);
			implicated.add(weight.orElseThrow().id());
		});
		return implicated.isEmpty() ? Optional.empty() : fire(values, implicated);
	}

	private static Optional<Measurement> lowHaemoglobin(PatientFacts facts, GuidelineSettings settings) {
		boolean male = facts.patient().gender().filter("male"::equals).isPresent();
		double min = male ? settings.minHaemoglobinMale() : settings.minHaemoglobinOther();
		return pretreatmentHaemoglobin(facts, settings).filter(hb -> hb.value() < min);
	}

	/** The latest haemoglobin before the first blood collection; with no collection yet, the latest of the window. */
	static Optional<Measurement> pretreatmentHaemoglobin(PatientFacts facts, GuidelineSettings settings) {
		Optional<Instant> firstBlood = facts.firstBloodCollection().flatMap(Collection::when);
		List<Measurement> candidates = facts.vitals().haemoglobin().stream()
				.filter(hb -> firstBlood.isPresent()
						? hb.effective().isBefore(firstBlood.get()) && !hb.effective().isAfter(facts.now())
						: facts.within(hb.effective(), settings.haemoglobinWindowDays(), settings.zone()))
				.toList();
		return PatientFacts.latest(candidates);
	}

	/** BMI below the limit, for an adult (or a patient of unknown age). */
	private static Optional<Double> lowBmi(PatientFacts facts, Optional<Measurement> weight, GuidelineSettings settings) {
		Optional<Long> age = facts.ageOn(facts.now().atZone(settings.zone()).toLocalDate());
		if (age.filter(years -> years < settings.adultAge()).isPresent()) return Optional.empty();
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
