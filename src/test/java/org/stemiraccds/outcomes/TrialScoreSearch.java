package org.stemiraccds.outcomes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Integer score changes for the 13 trial patients whose group means, SDs and t-based 95 % intervals round
 * (one decimal) to the guideline's §3 Tables 3 and 4, the "all" rows included, with each patient's ISNCSCI total the
 * sum of motor, light touch and pin prick. A seeded simulated annealing: moves shift points between two patients of a
 * group, so the group sums (the published means) never change; the spreads are searched.
 */
final class TrialScoreSearch {
	/** Baseline groups in patient order: 6 A, 2 B, 5 C (§3). */
	static final int[] GROUP_SIZES = {6, 2, 5};
	static final int PATIENTS = 13;
	/** Searched measures; the ISNCSCI total is derived. */
	static final int MOTOR = 0, LIGHT_TOUCH = 1, PIN_PRICK = 2, SCIM = 3, TOTAL = 4;
	/** Lowest and highest change considered per measure (the scales: motor 0–100, sensory 0–112 each, SCIM 0–100). */
	private static final int[][] BOUNDS = {{-5, 90}, {-5, 100}, {-5, 100}, {-5, 85}};

	/** Published mean, SD, low, high per measure (motor, light touch, pin prick, SCIM, total) and group (A, B, C, all). */
	private static final double[][][] PUBLISHED = {
			{{6.5, 7.4, -1.3, 14.3}, {32.0, 35.4, -285.7, 349.7}, {45.8, 8.3, 35.5, 56.1}, {25.5, 22.6, 11.9, 39.2}},
			{{21.7, 12.1, 9.0, 34.3}, {24.5, 33.2, -274.1, 323.1}, {14.2, 15.4, -4.9, 33.3}, {19.2, 15.8, 9.7, 28.8}},
			{{18.8, 15.4, 2.7, 35.0}, {25.5, 30.4, -247.7, 298.7}, {11.2, 14.3, -6.6, 29.0}, {16.9, 16.5, 7.0, 26.9}},
			{{3.3, 3.1, 0.1, 6.6}, {9.5, 10.6, -85.8, 104.8}, {62.8, 22.8, 34.5, 91.1}, {27.2, 32.4, 7.6, 46.7}},
			{{47.0, 33.0, 12.3, 81.7}, {82.0, 99.0, -807.4, 971.4}, {71.2, 26.7, 38.0, 104.4}, {61.7, 41.5, 36.6, 86.8}}};

	/** The t quantile for a 95 % interval by group size (computed once: the search needs sizes 2, 5, 6 and 13). */
	private static final double[] T_95 = IntStream.rangeClosed(0, PATIENTS)
			.mapToDouble(n -> n < 2 ? Double.NaN : new TDistribution(n - 1).inverseCumulativeProbability(0.975))
			.toArray();

	private TrialScoreSearch() {}

	/** changes[measure][patient] for measures motor, light touch, pin prick, SCIM (integers), or fails. */
	static int[][] search(long seed) {
		for (long attempt = 0; attempt < 50; attempt++) {
			int[][] found = anneal(new Random(seed + attempt));
			if (found != null) return ordered(found);
		}
		throw new IllegalStateException("no score changes match Tables 3 and 4");
	}

	/** Each measure's table statistics for the changes: [measure incl. total][group A, B, C, all] → mean, SD, low, high. */
	static double[][][] statistics(int[][] changes) {
		double[][][] result = new double[5][4][];
		for (int measure = 0; measure < 5; measure++) {
			int[] values = measure == TOTAL ? total(changes) : changes[measure];
			for (int group = 0; group < 4; group++) {
				Statistics.Mean mean = Statistics.mean(Arrays.stream(slice(values, group)).mapToObj(v -> (double) v).toList(), 0.95);
				result[measure][group] = new double[] {mean.mean(), mean.sd(), mean.low(), mean.high()};
			}
		}
		return result;
	}

	static double[][][] published() {
		return PUBLISHED;
	}

	private static int[][] anneal(Random random) {
		int[][] changes = start();
		double cost = cost(changes);
		double temperature = 5;
		for (int step = 0; step < 300_000 && cost > 0; step++) {
			int measure = random.nextInt(4);
			int group = random.nextInt(3);
			int first = firstOf(group) + random.nextInt(GROUP_SIZES[group]);
			int second = firstOf(group) + random.nextInt(GROUP_SIZES[group]);
			int shift = 1 + random.nextInt(6);
			if (first == second || !inBounds(measure, changes[measure][first] + shift) || !inBounds(measure, changes[measure][second] - shift)) continue;
			changes[measure][first] += shift;
			changes[measure][second] -= shift;
			double next = cost(changes);
			if (next <= cost || random.nextDouble() < Math.exp((cost - next) / temperature)) {
				cost = next;
			} else {
				changes[measure][first] -= shift;
				changes[measure][second] += shift;
			}
			temperature = Math.max(0.01, temperature * 0.99997);
		}
		return cost == 0 ? changes : null;
	}

	/** Every patient of a group at the group's published mean (rounded to integers, remainder on the first ones). */
	private static int[][] start() {
		int[][] changes = new int[4][PATIENTS];
		for (int measure = 0; measure < 4; measure++) {
			for (int group = 0; group < 3; group++) {
				int size = GROUP_SIZES[group];
				int sum = (int) Math.round(PUBLISHED[measure][group][0] * size);
				for (int i = 0; i < size; i++) changes[measure][firstOf(group) + i] = sum / size + (i < sum % size ? 1 : 0);
			}
		}
		return changes;
	}

	/** How far the statistics are from the published ones (0: all round to them, one decimal). Plain arithmetic: it runs per step. */
	private static double cost(int[][] changes) {
		int[] total = total(changes);
		double cost = 0;
		for (int measure = 0; measure < 5; measure++) {
			int[] values = measure == TOTAL ? total : changes[measure];
			for (int group = 0; group < 4; group++) {
				int[] slice = slice(values, group);
				double n = slice.length;
				double mean = Arrays.stream(slice).sum() / n;
				double sd = Math.sqrt(Arrays.stream(slice).mapToDouble(v -> (v - mean) * (v - mean)).sum() / (n - 1));
				double half = T_95[slice.length] * sd / Math.sqrt(n);
				double[] stats = {mean, sd, mean - half, mean + half};
				for (int k = 0; k < 4; k++) cost += Math.max(0, Math.abs(stats[k] - PUBLISHED[measure][group][k]) - 0.0499);
			}
		}
		return cost;
	}

	/** Within each group, patients by ascending ISNCSCI total change (A: the unchanged first, the two A→C last). */
	private static int[][] ordered(int[][] changes) {
		int[] total = total(changes);
		int[][] result = new int[4][PATIENTS];
		for (int group = 0; group < 3; group++) {
			List<Integer> patients = new ArrayList<>(IntStream.range(firstOf(group), firstOf(group) + GROUP_SIZES[group]).boxed().toList());
			patients.sort(Comparator.comparingInt(p -> total[p]));
			for (int measure = 0; measure < 4; measure++) {
				for (int i = 0; i < patients.size(); i++) result[measure][firstOf(group) + i] = changes[measure][patients.get(i)];
			}
		}
		// SCIM alone is not tied to the ISNCSCI total: within each group, the larger SCIM changes go with the larger improvements.
		for (int group = 0; group < 3; group++) Arrays.sort(result[SCIM], firstOf(group), firstOf(group) + GROUP_SIZES[group]);
		return result;
	}

	static int[] total(int[][] changes) {
		return IntStream.range(0, PATIENTS).map(p -> changes[MOTOR][p] + changes[LIGHT_TOUCH][p] + changes[PIN_PRICK][p]).toArray();
	}

	static int firstOf(int group) {
		return IntStream.range(0, group).map(g -> GROUP_SIZES[g]).sum();
	}

	/** Group 0..2 (A, B, C) or 3 (all). */
	private static int[] slice(int[] values, int group) {
		return group == 3 ? values : Arrays.copyOfRange(values, firstOf(group), firstOf(group) + GROUP_SIZES[group]);
	}

	private static boolean inBounds(int measure, int change) {
		return change >= BOUNDS[measure][0] && change <= BOUNDS[measure][1];
	}
}
