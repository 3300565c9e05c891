package org.stemiraccds.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one timed hey run (Load.heyFor) reported: its wall time, p50 and p99 of the answered requests (hey prints
 * them in s to 0.1 ms), the answers per status and the requests without an answer (hey's "Error distribution":
 * connection refused or reset, timeouts), each with its message.
 */
record HeySummary(double seconds, double p50Millis, double p99Millis, Map<Integer, Long> statuses, long unanswered,
		List<String> errorMessages) {
	private static final Pattern TOTAL = Pattern.compile("(?m)^\\s*Total:\\s+([\\d.]+) secs");
	private static final Pattern SLOWEST = Pattern.compile("(?m)^\\s*Slowest:\\s+([\\d.]+) secs");
	private static final Pattern STATUS = Pattern.compile("(?m)^\\s*\\[(\\d+)\\]\\s+(\\d+) responses\\s*$");
	private static final Pattern ERROR = Pattern.compile("(?m)^\\s*\\[(\\d+)\\]\\s+(.+)$");
	private static final String ERRORS_HEADING = "Error distribution:";

	static HeySummary read(Path output) throws IOException {
		return parse(Files.readString(output));
	}

	static HeySummary parse(String text) {
		Matcher total = TOTAL.matcher(text);
		if (!total.find()) throw new IllegalStateException("not a hey summary: " + Load.abbreviate(text));
		int errorsAt = text.indexOf(ERRORS_HEADING);
		String answered = errorsAt < 0 ? text : text.substring(0, errorsAt);
		Map<Integer, Long> statuses = new LinkedHashMap<>();
		for (Matcher status = STATUS.matcher(answered); status.find(); ) {
			statuses.merge(Integer.parseInt(status.group(1)), Long.parseLong(status.group(2)), Long::sum);
		}
		long unanswered = 0;
		List<String> messages = new ArrayList<>();
		if (errorsAt >= 0) {
			for (Matcher error = ERROR.matcher(text.substring(errorsAt)); error.find(); ) {
				unanswered += Long.parseLong(error.group(1));
				messages.add(error.group(1) + "× " + error.group(2).trim());
			}
		}
		return new HeySummary(Double.parseDouble(total.group(1)), percentileMillis(text, 50), percentileMillis(text, 99), statuses,
				unanswered, messages);
	}

	/**
	 * hey's "NN% in S secs" line; NaN when nothing was answered (hey then prints no distribution). hey leaves out a
	 * percentile its count of answers does not reach (p99 of fewer than 100): that is the slowest one, as nearest-rank
	 * (Stats.percentile) has it.
	 */
	private static double percentileMillis(String text, int percent) {
		Matcher line = Pattern.compile("(?m)^\\s*" + percent + "% in ([\\d.]+) secs").matcher(text);
		if (line.find()) return Double.parseDouble(line.group(1)) * 1000;
		Matcher slowest = SLOWEST.matcher(text);
		return text.contains("Latency distribution:") && slowest.find() ? Double.parseDouble(slowest.group(1)) * 1000 : Double.NaN;
	}

	long answered() {
		return statuses.values().stream().mapToLong(Long::longValue).sum();
	}

	long requests() {
		return answered() + unanswered;
	}

	/** Answers outside 2xx. */
	long failedStatuses() {
		return statuses.entrySet().stream().filter(s -> s.getKey() < 200 || s.getKey() > 299).mapToLong(Map.Entry::getValue).sum();
	}

	/** Non-2xx answers and requests without an answer. */
	long errors() {
		return failedStatuses() + unanswered;
	}

	double throughput() {
		return requests() / seconds;
	}
}
