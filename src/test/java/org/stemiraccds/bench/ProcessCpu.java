package org.stemiraccds.bench;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * CPU time of the processes beside the server during a load run, read from the operating system (/proc on Linux):
 * the database server's processes, so that its share of the same cores shows.
 */
final class ProcessCpu {
	private ProcessCpu() {}

	/** CPU seconds so far of every process whose executable has this name (e.g. "postgres": the postmaster and its backends), by pid. */
	static Map<Long, Double> named(String executable) {
		return ProcessHandle.allProcesses()
				.filter(p -> p.info().command().map(c -> c.endsWith("/" + executable)).orElse(false))
				.collect(Collectors.toMap(ProcessHandle::pid, ProcessCpu::seconds, (a, b) -> a));
	}

	/** CPU seconds used between the two samples; a process gone by the second is not counted (PostgreSQL's pooled backends stay). */
	static double usedBetween(Map<Long, Double> before, Map<Long, Double> after) {
		return after.entrySet().stream().mapToDouble(e -> e.getValue() - before.getOrDefault(e.getKey(), 0.0)).sum();
	}

	static double seconds(ProcessHandle process) {
		return process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
	}
}
