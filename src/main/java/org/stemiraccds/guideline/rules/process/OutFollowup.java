package org.stemiraccds.guideline.rules.process;

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
import org.stemiraccds.guideline.PatientFacts.Administration;

// §3: the trial assessed AIS at day 220; record the follow-up AIS once that day has passed.
@RuleDefinition(id = "OUT-FOLLOWUP", severity = Severity.INFO, hooks = {Hook.PATIENT_VIEW}, section = "§3")
public class OutFollowup implements GuidelineRule {
	@Override
	public Optional<Finding> evaluate(PatientFacts facts, GuidelineSettings settings) {
		List<Administration> given = facts.administrations();
		Optional<Long> today = facts.dayOf(facts.now(), settings.zone());
		if (given.isEmpty() || today.isEmpty() || today.get() <= settings.followUpDay()) return Optional.empty();
		boolean followedUp = facts.aisAssessments().stream()
				.anyMatch(ais -> ais.timepoint().filter("follow-up"::equals).isPresent()
						|| facts.dayOf(ais.effective(), settings.zone()).filter(day -> day >= settings.followUpDay()).isPresent());
		if (followedUp) return Optional.empty();
		return fire(Map.of("day", today.get(), "followUpDay", settings.followUpDay()),
				given.stream().map(Administration::id).toList());
	}
}
