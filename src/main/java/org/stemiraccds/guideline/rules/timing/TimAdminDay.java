package org.stemiraccds.guideline.rules.timing;

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
import org.stemiraccds.guideline.rules.Implicated;

// §3, table 6, §6④: the trial planned infusion at day 40 ± 14 (days 26-54) and infused on days 43-54; infuse as
// soon as the product is made.
@RuleDefinition(id = "TIM-ADMIN-DAY", severity = Severity.INFO,
		hooks = {Hook.ORDER_SIGN, Hook.ADMINISTRATION}, section = "§3 table 6; §6④")
public class TimAdminDay implements GuidelineRule {
	@Override
	public Optional<Finding> evaluate(PatientFacts facts, GuidelineSettings settings) {
		if (!facts.concernsStemirac()) return Optional.empty();
		Optional<Long> day = facts.dayOf(infusionTime(facts), settings.zone());
		if (day.isEmpty()) return Optional.empty();
		return fire(values(day.get(), settings), Implicated.stemirac(facts));
	}

	private static Map<String, Object> values(long day, GuidelineSettings settings) {
		long plannedFirst = settings.trialInfusionPlannedDay() - settings.trialInfusionMarginDays();
		long plannedLast = settings.trialInfusionPlannedDay() + settings.trialInfusionMarginDays();
		return Map.of("day", day, "plannedDay", settings.trialInfusionPlannedDay(),
				"marginDays", settings.trialInfusionMarginDays(), "plannedFirstDay", plannedFirst,
				"plannedLastDay", plannedLast, "trialFirstDay", settings.trialInfusionFirstDay(),
				"trialLastDay", settings.trialInfusionLastDay(), "inPlannedRange", day >= plannedFirst && day <= plannedLast);
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
