package org.stemiraccds.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark's one table: a row per measure, a column per server (the stock starter, ours, ours with
 * security on), and the ratios ours/starter and secured/ours; notes below it.
 */
final class Report {
	enum Side { STARTER, OURS, SECURED }

	private record Row(String measure, Map<Side, Double> values) {}

	/** The table's order, by the measure's first words (whatever order the servers ran in). */
	private static final List<String> ORDER = List.of("start-up", "GET", "validated create", "order-sign", "ingest",
			"live heap after ingest", "audit", "mixed", "live heap");

	private final Map<String, Row> rows = new LinkedHashMap<>();
	private final List<String> notes = new ArrayList<>();

	void put(String measure, Side side, double value) {
		rows.computeIfAbsent(measure, m -> new Row(m, new EnumMap<>(Side.class))).values().put(side, value);
	}

	/** p50 (and with 16 clients req/s and p99) of one series, as rows "name, …". */
	void latency(String name, Side side, Stats stats, boolean withThroughput) {
		if (stats == null) return;
		if (withThroughput) put(name + ": req/s", side, stats.throughput());
		put(name + ": p50 ms", side, stats.percentile(50));
		if (withThroughput || stats.millis().length >= 100) put(name + ": p99 ms", side, stats.percentile(99));
		System.out.println("  " + side.name().toLowerCase(Locale.ROOT) + "  " + stats.row());
	}

	Double get(String measure, Side side) {
		Row row = rows.get(measure);
		return row == null ? null : row.values().get(side);
	}

	void note(String note) {
		notes.add(note);
		System.out.println("  note: " + note);
	}

	String markdown(List<String> header) {
		StringBuilder out = new StringBuilder();
		header.forEach(line -> out.append(line).append('\n'));
		out.append('\n');
		out.append("| measure | starter | ours | ours/starter | ours, security on | secured/ours |\n");
		out.append("|---|---:|---:|---:|---:|---:|\n");
		List<Row> ordered = new ArrayList<>(rows.values());
		ordered.sort(java.util.Comparator.comparingInt(Report::group));
		for (Row row : ordered) {
			Double starter = row.values().get(Side.STARTER);
			Double ours = row.values().get(Side.OURS);
			Double secured = row.values().get(Side.SECURED);
			out.append("| ").append(row.measure())
					.append(" | ").append(number(starter)).append(" | ").append(number(ours))
					.append(" | ").append(ratio(ours, starter))
					.append(" | ").append(number(secured)).append(" | ").append(ratio(secured, ours)).append(" |\n");
		}
		if (!notes.isEmpty()) out.append('\n');
		notes.forEach(note -> out.append("- ").append(note).append('\n'));
		return out.toString();
	}

	private static int group(Row row) {
		for (int i = 0; i < ORDER.size(); i++) if (row.measure().startsWith(ORDER.get(i))) return i;
		return ORDER.size();
	}

	private static String number(Double value) {
		if (value == null) return "—";
		double magnitude = Math.abs(value);
		String format = magnitude >= 100 || value == Math.rint(value) ? "%,.0f" : magnitude >= 10 ? "%.1f" : "%.2f";
		return String.format(Locale.ROOT, format, value);
	}

	private static String ratio(Double value, Double reference) {
		if (value == null || reference == null || reference == 0) return "—";
		return String.format(Locale.ROOT, "%.2f×", value / reference);
	}
}
