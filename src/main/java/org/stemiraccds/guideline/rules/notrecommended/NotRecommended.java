package org.stemiraccds.guideline.rules.notrecommended;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.stemiraccds.guideline.Finding;
import org.stemiraccds.guideline.GuidelineRule;
import org.stemiraccds.guideline.GuidelineSettings;
import org.stemiraccds.guideline.PatientFacts;
import org.stemiraccds.guideline.PatientFacts.ConditionFact;

/**
 * §5 safety ②: a "not recommended" category, found as a Condition coded in the category's value set
 * (nr-…: ICD-10, SNOMED CT, or the clinician's not-recommended-category code). Going ahead needs the
 * guideline's own condition: no other treatment option.
 */
abstract class NotRecommended implements GuidelineRule {
	private final String valueSetId;
	private final boolean anyClinicalStatus;

	NotRecommended(String valueSetId, boolean anyClinicalStatus) {
		this.valueSetId = valueSetId;
		this.anyClinicalStatus = anyClinicalStatus;
	}

	@Override
	public Optional<Finding> evaluate(PatientFacts facts, GuidelineSettings settings) {
		List<String> found = Stream.concat(
				facts.conditionsIn(valueSetId, anyClinicalStatus).stream().map(ConditionFact::id),
				alsoFound(facts).stream()).toList();
		if (found.isEmpty()) return Optional.empty();
		return fire(Map.of("category", valueSetId), found);
	}

	/** Other resources ("Type/id") that show the category besides Conditions; none unless a rule says so. */
	List<String> alsoFound(PatientFacts facts) {
		return List.of();
	}

	@Override
	public boolean notRecommended() {
		return true;
	}
}
