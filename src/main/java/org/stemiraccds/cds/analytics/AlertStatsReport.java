package org.stemiraccds.cds.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.StringType;
import org.stemiraccds.cds.cards.RuleTexts;
import org.stemiraccds.cds.facts.FhirCodes;

/**
 * The alert statistics as answers: a Parameters resource (one {@code rule} per rule, ranked, with its counts,
 * override rate and reasons) or a table for CSV (one row per rule, one column per override reason of
 * terminology/CodeSystem-override-reason). Rule and reason names in the request's language.
 */
public final class AlertStatsReport {
	/** CSV columns before the reason columns. */
	public static final List<String> COLUMNS = List.of("rank", "rule", "rule_name", "fired", "accepted", "overridden",
			"override_rate", "ranked");
	/** The reason columns after one per reason code: overrides with a comment only, and codes not in terminology/. */
	public static final String NO_REASON_COLUMN = "reason_none";
	public static final String OTHER_REASON_COLUMN = "reason_other";

	private final AlertStatistics.Range range;
	private final int minFeedback;
	private final List<RuleAlerts> ranked;
	private final RuleTexts texts;
	private final Locale locale;

	public AlertStatsReport(AlertStatistics.Range range, int minFeedback, List<RuleAlerts> ranked, RuleTexts texts, Locale locale) {
		this.range = range;
		this.minFeedback = minFeedback;
		this.ranked = ranked;
		this.texts = texts;
		this.locale = locale;
	}

	public List<RuleAlerts> ranked() {
		return ranked;
	}

	public Parameters toParameters() {
		Parameters parameters = new Parameters();
		if (range.from() != null) parameters.addParameter().setName("start").setValue(new InstantType(Date.from(range.from())));
		parameters.addParameter().setName("end").setValue(new InstantType(Date.from(range.to())));
		if (range.organization() != null) parameters.addParameter().setName("organization").setValue(new StringType(range.organization()));
		parameters.addParameter().setName("minFeedback").setValue(new IntegerType(minFeedback));
		for (int i = 0; i < ranked.size(); i++) rule(parameters.addParameter().setName("rule"), i + 1, ranked.get(i));
		return parameters;
	}

	private void rule(ParametersParameterComponent rule, int rank, RuleAlerts alerts) {
		rule.addPart().setName("rank").setValue(new IntegerType(rank));
		rule.addPart().setName("rule").setValue(new Coding(FhirCodes.RULE_SYSTEM, alerts.ruleId(),
				texts.display(FhirCodes.RULE_SYSTEM, alerts.ruleId(), locale)));
		rule.addPart().setName("fired").setValue(new IntegerType(alerts.fired()));
		rule.addPart().setName("accepted").setValue(new IntegerType(alerts.accepted()));
		rule.addPart().setName("overridden").setValue(new IntegerType(alerts.overridden()));
		if (alerts.overrideRate() != null) rule.addPart().setName("overrideRate").setValue(new DecimalType(rate(alerts)));
		rule.addPart().setName("ranked").setValue(new BooleanType(isRanked(alerts)));
		alerts.reasons().entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
						.thenComparing(Map.Entry.comparingByKey()))
				.forEach(reason -> {
					ParametersParameterComponent part = rule.addPart().setName("reason");
					part.addPart().setName("code").setValue(new Coding(FhirCodes.OVERRIDE_REASON_SYSTEM, reason.getKey(),
							texts.display(FhirCodes.OVERRIDE_REASON_SYSTEM, reason.getKey(), locale)));
					part.addPart().setName("count").setValue(new IntegerType(reason.getValue()));
				});
		if (alerts.overriddenWithoutReason() > 0) {
			rule.addPart().setName("overriddenWithoutReason").setValue(new IntegerType(alerts.overriddenWithoutReason()));
		}
	}

	/** The CSV header: the fixed columns, one "reason_<code>" per reason of terminology/, then none and other. */
	public List<String> header() {
		List<String> header = new ArrayList<>(COLUMNS);
		reasonCodes().forEach(code -> header.add("reason_" + code));
		header.add(NO_REASON_COLUMN);
		header.add(OTHER_REASON_COLUMN);
		return header;
	}

	/** One row per rule, in rank order, matching {@link #header()}; no feedback: empty rate. */
	public List<List<String>> rows() {
		Set<String> known = reasonCodes();
		List<List<String>> rows = new ArrayList<>();
		for (int i = 0; i < ranked.size(); i++) {
			RuleAlerts alerts = ranked.get(i);
			List<String> row = new ArrayList<>(List.of(String.valueOf(i + 1), alerts.ruleId(),
					texts.display(FhirCodes.RULE_SYSTEM, alerts.ruleId(), locale), String.valueOf(alerts.fired()),
					String.valueOf(alerts.accepted()), String.valueOf(alerts.overridden()),
					alerts.overrideRate() == null ? "" : rate(alerts).toPlainString(), String.valueOf(isRanked(alerts))));
			known.forEach(code -> row.add(String.valueOf(alerts.reasons().getOrDefault(code, 0))));
			row.add(String.valueOf(alerts.overriddenWithoutReason()));
			row.add(String.valueOf(alerts.reasons().entrySet().stream()
					.filter(e -> !known.contains(e.getKey())).mapToInt(Map.Entry::getValue).sum()));
			rows.add(row);
		}
		return rows;
	}

	private Set<String> reasonCodes() {
		return new LinkedHashSet<>(texts.codes(FhirCodes.OVERRIDE_REASON_SYSTEM));
	}

	/** Whether the rule had enough feedback for its rate to rank it. */
	private boolean isRanked(RuleAlerts alerts) {
		return alerts.feedback() > 0 && alerts.feedback() >= minFeedback;
	}

	/** Three decimals: 0.857 is 6 of 7. */
	private static BigDecimal rate(RuleAlerts alerts) {
		return BigDecimal.valueOf(alerts.overrideRate()).setScale(3, RoundingMode.HALF_UP);
	}
}
