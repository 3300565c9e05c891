package org.stemiraccds.bench;

import java.util.Arrays;
import java.util.Locale;

/** Latency percentiles and throughput of one measured series. */
record Stats(String name, double[] millis, double seconds) {
	static Stats of(String name, long[] nanos, long wallNanos) {
		double[] ms = Arrays.stream(nanos).mapToDouble(n -> n / 1e6).sorted().toArray();
		return new Stats(name, ms, wallNanos / 1e9);
	}

	double percentile(double p) {
		int index = (int) Math.ceil(p / 100.0 * millis.length) - 1;
		return millis[Math.max(0, Math.min(index, millis.length - 1))];
	}

	double throughput() {
		return millis.length / seconds;
	}

	String row() {
		return String.format(Locale.ROOT, "%-44s n=%5d  p50=%7.2f ms  p90=%7.2f ms  p99=%7.2f ms  max=%7.2f ms  %8.1f req/s",
				name, millis.length, percentile(50), percentile(90), percentile(99), millis[millis.length - 1], throughput());
	}
}
