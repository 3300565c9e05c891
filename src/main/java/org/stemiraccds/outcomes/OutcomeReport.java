package org.stemiraccds.outcomes;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.MeasureReport.MeasureReportGroupComponent;
import org.hl7.fhir.r4.model.MeasureReport.StratifierGroupComponent;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Range;
import org.hl7.fhir.r4.model.Reference;
import org.stemiraccds.conformance.ConformanceResources;

/**
 * The §3 table rows as a MeasureReport of Measure stemirac-trial-outcomes (profiles/) and as the CSV table. Group
 * score = the "all" row, one stratum per baseline AIS; percent (Tables 1 and 2) or mean change (Tables 3 and 4) as
 * measureScore, the interval and SD as extensions (profiles/ confidence-interval, standard-deviation). Numbers
 * unrounded in FHIR; one decimal in the CSV, as the guideline prints them.
 */
public final class OutcomeReport {
	public static final String MEASURE = ConformanceResources.CANONICAL_BASE + "/Measure/stemirac-trial-outcomes";
	static final String INTERVAL = ConformanceResources.PROFILE_BASE + "confidence-interval";
	static final String SD = ConformanceResources.PROFILE_BASE + "standard-deviation";
	private static final String OUTCOME_SYSTEM = ConformanceResources.CANONICAL_BASE + "/CodeSystem/trial-outcome";
	private static final String POPULATION_SYSTEM = "http://terminology.hl7.org/CodeSystem/measure-population";
	public static final List<String> CSV_HEADER = List.of("table", "baseline_ais", "measure", "n", "numerator", "missing", "value", "ci_low", "ci_high", "sd");

	private OutcomeReport() {}

	/** What the report was computed for (the request's parameters, resolved). */
	public record Scope(int followUpDay, int windowDays, Optional<String> organization) {}

	public static MeasureReport measureReport(List<OutcomeTables.Row> rows, Scope scope) {
		MeasureReport report = new MeasureReport()
				.setStatus(MeasureReport.MeasureReportStatus.COMPLETE)
				.setType(MeasureReport.MeasureReportType.SUMMARY)
				.setMeasure(MEASURE)
				.setDate(new Date())
				.setPeriod(new Period().setStart(new Date(0)).setEnd(new Date()));
		scope.organization().ifPresent(org -> report.setReporter(new Reference(org)));
		List<List<OutcomeTables.Row>> byMeasure = new ArrayList<>();
		for (OutcomeTables.Row row : rows) {
			if (byMeasure.isEmpty() || !byMeasure.get(byMeasure.size() - 1).get(0).measure().equals(row.measure())) byMeasure.add(new ArrayList<>());
			byMeasure.get(byMeasure.size() - 1).add(row);
		}
		byMeasure.forEach(measureRows -> report.addGroup(group(measureRows)));
		return report;
	}

	private static MeasureReportGroupComponent group(List<OutcomeTables.Row> rows) {
		OutcomeTables.Row all = rows.stream().filter(r -> OutcomeTables.ALL.equals(r.baselineAis())).findFirst().orElseThrow();
		MeasureReportGroupComponent group = new MeasureReportGroupComponent().setCode(code(all));
		populations(all).forEach((code, count) -> group.addPopulation().setCode(population(code)).setCount(count));
		score(all).ifPresent(group::setMeasureScore);
		statistics(all).forEach(group::addExtension);
		MeasureReport.MeasureReportGroupStratifierComponent stratifier = group.addStratifier();
		stratifier.addCode().setText("baseline AIS");
		rows.stream().filter(r -> !OutcomeTables.ALL.equals(r.baselineAis())).forEach(r -> stratifier.addStratum(stratum(r)));
		return group;
	}

	private static StratifierGroupComponent stratum(OutcomeTables.Row row) {
		StratifierGroupComponent stratum = new StratifierGroupComponent()
				.setValue(new CodeableConcept(new Coding(ConformanceResources.CANONICAL_BASE + "/CodeSystem/ais-grade", row.baselineAis(), null)));
		populations(row).forEach((code, count) -> stratum.addPopulation().setCode(population(code)).setCount(count));
		score(row).ifPresent(stratum::setMeasureScore);
		statistics(row).forEach(stratum::addExtension);
		return stratum;
	}

	private static CodeableConcept code(OutcomeTables.Row row) {
		Optional<ScoreMeasure> score = java.util.Arrays.stream(ScoreMeasure.values()).filter(m -> m.measure().equals(row.measure())).findFirst();
		String system = score.isPresent() ? ScoreMeasure.SYSTEM : OUTCOME_SYSTEM;
		String code = score.map(ScoreMeasure::code).orElse(row.measure().replace('_', '-'));
		return new CodeableConcept(new Coding(system, code, null)).setText("Table " + row.table() + ": " + row.measure());
	}

	/** Population code → count: the initial population (treated), the missing, the counted and, for a proportion, the improved. */
	private static java.util.Map<String, Integer> populations(OutcomeTables.Row row) {
		java.util.Map<String, Integer> counts = new java.util.LinkedHashMap<>();
		counts.put("initial-population", row.n() + row.missing());
		boolean proportion = row.numerator().isPresent();
		counts.put(proportion ? "denominator-exclusion" : "measure-population-exclusion", row.missing());
		counts.put(proportion ? "denominator" : "measure-population", row.n());
		row.numerator().ifPresent(k -> counts.put("numerator", k));
		return counts;
	}

	private static CodeableConcept population(String code) {
		return new CodeableConcept(new Coding(POPULATION_SYSTEM, code, null));
	}

	private static Optional<Quantity> score(OutcomeTables.Row row) {
		if (Double.isNaN(row.value())) return Optional.empty();
		Quantity score = new Quantity().setValue(BigDecimal.valueOf(row.value()));
		if (row.numerator().isPresent()) score.setUnit("%").setSystem("http://unitsofmeasure.org").setCode("%");
		else score.setUnit("score").setSystem("http://unitsofmeasure.org").setCode("{score}");
		return Optional.of(score);
	}

	private static List<Extension> statistics(OutcomeTables.Row row) {
		List<Extension> extensions = new ArrayList<>();
		if (!Double.isNaN(row.low())) {
			extensions.add(new Extension(INTERVAL, new Range().setLow(score(row).orElseThrow().copy().setValue(BigDecimal.valueOf(row.low())))
					.setHigh(score(row).orElseThrow().copy().setValue(BigDecimal.valueOf(row.high())))));
		}
		if (!Double.isNaN(row.sd())) extensions.add(new Extension(SD, new DecimalType(BigDecimal.valueOf(row.sd()))));
		return extensions;
	}

	/** The rows as CSV cells (columns {@link #CSV_HEADER}); numbers with one decimal, half up; not applicable: empty. */
	public static List<List<String>> csvRows(List<OutcomeTables.Row> rows) {
		return rows.stream().map(r -> {
			java.util.function.DoubleFunction<String> format = r.numerator().isPresent() ? OutcomeReport::percent : OutcomeReport::oneDecimal;
			return List.of(String.valueOf(r.table()), r.baselineAis(), r.measure(), String.valueOf(r.n()),
					r.numerator().map(String::valueOf).orElse(""), String.valueOf(r.missing()),
					format.apply(r.value()), format.apply(r.low()), format.apply(r.high()), oneDecimal(r.sd()));
		}).toList();
	}

	/** One decimal, half up (half away from zero); NaN (not applicable) as empty. */
	static String oneDecimal(double value) {
		if (Double.isNaN(value)) return "";
		return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).toPlainString();
	}

	/**
	 * A percentage as Tables 1 and 2 print it: the proportion to four decimals, then the percent to one (5/6's Wilson
	 * lower bound 0.436497 → 0.4365 → 43.7 %, as published; rounded once it would be 43.6). See docs/decisions.md.
	 */
	static String percent(double value) {
		if (Double.isNaN(value)) return "";
		return oneDecimal(BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).doubleValue());
	}
}
