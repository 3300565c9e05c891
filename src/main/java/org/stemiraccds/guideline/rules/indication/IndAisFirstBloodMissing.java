package org.stemiraccds.guideline.rules.indication;

import java.time.Instant;
import java.util.Comparator;
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
import org.stemiraccds.guideline.PatientFacts.Collection;
import org.stemiraccds.guideline.rules.Implicated;

// Insurance notice (3)②: the claim states the AIS at the first peripheral blood collection for manufacture.
@RuleDefinition(id = "IND-AIS-FIRST-BLOOD-MISSING", severity = Severity.WARNING,
		hooks = {Hook.ORDER_SIGN, Hook.ADMINISTRATION}, section = "insurance notice (3)②")
public class IndAisFirstBloodMissing implements GuidelineRule {
	static final String TIMEPOINT = "first-blood-collection";

	@Override
	public Optional<Finding> evaluate(PatientFacts facts, GuidelineSettings settings) {
		Optional<Collection> firstBlood = facts.firstBloodCollection();
		if (atFirstBloodCollection(facts, settings).isPresent()) return Optional.empty();
		List<String> implicated = Implicated.withStemirac(firstBlood.map(c -> List.of(c.id())).orElse(List.of()), facts);
		return fire(Map.of("firstBloodCollection", firstBlood.flatMap(Collection::when).map(Instant::toString).orElse("-")),
				implicated);
	}

	/**
	 * An AIS recorded for that timepoint, or one dated within the AIS window (calendar days) before the first
	 * collection.
	 */
	public static Optional<AisAssessment> atFirstBloodCollection(PatientFacts facts, GuidelineSettings settings) {
		Optional<Instant> collected = facts.firstBloodCollection().flatMap(Collection::when);
		return facts.aisAssessments().stream()
				.filter(a -> a.timepoint().filter(TIMEPOINT::equals).isPresent()
						|| collected.filter(at -> PatientFacts.within(a.effective(), settings.aisWindowDays(), settings.zone(), at)).isPresent())
				.max(Comparator.comparing(AisAssessment::effective));
	}
}
