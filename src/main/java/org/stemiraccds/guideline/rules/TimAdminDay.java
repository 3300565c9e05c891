package org.stemiraccds.guideline.rules;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.stemiraccds.guideline.Finding;
import org.stemiraccds.guideline.GuidelineRule;
import org.stemiraccds.guideline.GuidelineSettings;
import org.stemiraccds.guideline.Hook;
import org.stemiraccds.guideline.PatientFacts;
import org.stemiraccds.guideline.RuleDefinition;
import org.stemiraccds.guideline.Severity;

// §3 table 6, §6④: the trial infused on days 43-54; infuse as soon as the product is made.
@RuleDefinition(id = "TIM-ADMIN-DAY", severity = Severity.INFO,
		hooks = {Hook.ORDER_SIGN, Hook.ADMINISTRATION}, section = "§3 table 6; §6④")
public class TimAdminDay implements GuidelineRule {
	@Override
	public Optional<Finding> evaluate(PatientFacts facts, GuidelineSettings settings) {
		if (!facts.concernsStemirac()) return Optional.empty();
		Optional<Long> day = facts.dayOf(infusionTime(facts), settings.zone());
		if (day.isEmpty()) return Optional.empty();
		boolean inTrialRange = day.get() >= settings.trialInfusionFirstDay() && day.get() <= settings.trialInfusionLastDay();
		return fire(Map.of("day", day.get(), "trialFirstDay", settings.trialInfusionFirstDay(),
				"trialLastDay", settings.trialInfusionLastDay(), "inTrialRange", inTrialRange), Implicated.stemirac(facts));
	}

	/** The administration's time on MA; else the order's planned time; else now. */
	private static Instant infusionTime(PatientFacts facts) {
		if (facts.hook() == Hook.ADMINISTRATION) return facts.now();
		return facts.draftOrders().stream()
				.flatMap(order -> order.plannedAt().stream())
				.findFirst()
				.orElse(facts.now());
	}
}
