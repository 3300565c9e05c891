package org.stemiraccds.guideline.rules;

import org.stemiraccds.guideline.Suggestion;
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

// §6②: explain efficacy and risks to the patient or family and obtain consent before use.
@RuleDefinition(id = "PRO-CONSENT", severity = Severity.WARNING,
		hooks = {Hook.ORDER_SELECT, Hook.ORDER_SIGN, Hook.ADMINISTRATION}, section = "§6 ②")
public class ProConsent implements GuidelineRule {
	@Override
	public Optional<Finding> evaluate(PatientFacts facts, GuidelineSettings settings) {
		if (!facts.concernsStemirac() || !facts.paperwork().stemiracConsents().isEmpty()) return Optional.empty();
		return fire(Map.of(), Implicated.stemirac(facts));
	}

	@Override
	public Optional<Suggestion> suggestion() {
		return Optional.of(new Suggestion.CreateTask("suggestion.task.consent"));
	}
}
