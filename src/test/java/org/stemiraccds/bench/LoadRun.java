package org.stemiraccds.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.stemiraccds.bench.Load.Call;
import org.stemiraccds.bench.Report.Side;
import org.stemiraccds.fhir.TestPostgres;

/**
 * Issue 10's load run: our packaged jar as a child process, on an empty H2 file database and then on an empty
 * PostgreSQL database, the demo patients seeded, then 32 closed-loop clients of mixed traffic for N minutes: one hey
 * process per request type, all at once (every request of a type is the same, so hey, a Go program, can send it:
 * far less client CPU on 2 cores than JVM clients). A table per database: per type requests, req/s, p50, p99 and
 * errors (non-2xx answers and requests without an answer), the server's CPU and live heap, and order-sign with full
 * prefetch over plain reads, the audit events stored and lost; also written to target/bench/load-report.md. Fails if
 * any request errored, warm-up included, or an audit event was lost (a gap in the trail). Run with: ./mvnw -Pbench verify -Dbench.load=h2,postgres -Dbench.loadMinutes=10 (README, "Load run").
 */
final class LoadRun {
	private static final ObjectMapper JSON = new ObjectMapper();
	private static final Duration AUDIT_DRAIN_TIMEOUT = Duration.ofMinutes(10);
	private static final List<String> DATABASES = List.of("h2", "postgres");

	/** One request type of the mix: the clients sending it (the split of the 32) and the request. */
	record Traffic(String id, String name, int clients, Call call) {}

	/** What the hey processes of one phase reported, and the CPU they used (sampled each second while they ran). */
	record Phase(List<HeySummary> summaries, double clientCpuSeconds) {
		long errors() {
			return summaries.stream().mapToLong(HeySummary::errors).sum();
		}
	}

	/** The audit writer's counters (/actuator/health/auditTrail): events stored, and those lost (queue full, or the write failed). */
	record AuditCounts(long written, long dropped, long failed) {
		static AuditCounts of(ServerProcess server) throws Exception {
			JsonNode details = JSON.readTree(Call.get(server.root + "/actuator/health/auditTrail", Map.of()).send(200).body()).path("details");
			return new AuditCounts(details.path("written").asLong(), details.path("dropped").asLong(), details.path("failed").asLong());
		}

		long lost() {
			return dropped + failed;
		}
	}

	/** One database's measured run; the database's CPU only on PostgreSQL (its processes), NaN on H2 (inside the server). */
	record Result(String database, List<Traffic> traffic, Phase load, long warmupErrors, double startSeconds, double loadSeconds,
			double cpuSeconds, double databaseCpuSeconds, double heapBeforeMb, double heapAfterMb, double auditDrainSeconds,
			AuditCounts auditBefore, AuditCounts auditAfter) {
		long errors() {
			return warmupErrors + load.errors() + auditAfter.lost();
		}
	}

	private final BenchOptions options;
	private final double minutes;
	private final long warmupSeconds;

	private LoadRun(BenchOptions options) {
		this.options = options;
		this.minutes = Double.parseDouble(System.getProperty("bench.loadMinutes", "10"));
		this.warmupSeconds = Long.getLong("bench.loadWarmupSeconds", 30);
	}

	/** -Dbench.load given: the benchmark profile runs this instead of PerformanceBenchmark. */
	static boolean requested() {
		return System.getProperty("bench.load") != null;
	}

	public static void main(String[] args) throws Exception {
		// the plain packaged jar (as an operator starts it) unless told otherwise: start-up is not measured here
		System.getProperties().putIfAbsent("bench.classArchive", "false");
		new LoadRun(BenchOptions.fromSystemProperties()).run(databases());
	}

	/** -Dbench.load=h2,postgres (either or both; an empty value or "true": both). */
	private static List<String> databases() {
		String chosen = System.getProperty("bench.load", "").trim();
		if (chosen.isEmpty() || chosen.equals("true")) return DATABASES;
		List<String> databases = List.of(chosen.toLowerCase(Locale.ROOT).split("\\s*,\\s*"));
		for (String database : databases) {
			if (!DATABASES.contains(database)) throw new IllegalArgumentException("-Dbench.load: h2, postgres or both, not " + database);
		}
		return databases;
	}

	private void run(List<String> databases) throws Exception {
		Files.createDirectories(options.workDir());
		List<Result> results = new ArrayList<>();
		for (String database : databases) results.add(runOn(database));
		StringBuilder report = new StringBuilder();
		header().forEach(line -> report.append(line).append('\n'));
		for (Result result : results) report.append('\n').append(table(result));
		Path file = options.workDir().resolve("load-report.md");
		Files.writeString(file, report);
		System.out.println();
		System.out.println(report);
		System.out.println("written to " + file);
		long errors = results.stream().mapToLong(Result::errors).sum();
		if (errors > 0) throw new IllegalStateException("load run: " + errors + " requests errored or audit events lost (see " + file + ")");
	}

	// ---- one database ----

	private Result runOn(String database) throws Exception {
		System.out.println("== load run on " + database);
		Path dir = options.workDir().resolve("load-" + database);
		ServerProcess.deleteRecursively(dir);
		Files.createDirectories(dir);
		try (ServerProcess server = ServerProcess.ours(options, dir, serverArguments(database))) {
			double start = server.secondsToMetadata();
			PerformanceBenchmark.putPatient(server, Side.OURS, null);
			PerformanceBenchmark.loadDemo(server, null);
			List<Traffic> traffic = traffic(server);
			Phase warmup = drive(traffic, warmupSeconds, dir, "warm-up");
			server.secondsToAuditIdle(AUDIT_DRAIN_TIMEOUT);
			double heapBefore = server.liveHeapMb();
			AuditCounts auditBefore = AuditCounts.of(server);
			double cpuBefore = server.cpuSeconds();
			Map<Long, Double> databaseBefore = ProcessCpu.named("postgres");
			long started = System.nanoTime();
			Phase load = drive(traffic, Math.round(minutes * 60), dir, "load");
			double loadSeconds = (System.nanoTime() - started) / 1e9;
			double cpu = server.cpuSeconds() - cpuBefore;
			double databaseCpu = database.equals("postgres") ? ProcessCpu.usedBetween(databaseBefore, ProcessCpu.named("postgres")) : Double.NaN;
			double drain = server.secondsToAuditIdle(AUDIT_DRAIN_TIMEOUT);
			double heapAfter = server.liveHeapMb();
			return new Result(database, traffic, load, warmup.errors(), start, loadSeconds, cpu, databaseCpu, heapBefore, heapAfter, drain,
					auditBefore, AuditCounts.of(server));
		}
	}

	/** Every call evaluated as of the benchmark's fixed time; on PostgreSQL a new empty database (TestPostgres). */
	private static List<String> serverArguments(String database) {
		List<String> arguments = new ArrayList<>(List.of(PerformanceBenchmark.FIXED_TIME));
		if (database.equals("postgres")) {
			arguments.add("--spring.profiles.active=postgres");
			arguments.addAll(TestPostgres.freshDatabase("stemirac_load").connectionArguments());
		}
		return arguments;
	}

	/** The mix, 32 clients: reads 6, searches 4, order-sign full prefetch 6, no prefetch 4, patient-view 4, creates 4, transactions 4. */
	private static List<Traffic> traffic(ServerProcess server) throws Exception {
		CdsRequests hooks = CdsRequests.build(server, Map.of(), Map.of());
		Map<String, String> accept = Map.of("Accept", PerformanceBenchmark.FHIR_JSON);
		String fhir = server.fhirBase;
		String json = "application/json";
		return List.of(
				new Traffic("read", "GET Patient/{id}", 6, Call.get(fhir + "/Patient/" + CdsRequests.PATIENT, accept)),
				new Traffic("search", "GET Observation?patient={id}", 4, Call.get(fhir + "/Observation?patient=" + CdsRequests.PATIENT, accept)),
				new Traffic("order-sign-prefetch", "order-sign, full prefetch", 6, Call.post(hooks.url(server), hooks.fullPrefetch, json, Map.of())),
				new Traffic("order-sign-database", "order-sign, no prefetch (reads its database)", 4,
						Call.post(hooks.url(server), hooks.noPrefetch, json, Map.of())),
				new Traffic("patient-view", "patient-view, no prefetch (reads its database)", 4,
						Call.post(CdsRequests.patientViewUrl(server), CdsRequests.patientView(), json, Map.of())),
				new Traffic("create", "validated create, AIS Observation", 4,
						Call.post(fhir + "/Observation", PerformanceBenchmark.aisObservation(Side.OURS), PerformanceBenchmark.FHIR_JSON, Map.of())),
				new Traffic("transaction", "transaction: new Patient + its AIS Observation", 4,
						Call.post(fhir, transaction(), PerformanceBenchmark.FHIR_JSON, Map.of())));
	}

	/**
	 * A transaction creating a patient and its AIS Observation (examples/valid, validated against their profiles), the
	 * Observation's subject the Patient's urn:uuid: the same bundle each time makes two new resources each time.
	 */
	private static String transaction() throws Exception {
		ObjectNode patient = (ObjectNode) JSON.readTree(Path.of("examples/valid/sci-patient.json").toFile());
		patient.remove("id");
		ObjectNode observation = (ObjectNode) JSON.readTree(PerformanceBenchmark.aisObservation(Side.OURS));
		String patientUrn = "urn:uuid:6a4f1b2e-0c1d-4e5f-8a9b-0c1d2e3f4a5b";
		observation.putObject("subject").put("reference", patientUrn);
		ObjectNode bundle = JSON.createObjectNode().put("resourceType", "Bundle").put("type", "transaction");
		ArrayNode entries = bundle.putArray("entry");
		entries.add(create(patientUrn, patient));
		entries.add(create("urn:uuid:7b5a2c3f-1d2e-4f60-9bac-1d2e3f4a5b6c", observation));
		return bundle.toString();
	}

	private static ObjectNode create(String fullUrl, ObjectNode resource) {
		ObjectNode entry = JSON.createObjectNode().put("fullUrl", fullUrl);
		entry.set("resource", resource);
		entry.putObject("request").put("method", "POST").put("url", resource.get("resourceType").asText());
		return entry;
	}

	/**
	 * All request types at once, each its own hey for this long; their summaries (kept as PHASE-ID.txt in dir) and
	 * their CPU, sampled each second while they run (what a hey used in its last second is not counted).
	 */
	private static Phase drive(List<Traffic> traffic, long seconds, Path dir, String phase) throws Exception {
		if (seconds <= 0) return new Phase(List.of(), 0);
		System.out.printf(Locale.ROOT, "  %s: %d s, %d clients%n", phase, seconds, traffic.stream().mapToInt(Traffic::clients).sum());
		List<Process> running = new ArrayList<>();
		for (Traffic t : traffic) running.add(Load.heyFor(t.call(), seconds, t.clients(), dir.resolve(phase + "-" + t.id() + ".txt")));
		double[] clientCpu = new double[running.size()];
		while (running.stream().anyMatch(Process::isAlive)) {
			for (int i = 0; i < running.size(); i++) clientCpu[i] = Math.max(clientCpu[i], ProcessCpu.seconds(running.get(i).toHandle()));
			Thread.sleep(1000);
		}
		List<HeySummary> summaries = new ArrayList<>();
		for (int i = 0; i < traffic.size(); i++) {
			Traffic t = traffic.get(i);
			if (running.get(i).waitFor() != 0) throw new IllegalStateException("hey for " + t.name() + " failed: see " + phase + "-" + t.id() + ".txt");
			HeySummary summary = HeySummary.read(dir.resolve(phase + "-" + t.id() + ".txt"));
			System.out.printf(Locale.ROOT, "    %-48s n=%7d  %7.1f req/s  p50=%7.1f ms  p99=%7.1f ms  errors=%d %s%n", t.name(),
					summary.requests(), summary.throughput(), summary.p50Millis(), summary.p99Millis(), summary.errors(),
					summary.errors() > 0 ? summary.statuses() + " " + summary.errorMessages() : "");
			summaries.add(summary);
		}
		return new Phase(summaries, java.util.Arrays.stream(clientCpu).sum());
	}

	// ---- the report ----

	private List<String> header() throws Exception {
		var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
		return List.of("## stemirac-cds load run (issue 10)", "",
				String.format(Locale.ROOT, "- %s, commit %s; %d cores, %.1f GB RAM, %s %s",
						OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS),
						PerformanceBenchmark.Machine.output("git", "describe", "--always", "--dirty"),
						Runtime.getRuntime().availableProcessors(), os.getTotalMemorySize() / 1e9, System.getProperty("os.name"),
						System.getProperty("os.version")),
				"- server: " + String.join(" ", options.oursLaunch()) + " on "
						+ PerformanceBenchmark.Machine.output(options.javaHome().resolve("bin/java").toString(), "-version").lines().findFirst().orElse("?")
						+ (options.jvmArgs().isEmpty() ? "" : " " + options.jvmArgs()) + "; the clients, the server and PostgreSQL on the same cores",
				String.format(Locale.ROOT, "- load: %s min per database after %d s of warm-up (same mix, not counted); one hey -z per"
						+ " request type, closed loop (each client sends its next request when its last one returned)", number(minutes),
						warmupSeconds),
				"- errors: answers outside 2xx and requests without an answer (connection errors, 60 s timeouts); p50/p99 from hey (0.1 ms)");
	}

	private static String table(Result r) {
		StringBuilder out = new StringBuilder();
		int clients = r.traffic().stream().mapToInt(Traffic::clients).sum();
		out.append(String.format(Locale.ROOT, "### %s, %d clients, %s min%n%n", r.database().equals("h2") ? "H2 (file database)" : "PostgreSQL",
				clients, number(r.loadSeconds() / 60)));
		out.append("| request type | clients | requests | req/s | p50 ms | p99 ms | errors |\n");
		out.append("|---|---:|---:|---:|---:|---:|---:|\n");
		long requests = 0;
		long errors = 0;
		for (int i = 0; i < r.traffic().size(); i++) {
			Traffic t = r.traffic().get(i);
			HeySummary s = r.load().summaries().get(i);
			requests += s.requests();
			errors += s.errors();
			out.append(String.format(Locale.ROOT, "| %s | %d | %,d | %.1f | %s | %s | %d |%n", t.name(), t.clients(), s.requests(),
					s.throughput(), number(s.p50Millis()), number(s.p99Millis()), s.errors()));
		}
		out.append(String.format(Locale.ROOT, "| **total** | %d | %,d | %.1f | | | %d |%n%n", clients, requests, requests / r.loadSeconds(), errors));
		HeySummary read = r.load().summaries().get(0);
		HeySummary orderSign = r.load().summaries().get(2);
		int cores = Runtime.getRuntime().availableProcessors();
		out.append(String.format(Locale.ROOT, "- order-sign (full prefetch) / GET Patient/{id}: p50 %.1f×, p99 %.1f×%n",
				orderSign.p50Millis() / read.p50Millis(), orderSign.p99Millis() / read.p99Millis()));
		out.append(String.format(Locale.ROOT, "- server CPU: %.0f s in %.0f s, on average %.0f %% of one core (%.0f %% of the %d cores)%n",
				r.cpuSeconds(), r.loadSeconds(), 100 * r.cpuSeconds() / r.loadSeconds(), 100 * r.cpuSeconds() / r.loadSeconds() / cores,
				cores));
		out.append(String.format(Locale.ROOT, "- beside it on the same cores: %sthe clients (7 hey) %.0f s (%.0f %% of one core)%n",
				Double.isNaN(r.databaseCpuSeconds()) ? "" : String.format(Locale.ROOT, "PostgreSQL %.0f s (%.0f %% of one core; all its"
						+ " processes, whoever they served), ", r.databaseCpuSeconds(), 100 * r.databaseCpuSeconds() / r.loadSeconds()),
				r.load().clientCpuSeconds(), 100 * r.load().clientCpuSeconds() / r.loadSeconds()));
		out.append(String.format(Locale.ROOT, "- server live heap (jcmd GC.class_histogram, after a full GC): %.0f MB before, %.0f MB after"
				+ " (%+.0f MB; audit events still queued at the end stored within %.1f s first); start-up to /fhir/metadata %.1f s%n",
				r.heapBeforeMb(), r.heapAfterMb(), r.heapAfterMb() - r.heapBeforeMb(), r.auditDrainSeconds(), r.startSeconds()));
		out.append(String.format(Locale.ROOT, "- audit trail: %,d AuditEvents stored during the run; lost since the start (queue full or"
				+ " write failed): %d%s%n", r.auditAfter().written() - r.auditBefore().written(), r.auditAfter().lost(),
				r.auditAfter().lost() > 0 ? " **(counted as errors)**" : ""));
		if (r.warmupErrors() > 0) out.append("- **warm-up: ").append(r.warmupErrors()).append(" requests errored**\n");
		for (int i = 0; i < r.traffic().size(); i++) {
			HeySummary s = r.load().summaries().get(i);
			if (s.errors() > 0) {
				out.append("- **").append(r.traffic().get(i).name()).append("**: statuses ").append(s.statuses()).append(' ')
						.append(s.errorMessages()).append('\n');
			}
		}
		return out.toString();
	}

	private static String number(double value) {
		if (Double.isNaN(value)) return "—";
		return String.format(Locale.ROOT, Math.abs(value) >= 100 || value == Math.rint(value) ? "%,.0f" : "%.1f", value);
	}
}
