package org.stemiraccds.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.stemiraccds.bench.Load.Call;
import org.stemiraccds.bench.Load.Generator;
import org.stemiraccds.bench.Report.Side;

/**
 * Issue 9's benchmark: our packaged server (target/stemirac-cds.jar) and, when -Dbench.starter names its war,
 * the stock HAPI JPA starter, one server at a time, each a child process on an empty H2 file database, then the
 * same for our server with security on; one markdown table at the end (also target/bench/report.md).
 * Run with: ./mvnw -Pbench verify -Dbench.starter=/path/to/ROOT.war (README, "Benchmark").
 * <p>Each server runs two sessions. Session A: start-up on an empty database, restart on it, GET Patient/{id},
 * validated creates, and (ours) order-sign; the starter with request validation on. Session B, again on an
 * empty database: the Synthea ingest (the starter with validation off, its default; ours with everything on),
 * heap after it, and (ours, plain) the mixed load twice with the heap after each run.
 */
public final class PerformanceBenchmark {
	private static final ObjectMapper JSON = new ObjectMapper();
	/** The hooks' cards depend on the day (the demo's dates): evaluated as of a fixed time. */
	private static final String FIXED_TIME = "--stemirac.cds.fixed-time=2026-11-25T10:00:00+09:00";
	private static final String FHIR_JSON = "application/fhir+json";
	private static final String PATIENT_ID = "example-patient";
	private static final Duration AUDIT_DRAIN_TIMEOUT = Duration.ofMinutes(10);

	private final BenchOptions options;
	private final Report report = new Report();
	private final int clients;

	private PerformanceBenchmark(BenchOptions options) {
		this.options = options;
		this.clients = options.concurrency();
	}

	public static void main(String[] args) throws Exception {
		BenchOptions options = BenchOptions.fromSystemProperties();
		long started = System.nanoTime();
		new PerformanceBenchmark(options).run();
		System.out.printf(Locale.ROOT, "benchmark took %.1f min%n", (System.nanoTime() - started) / 60e9);
	}

	private void run() throws Exception {
		List<String> header = Machine.describe(options);
		header.forEach(System.out::println);
		Files.createDirectories(options.workDir());
		if (options.classArchive()) buildShippedLayout();
		if (options.starter().isPresent()) {
			sessionA(Side.STARTER, null);
			sessionB(Side.STARTER, null);
		} else {
			report.note("no -Dbench.starter: our numbers alone");
		}
		sessionA(Side.OURS, null);
		sessionB(Side.OURS, null);
		if (options.runs("secured")) {
			BenchTokens tokens = new BenchTokens();
			sessionA(Side.SECURED, tokens);
			sessionB(Side.SECURED, tokens);
		}
		String markdown = report.markdown(header);
		Path file = options.workDir().resolve("report.md");
		Files.writeString(file, markdown);
		System.out.println();
		System.out.println(markdown);
		System.out.println("written to " + file);
	}

	/**
	 * Our server as the Docker image ships it: scripts/class-data-archive.sh, run by the benchmark's JVM, extracts the
	 * jar and archives the classes a start loads. Done once per build; its time is reported, not counted as start-up.
	 */
	private void buildShippedLayout() throws Exception {
		System.out.println("== ours: building the shipped layout (scripts/class-data-archive.sh)");
		long started = System.nanoTime();
		ProcessBuilder script = new ProcessBuilder("scripts/class-data-archive.sh", options.jar().toString(),
				options.shippedLayout().toString()).inheritIO();
		script.environment().put("JAVA", options.javaHome().resolve("bin").resolve("java").toString());
		if (script.start().waitFor() != 0) throw new IllegalStateException("scripts/class-data-archive.sh failed");
		report.note(String.format(Locale.ROOT, "ours runs as shipped: extracted jar + class archive (%s), built once in %.0f s;"
				+ " -Dbench.classArchive=false runs the plain jar", Files.readString(options.shippedLayout().resolve("java-options")).trim()
						.replace(options.shippedLayout().toString(), "…"), (System.nanoTime() - started) / 1e9));
	}

	private ServerProcess start(Side side, Path dir, BenchTokens tokens, List<String> extra) throws Exception {
		if (side == Side.STARTER) return ServerProcess.starter(options, dir, extra);
		List<String> arguments = new ArrayList<>(List.of(FIXED_TIME));
		if (tokens != null) arguments.addAll(tokens.serverArguments());
		arguments.addAll(extra);
		return ServerProcess.ours(options, dir, arguments);
	}

	private Path emptyDir(Side side, String session) throws Exception {
		Path dir = options.workDir().resolve(side.name().toLowerCase(Locale.ROOT) + "-" + session);
		ServerProcess.deleteRecursively(dir);
		return Files.createDirectories(dir);
	}

	private static Map<String, String> fhirHeaders(BenchTokens tokens) {
		return tokens == null ? Map.of() : tokens.fhir();
	}

	// ---- session A: start-up, reads, validated creates, order-sign ----

	private void sessionA(Side side, BenchTokens tokens) throws Exception {
		boolean hooks = options.runs("cds") && side != Side.STARTER;
		if (!options.runs("startup") && !options.runs("read") && !options.runs("create") && !hooks) return;
		System.out.println("== " + side + ": session A (start-up, reads, creates" + (hooks ? ", order-sign" : "") + ")");
		Path dir = emptyDir(side, "a");
		// The starter validates requests against base R4 only when told to (its default is off).
		List<String> extra = side == Side.STARTER ? List.of("--hapi.fhir.validation.requests_enabled=true") : List.of();
		if (options.runs("startup")) {
			try (ServerProcess server = start(side, dir, tokens, extra)) {
				report.put("start-up to /fhir/metadata, empty database: s", side, server.secondsToMetadata());
			}
		}
		try (ServerProcess server = start(side, dir, tokens, extra)) {
			double restart = server.secondsToMetadata();
			if (options.runs("startup")) report.put("start-up to /fhir/metadata, restart: s", side, restart);
			putPatient(server, side, tokens);
			Stats reads = options.runs("read") ? reads(server, side, tokens) : null;
			if (options.runs("create")) creates(server, side, tokens);
			if (hooks) orderSign(server, side, tokens, reads);
		}
	}

	/** examples/valid/sci-patient.json; for the starter without meta (it does not know our profiles). */
	private void putPatient(ServerProcess server, Side side, BenchTokens tokens) throws Exception {
		ObjectNode patient = (ObjectNode) JSON.readTree(Path.of("examples/valid/sci-patient.json").toFile());
		if (side == Side.STARTER) patient.remove("meta");
		Call.post(server.fhirBase + "/Patient/" + PATIENT_ID, patient.toString(), FHIR_JSON, fhirHeaders(tokens))
				.withMethod("PUT").send(200, 201);
	}

	private Stats reads(ServerProcess server, Side side, BenchTokens tokens) throws Exception {
		Map<String, String> headers = new java.util.HashMap<>(fhirHeaders(tokens));
		headers.put("Accept", FHIR_JSON);
		Call read = Call.get(server.fhirBase + "/Patient/" + PATIENT_ID, headers);
		Generator generator = options.generator();
		Load.run(generator, "warm-up", read, 200, options.readWarmup(), clients);
		report.latency("GET Patient/{id}, 1 client", side, Load.run(generator, "GET Patient/{id}, 1 client", read, 200,
				options.singleReads(), 1), false);
		Stats many = Load.run(generator, "GET Patient/{id}, " + clients + " clients", read, 200, options.reads(), clients);
		report.latency("GET Patient/{id}, " + clients + " clients", side, many, true);
		return many;
	}

	/** The AIS Observation of examples/valid without id; ours with its profile, the starter's without meta. */
	private void creates(ServerProcess server, Side side, BenchTokens tokens) throws Exception {
		Call create = Call.post(server.fhirBase + "/Observation", aisObservation(side), FHIR_JSON, fhirHeaders(tokens));
		Generator generator = options.generator();
		Load.run(generator, "warm-up", create, 201, options.createWarmup(), clients);
		String name = "validated create AIS Observation, ";
		report.latency(name + "1 client", side, Load.run(generator, name + "1 client", create, 201, options.singleCreates(), 1), false);
		report.latency(name + clients + " clients", side,
				Load.run(generator, name + clients + " clients", create, 201, options.creates(), clients), true);
	}

	private static String aisObservation(Side side) throws Exception {
		ObjectNode observation = (ObjectNode) JSON.readTree(Path.of("examples/valid/ais-observation.json").toFile());
		observation.remove("id");
		if (side == Side.STARTER) observation.remove("meta");
		return observation.toString();
	}

	// ---- order-sign ----

	/** One generator's way of sending {@code total} hook calls with this body. */
	private interface HookSeries {
		Stats run(String name, String body, int total, int concurrency) throws Exception;
	}

	private void orderSign(ServerProcess server, Side side, BenchTokens tokens, Stats reads) throws Exception {
		loadDemo(server, tokens);
		Map<String, String> discoveryToken = tokens == null ? Map.of() : tokens.cds(server.root + "/cds-services");
		CdsRequests requests = CdsRequests.build(server, fhirHeaders(tokens), discoveryToken);
		String url = requests.url(server);
		boolean heyByDefault = options.generator() == Generator.HEY;
		if (tokens == null) {
			Generator generator = options.generator();
			Stats full = hookRows(side, "", requests, (name, body, total, c) ->
					Load.run(generator, name, Call.post(url, body, "application/json", Map.of()), 200, total, c));
			if (reads != null && full != null) {
				report.put("order-sign full prefetch p99 / GET Patient p99, " + clients + " clients", side,
						full.percentile(99) / reads.percentile(99));
			}
			// The secured rows need a fresh JWT per call, hence java.net.http: measured on the plain server too.
			if (heyByDefault && options.runs("secured")) hookRows(side, " (java.net.http)", requests, javaHooks(url, null));
		} else {
			hookRows(side, heyByDefault ? " (java.net.http)" : "", requests, javaHooks(url, tokens));
		}
	}

	/** java.net.http clients, every request built (and with security, its JWT signed) before the clock starts. */
	private static HookSeries javaHooks(String url, BenchTokens tokens) {
		return (name, body, total, c) -> Load.runEach(name,
				i -> Call.post(url, body, "application/json", tokens == null ? Map.of() : tokens.cds(url)).request(), 200, total, c);
	}

	/** Warm-up, then full prefetch with 1 and many clients and no prefetch with many; returns full prefetch, many. */
	private Stats hookRows(Side side, String suffix, CdsRequests requests, HookSeries series) throws Exception {
		series.run("warm-up", requests.fullPrefetch, options.hookWarmup(), clients);
		series.run("warm-up", requests.noPrefetch, options.hookWarmup() / 2, clients);
		String full = "order-sign, full prefetch, ";
		report.latency(full + "1 client" + suffix, side, series.run(full + "1 client", requests.fullPrefetch, options.singleHooks(), 1),
				false);
		Stats many = series.run(full + clients + " clients", requests.fullPrefetch, options.hooks(), clients);
		report.latency(full + clients + " clients" + suffix, side, many, true);
		String none = "order-sign, no prefetch (database), " + clients + " clients";
		report.latency(none + suffix, side, series.run(none, requests.noPrefetch, options.hooksNoPrefetch(), clients), true);
		return many;
	}

	private static void loadDemo(ServerProcess server, BenchTokens tokens) throws Exception {
		Call.post(server.fhirBase, Files.readString(Path.of("examples/demo/demo-bundle.json")), FHIR_JSON, fhirHeaders(tokens))
				.send(200);
	}

	// ---- session B: ingest, memory ----

	private void sessionB(Side side, BenchTokens tokens) throws Exception {
		boolean memory = options.runs("memory") && side == Side.OURS;
		if (!options.runs("ingest") && !memory) return;
		System.out.println("== " + side + ": session B (Synthea ingest" + (memory ? ", mixed load, heap" : "") + ")");
		try (ServerProcess server = start(side, emptyDir(side, "b"), tokens, List.of())) {
			server.secondsToMetadata();
			Ingest.Result ingest = Ingest.ingest(server.fhirBase, options.synthea(), options.ingestPatients(), fhirHeaders(tokens));
			System.out.printf(Locale.ROOT, "  %s  ingest: %s%n", side, ingest);
			report.put("ingest of Synthea bundles, 1 client: resources stored/s", side, ingest.storedPerSecond());
			report.put("ingest: bundles refused (of " + ingest.bundles() + ")", side, ingest.refusedBundles());
			report.put("ingest: resources stored (of " + ingest.entries() + ")", side, ingest.stored());
			reportAuditDrain(server, side, "the ingest");
			report.put("live heap after ingest (class histogram): MB", side, server.liveHeapMb());
			if (memory) mixedLoad(server);
		}
	}

	/** How long our audit writer took to store the events still queued when the load stopped (the heap is weighed after). */
	private void reportAuditDrain(ServerProcess server, Side side, String after) throws Exception {
		if (side == Side.STARTER) return;
		report.put("audit events still queued after " + after + ", stored within: s", side,
				server.secondsToAuditIdle(AUDIT_DRAIN_TIMEOUT));
	}

	/** The mixed load twice, back to back: the heap after each (a full GC first) must not grow. */
	private void mixedLoad(ServerProcess server) throws Exception {
		putPatient(server, Side.OURS, null);
		loadDemo(server, null);
		List<MixedLoad.Step> cycle = mixedCycle(server);
		for (int run = 1; run <= 2; run++) {
			MixedLoad.Result result = MixedLoad.run(cycle, options.mixedSeconds(), clients);
			reportAuditDrain(server, Side.OURS, "mixed run " + run);
			double heap = server.liveHeapMb();
			System.out.printf(Locale.ROOT, "  mixed load run %d: %s, heap %.0f MB%n", run, result, heap);
			report.put("mixed load " + options.mixedSeconds() + " s, " + clients + " clients, run " + run + ": req/s", Side.OURS,
					result.throughput());
			if (result.unexpected() > 0) report.note("mixed load run " + run + ": " + result.unexpected() + " unexpected statuses");
			report.put("live heap after mixed run " + run + " (class histogram): MB", Side.OURS, heap);
		}
		Double first = report.get("live heap after mixed run 1 (class histogram): MB", Side.OURS);
		Double second = report.get("live heap after mixed run 2 (class histogram): MB", Side.OURS);
		report.put("live heap growth run 2 − run 1 (leak check, ≈ 0): MB", Side.OURS, second - first);
	}

	/** Reads, searches, validated creates, order-sign with and without prefetch. */
	private List<MixedLoad.Step> mixedCycle(ServerProcess server) throws Exception {
		CdsRequests hooks = CdsRequests.build(server, Map.of(), Map.of());
		Map<String, String> accept = Map.of("Accept", FHIR_JSON);
		String fhir = server.fhirBase;
		List<MixedLoad.Step> cycle = new ArrayList<>();
		for (String read : List.of("/Patient/" + PATIENT_ID, "/Patient/" + CdsRequests.PATIENT,
				"/Observation?patient=" + CdsRequests.PATIENT, "/Observation?code=http://loinc.org%7C8302-2&_count=20",
				"/Patient?gender=female&_count=10", "/Condition?_count=20")) {
			cycle.add(new MixedLoad.Step(Call.get(fhir + read, accept).request(), 200));
		}
		cycle.add(new MixedLoad.Step(Call.post(fhir + "/Observation", aisObservation(Side.OURS), FHIR_JSON, Map.of()).request(), 201));
		String url = hooks.url(server);
		cycle.add(new MixedLoad.Step(Call.post(url, hooks.fullPrefetch, "application/json", Map.of()).request(), 200));
		cycle.add(new MixedLoad.Step(Call.post(url, hooks.noPrefetch, "application/json", Map.of()).request(), 200));
		return cycle;
	}

	/** The table's header: what was measured, where, with what. */
	static final class Machine {
		private Machine() {}

		static List<String> describe(BenchOptions options) throws Exception {
			var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
			List<String> lines = new ArrayList<>();
			lines.add("## stemirac-cds performance benchmark (issue 9)");
			lines.add("");
			lines.add(String.format(Locale.ROOT, "- %s, commit %s; %d cores, %.1f GB RAM, %s %s",
					OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS), output("git", "describe", "--always", "--dirty"),
					Runtime.getRuntime().availableProcessors(), os.getTotalMemorySize() / 1e9, System.getProperty("os.name"),
					System.getProperty("os.version")));
			lines.add("- servers on " + output(options.javaHome().resolve("bin/java").toString(), "-version").lines().findFirst().orElse("?")
					+ (options.jvmArgs().isEmpty() ? "" : " " + options.jvmArgs()) + "; ours " + options.jar().getFileName()
					+ ", starter " + options.starter().map(Path::toString).orElse("not run"));
			lines.add("- load: " + (options.generator() == Generator.HEY ? "hey" : "java.net.http closed-loop clients")
					+ " (rows marked java.net.http, the mixed load and the ingest: java.net.http); " + options.concurrency()
					+ " clients where not 1; requests per series: reads " + options.singleReads() + "/" + options.reads()
					+ ", creates " + options.singleCreates() + "/" + options.creates() + " after " + options.createWarmup()
					+ " warm-up, order-sign " + options.singleHooks() + "/" + options.hooks() + ", no prefetch " + options.hooksNoPrefetch()
					+ "; sections " + options.sections());
			lines.add("- ratios: for s, ms and MB lower is better, for req/s and resources/s higher; the starter validates creates"
					+ " against base R4 (validation on in session A, off for its ingest), ours against the AIS profile");
			return lines;
		}

		private static String output(String... command) {
			try {
				Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
				String out = new String(process.getInputStream().readAllBytes()).trim();
				return process.waitFor() == 0 ? out : "?";
			} catch (Exception e) {
				return "?";
			}
		}
	}
}
