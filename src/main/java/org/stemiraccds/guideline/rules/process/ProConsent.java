package org.stemiraccds.guideline.rules.process;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.stemiraccds.guideline.Finding;
import org.stemiraccds.guideline.GuidelineRule;
import org.stemiraccds.guideline.GuidelineSettings;
import org.stemiraccds.guideline.Hook;
import org.stemiraccds.guideline.PatientFacts;
import org.stemiraccds.guideline.PatientFacts.Collection;
import org.stemiraccds.guideline.RuleDefinition;
import org.stemiraccds.guideline.Severity;
import org.stemiraccds.guideline.Suggestion;
import org.stemiraccds.guideline.rules.Implicated;

// §6 ②: before treatment starts, explain efficacy and risks to the patient or family and obtain their consent.
// Treatment starts with the collection, so a collection order needs it too. A refusal (a deny provision or a
// rejected Consent) is critical and wins over a consent: the facts carry no dates to tell which came last.
@RuleDefinition(id = "PRO-CONSENT", severity = Severity.CRITICAL,
		hooks = {Hook.ORDER_SELECT, Hook.ORDER_SIGN, Hook.ADMINISTRATION}, section = "§6 ②")
public class ProConsent implements GuidelineRule {
	static final String REFUSED = "consent-refused";
	static final String NOT_RECORDED = "consent-not-recorded";

	@Override
	public Optional<Finding> evaluate(PatientFacts facts, GuidelineSettings settings) {
		if (!facts.concernsStemirac() && facts.collectionOrders().isEmpty()) return Optional.empty();
		List<String> refusals = facts.paperwork().consentRefusals();
		if (!refusals.isEmpty()) return fire(Map.of("reason", REFUSED), withTreatment(refusals, facts));
		if (!facts.paperwork().stemiracConsents().isEmpty()) return Optional.empty();
		return fire(Severity.WARNING, Map.of("reason", NOT_RECORDED), withTreatment(List.of(), facts));
	}

	/** The given resources, then the STEMIRAC order or administration and the collections being ordered. */
	private static List<String> withTreatment(List<String> ids, PatientFacts facts) {
		return Stream.concat(Implicated.withStemirac(ids, facts).stream(),
				facts.collectionOrders().stream().map(Collection::id)).distinct().toList();
	}

	@Override
	public Optional<Suggestion> suggestion() {
		return Optional.of(new Suggestion.CreateTask("suggestion.task.consent"));
	}
}
