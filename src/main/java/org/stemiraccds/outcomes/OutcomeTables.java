package org.stemiraccds.outcomes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The §3 tables from the patients' outcomes: Tables 1 and 2 (AIS improved by ≥ 1 and ≥ 2 grades, Wilson interval)
 * and Tables 3 and 4 (score change, mean ± SD, t interval), by baseline AIS A, B, C and for all. "missing" counts the
 * treated patients of that baseline without the follow-up value; in the "all" rows it also counts those without a
 * baseline AIS. Nobody is dropped silently.
 */
public final class OutcomeTables {
	/** The baseline strata of the trial tables (§3: AIS A, B and C at administration). */
	public static final List<String> BASELINES = List.of("A", "B", "C");
	public static final String ALL = "all";

	/** One row: a table cell group, with the CSV's columns. numerator and sd are NaN/absent where they do not apply. */
	public record Row(int table, String baselineAis, String measure, int n, Optional<Integer> numerator, int missing,
			double value, double low, double high, double sd) {}

	/** Tables 1 and 2: improved by at least this many grades, and their CSV measure names. */
	private static final int[] GRADES = {1, 2};
	private static final String[] IMPROVED = {"improved_1_grade", "improved_2_grades"};

	private OutcomeTables() {}

	public static List<Row> rows(List<PatientOutcome> outcomes, double confidence) {
		List<Row> rows = new ArrayList<>();
		for (int i = 0; i < GRADES.length; i++) {
			for (String stratum : strata()) rows.add(improvement(i + 1, IMPROVED[i], GRADES[i], in(outcomes, stratum), stratum, confidence));
		}
		for (ScoreMeasure measure : ScoreMeasure.values()) {
			for (String stratum : strata()) rows.add(change(measure, in(outcomes, stratum), stratum, confidence));
		}
		return rows;
	}

	private static List<String> strata() {
		List<String> strata = new ArrayList<>(BASELINES);
		strata.add(ALL);
		return strata;
	}

	private static List<PatientOutcome> in(List<PatientOutcome> outcomes, String stratum) {
		Predicate<PatientOutcome> member = ALL.equals(stratum) ? o -> true : o -> o.baselineAis().filter(stratum::equals).isPresent();
		return outcomes.stream().filter(member).toList();
	}

	private static Row improvement(int table, String measure, int grades, List<PatientOutcome> stratum, String name, double confidence) {
		List<Integer> improved = stratum.stream().flatMap(o -> o.gradesImproved().stream()).toList();
		int numerator = (int) improved.stream().filter(g -> g >= grades).count();
		Statistics.Proportion p = Statistics.proportion(numerator, improved.size(), confidence);
		return new Row(table, name, measure, improved.size(), Optional.of(numerator), stratum.size() - improved.size(),
				p.percent(), p.low(), p.high(), Double.NaN);
	}

	private static Row change(ScoreMeasure measure, List<PatientOutcome> stratum, String name, double confidence) {
		List<Double> changes = stratum.stream()
				.filter(o -> o.baselineAis().isPresent())
				.flatMap(o -> Optional.ofNullable(o.scoreChanges().get(measure)).stream())
				.toList();
		Statistics.Mean m = Statistics.mean(changes, confidence);
		return new Row(measure.table(), name, measure.measure(), changes.size(), Optional.empty(), stratum.size() - changes.size(),
				m.mean(), m.low(), m.high(), m.sd());
	}
}
