package org.stemiraccds.outcomes;

import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.apache.commons.math3.stat.interval.ConfidenceInterval;
import org.apache.commons.math3.stat.interval.WilsonScoreInterval;

/**
 * The two summaries of the guideline's §3 trial tables, with Apache Commons Math: a proportion with its Wilson
 * score interval (Tables 1 and 2) and a mean ± sample SD with its t-based interval (Tables 3 and 4).
 */
public final class Statistics {
	private Statistics() {}

	/** A proportion in percent with its interval (percent); the interval is empty when n is 0. */
	public record Proportion(int n, int numerator, double percent, double low, double high) {}

	/** A mean with its sample SD and t-based interval; SD and interval are NaN for fewer than 2 values. */
	public record Mean(int n, double mean, double sd, double low, double high) {}

	/** numerator of n, with the Wilson score interval at the given confidence (0.95 for the tables). */
	public static Proportion proportion(int numerator, int n, double confidence) {
		if (n == 0) return new Proportion(0, 0, Double.NaN, Double.NaN, Double.NaN);
		ConfidenceInterval wilson = new WilsonScoreInterval().createInterval(n, numerator, confidence);
		return new Proportion(n, numerator, 100.0 * numerator / n,
				100.0 * Math.max(0, wilson.getLowerBound()), 100.0 * Math.min(1, wilson.getUpperBound()));
	}

	/** Mean ± SD (n − 1) and mean ± t(n − 1) · SD / √n at the given confidence (0.95 for the tables). */
	public static Mean mean(List<Double> values, double confidence) {
		SummaryStatistics summary = new SummaryStatistics();
		values.forEach(summary::addValue);
		int n = values.size();
		if (n < 2) return new Mean(n, n == 0 ? Double.NaN : summary.getMean(), Double.NaN, Double.NaN, Double.NaN);
		double t = new TDistribution(n - 1).inverseCumulativeProbability(1 - (1 - confidence) / 2);
		double halfWidth = t * summary.getStandardDeviation() / Math.sqrt(n);
		return new Mean(n, summary.getMean(), summary.getStandardDeviation(), summary.getMean() - halfWidth, summary.getMean() + halfWidth);
	}
}
