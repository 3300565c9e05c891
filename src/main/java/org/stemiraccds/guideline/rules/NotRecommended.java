package org.stemiraccds.guideline.rules;

import java.util.List;
import java.util.Map;
import java.util.Optional;
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
		List<ConditionFact> found = facts.conditionsIn(valueSetId, anyClinicalStatus);
		if (found.isEmpty()) return Optional.empty();
		return fire(Map.of("category", valueSetId), found.stream().map(ConditionFact::id).toList());
	}

	@Override
	public boolean notRecommended() {
		return true;
	}
}
