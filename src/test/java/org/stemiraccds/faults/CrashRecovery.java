package org.stemiraccds.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.stemiraccds.bench.ServerProcess;
import org.stemiraccds.fhir.RunningServer;

/**
 * Transaction ingest killed in the middle (issue 10, Faults): the packaged jar runs as a child process on an empty
 * database; writers post tagged 4-resource transaction Bundles; after some seconds the server gets SIGKILL and is
 * started again on the same database, which must hold every bundle acknowledged so far (this round's and the earlier
 * rounds') whole, and no bundle in part.
 * Each round ends with a kill, and the next starts the jar on what it left. Settings are system properties (README,
 * "Fault tests").
 */
final class CrashRecovery {
	/**
	 * One kill and restart. lost: transactions acknowledged (in this round or an earlier one) that this restart found not stored whole, and
	 * an earlier restart did not already report; serverCpuSeconds: the server's CPU time during the ingest (a cost
	 * measure that other work on the machine disturbs less than throughput).
	 */
	record Round(int number, double loadSeconds, Set<String> acknowledged, Set<String> unanswered,
			Map<Integer, Integer> refused, List<String> lost, List<String> partial, long unansweredStored,
			double serverCpuSeconds, double restartSeconds, long databaseFileBytes) {

		double acknowledgedPerSecond() {
			return acknowledged.size() / loadSeconds;
		}

		String summary(String label) {
			return String.format("%s round %d: %d transactions acknowledged in %.1f s (%.1f/s, server CPU %.1f ms each), "
					+ "%d unanswered at the kill (%d of them stored whole), refused %s; after the restart (%.1f s): "
					+ "%d acknowledged lost, %d partial%s", label, number, acknowledged.size(), loadSeconds,
					acknowledgedPerSecond(), 1000 * serverCpuSeconds / Math.max(1, acknowledged.size()), unanswered.size(),
					unansweredStored, refused, restartSeconds, lost.size(), partial.size(),
					databaseFileBytes > 0 ? String.format(", H2 file at the kill %.1f MB", databaseFileBytes / 1e6) : "");
		}
	}

	/**
	 * -Dfaults.writers (8), -Dfaults.seconds (the caller's default) of ingest before each kill, -Dfaults.rounds (1),
	 * -Dfaults.serverArgs (extra server arguments, comma-separated), -Dfaults.jar (target/stemirac-cds.jar),
	 * -Dfaults.dir (target/faults: each database's data directory and server.log).
	 */
	record Settings(int writers, int seconds, int rounds, List<String> serverArgs, Path jar, Path workDir) {
		static Settings fromSystemProperties(int defaultSeconds) {
			return new Settings(Integer.getInteger("faults.writers", 8), Integer.getInteger("faults.seconds", defaultSeconds),
					Integer.getInteger("faults.rounds", 1),
					Arrays.stream(System.getProperty("faults.serverArgs", "").split(",")).map(String::trim)
							.filter(a -> !a.isEmpty()).toList(),
					Path.of(System.getProperty("faults.jar", "target/stemirac-cds.jar")).toAbsolutePath(),
					Path.of(System.getProperty("faults.dir", "target/faults")).toAbsolutePath());
		}
	}

	private CrashRecovery() {
	}

	/**
	 * Runs the rounds on a fresh data directory named label; databaseArgs select the database (none: the H2 default).
	 * Each round starts the packaged jar as a child process (the process SIGKILL ends), and after the kill starts the
	 * application again in this JVM (the same classes and defaults, but warm: a cold start of the jar costs twice
	 * as long) on the same database and data directory, and counts what it stored.
	 */
	static List<Round> run(String label, Settings settings, List<String> databaseArgs) throws Exception {
		Path dir = settings.workDir().resolve(label);
		ServerProcess.deleteRecursively(dir);
		List<String> arguments = new ArrayList<>(databaseArgs);
		arguments.addAll(settings.serverArgs());
		String runId = UUID.randomUUID().toString().substring(0, 8);
		System.out.printf("%s: %d writers, %d s of ingest per round, %d rounds, extra server arguments %s%n", label,
				settings.writers(), settings.seconds(), settings.rounds(), settings.serverArgs());
		Set<String> acknowledgedSoFar = new HashSet<>();
		Set<String> lostSoFar = new HashSet<>();
		List<Round> rounds = new ArrayList<>();
		for (int number = 1; number <= settings.rounds(); number++) {
			TransactionWriters writers;
			double loadSeconds;
			double serverCpuSeconds;
			long fileAtKill;
			try (ServerProcess server = ServerProcess.packagedJar(settings.jar(), dir, arguments)) {
				server.secondsToMetadata();
				double cpuBefore = server.cpuSeconds();
				writers = TransactionWriters.start(server.fhirBase, runId, "" + number, settings.writers());
				long started = System.nanoTime();
				Thread.sleep(settings.seconds() * 1000L); // the length of the ingest, not a wait for a condition
				serverCpuSeconds = server.cpuSeconds() - cpuBefore;
				server.kill();
				loadSeconds = (System.nanoTime() - started) / 1e9;
				writers.stop();
				fileAtKill = databaseFileBytes(dir);
			}
			acknowledgedSoFar.addAll(writers.acknowledged());
			List<String> restartArguments = new ArrayList<>(arguments);
			restartArguments.add("--stemirac.data-dir=" + dir.resolve("data"));
			long restarting = System.nanoTime();
			Map<String, Integer> stored;
			double restartSeconds;
			try (RunningServer restarted = RunningServer.start(restartArguments.toArray(String[]::new))) {
				restartSeconds = (System.nanoTime() - restarting) / 1e9;
				stored = StoredBundles.count(restarted.fhirBase(), runId);
			}
			List<String> lost = notStoredWhole(acknowledgedSoFar, stored).stream().filter(id -> !lostSoFar.contains(id)).toList();
			lostSoFar.addAll(lost);
			Round round = new Round(number, loadSeconds, writers.acknowledged(), writers.unanswered(), writers.refused(),
					lost, partial(stored), writers.unanswered().stream().filter(id -> stored.getOrDefault(id, 0) == whole()).count(),
					serverCpuSeconds, restartSeconds, fileAtKill);
			System.out.println(round.summary(label));
			rounds.add(round);
		}
		return rounds;
	}

	private static int whole() {
		return TaggedTransactions.RESOURCE_TYPES.size();
	}

	private static List<String> notStoredWhole(Set<String> acknowledged, Map<String, Integer> stored) {
		return acknowledged.stream().filter(id -> stored.getOrDefault(id, 0) != whole()).sorted().toList();
	}

	/** Bundles with some of their resources stored, but not all (or more than one copy). */
	private static List<String> partial(Map<String, Integer> stored) {
		return stored.entrySet().stream().filter(e -> e.getValue() != whole())
				.map(e -> e.getKey() + " (" + e.getValue() + " of " + whole() + ")").sorted().collect(Collectors.toList());
	}

	private static long databaseFileBytes(Path dir) throws java.io.IOException {
		Path file = dir.resolve("data").resolve("h2").resolve("stemirac.mv.db");
		return Files.exists(file) ? Files.size(file) : 0;
	}
}
