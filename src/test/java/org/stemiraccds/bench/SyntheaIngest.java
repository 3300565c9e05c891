package org.stemiraccds.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Bulk ingest (issue 9): every Synthea bundle of a directory POSTed to a FHIR base, one at a time from one
 * client, hospital and practitioner bundles first (the patient bundles reference them conditionally). The
 * rate counts the resources the server answered 2xx for, over the wall time of all the POSTs.
 * <p>
 * {@link #ingest} measures a server that is already running. {@link #main} runs the comparison of issue 9:
 * our packaged jar (target/stemirac-cds.jar) and, given its path, the stock HAPI JPA starter (validation off,
 * its default), each started as a child process on an empty H2 file database, one after the other, for
 * -Dbench.rounds rounds; it prints each run and the ratio ours/starter of resources per second, the server's
 * CPU time during the ingest, and how long the server stays busy after the last answer (work done in the
 * background, such as our audit trail's queue).
 * <pre>
 *   scripts/ingest-bench.sh [starter.war]          # or, with the test classpath:
 *   java ... org.stemiraccds.bench.SyntheaIngest [--starter=/work/starter/target/ROOT.war] [--bundles=DIR]
 * </pre>
 * -Dbench.ourArgs adds arguments to our server (e.g. --stemirac.audit.write-batch-size=1 for the audit trail
 * as it was: one transaction per event). -Dbench.ourJvmArgs / -Dbench.starterJvmArgs add JVM options to one side (e.g. a JFR recording; {dir} stands for
 * the run's data directory); -Dbench.port (default: a free one), -Dbench.dataRoot (default: the temp directory),
 * -Dbench.keepData=true keeps each run's data directory and server.log.
 */
public final class SyntheaIngest {
	private static final ObjectMapper json = new ObjectMapper();
	private static final HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

	private SyntheaIngest() {
	}

	/** One ingest: resources the server stored (2xx entries), wall seconds of all POSTs, and what failed. */
	public record Result(long resources, double seconds, List<String> failures) {
		public double resourcesPerSecond() {
			return resources / Math.max(seconds, 1e-9);
		}

		public String row(String name) {
			return String.format(Locale.ROOT, "%-9s ingest of Synthea: %6d resources in %6.1f s = %6.1f resources/s, %d failures",
					name, resources, seconds, resourcesPerSecond(), failures.size());
		}
	}

	/** POSTs every bundle of the directory to fhirBase (e.g. http://localhost:8080/fhir), in load order. */
	public static Result ingest(String fhirBase, Path bundlesDir) throws IOException, InterruptedException {
		long resources = 0;
		long nanos = 0;
		List<String> failures = new ArrayList<>();
		for (Path file : bundles(bundlesDir)) {
			byte[] body = Files.readAllBytes(file);
			long started = System.nanoTime();
			HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(fhirBase))
					.header("Content-Type", "application/fhir+json")
					.timeout(Duration.ofMinutes(30))
					.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
			nanos += System.nanoTime() - started;
			resources += stored(file, response, failures);
		}
		return new Result(resources, nanos / 1e9, failures);
	}

	/**
	 * Entries answered 2xx. A transaction answers 200 only when all succeeded; a batch (hospital, practitioner)
	 * answers 200 anyway, with each entry's own status.
	 */
	private static long stored(Path file, HttpResponse<String> response, List<String> failures) throws IOException {
		String name = file.getFileName().toString();
		if (response.statusCode() != 200) {
			failures.add(name + ": HTTP " + response.statusCode() + ": " + head(response.body()));
			return 0;
		}
		long ok = 0;
		for (JsonNode entry : json.readTree(response.body()).path("entry")) {
			String status = entry.path("response").path("status").asText();
			if (status.startsWith("2")) {
				ok++;
			} else {
				failures.add(name + ": entry " + status + ": " + head(entry.path("response").path("outcome").toString()));
			}
		}
		return ok;
	}

	/** Hospital and practitioner bundles first (the patients reference them), then the patients, by name. */
	static List<Path> bundles(Path dir) throws IOException {
		try (Stream<Path> files = Files.list(dir)) {
			return files.filter(f -> f.getFileName().toString().endsWith(".json"))
					.sorted(Comparator.comparingInt(SyntheaIngest::rank).thenComparing(f -> f.getFileName().toString()))
					.toList();
		}
	}

	private static int rank(Path file) {
		String name = file.getFileName().toString();
		return name.startsWith("hospitalInformation") ? 0 : name.startsWith("practitionerInformation") ? 1 : 2;
	}

	private static String head(String text) {
		return text.length() <= 300 ? text : text.substring(0, 300) + "…";
	}

	public static void main(String[] args) throws Exception {
		Path bundles = Path.of(option(args, "bundles", "target/synthea/fhir"));
		String starterWar = option(args, "starter", null);
		int rounds = Integer.getInteger("bench.rounds", 1);
		System.out.println("Synthea ingest: bundles " + bundles.toAbsolutePath() + ", " + bundles(bundles).size() + " files, "
				+ Runtime.getRuntime().availableProcessors() + " cores");
		for (int round = 1; round <= rounds; round++) {
			Result ours = run(List.of("-jar", "target/stemirac-cds.jar"), "ours", "bench.ourJvmArgs", bundles,
					dir -> withArguments(List.of("--stemirac.data-dir=" + dir), "bench.ourArgs"));
			System.out.println(ours.row("ours"));
			ours.failures().stream().limit(10).forEach(f -> System.out.println("  " + f));
			if (starterWar == null) continue;
			Result starter = run(List.of("-jar", starterWar), "starter", "bench.starterJvmArgs", bundles,
					dir -> List.of("--spring.datasource.url=jdbc:h2:file:" + dir.resolve("h2")));
			System.out.println(starter.row("starter"));
			starter.failures().stream().limit(10).forEach(f -> System.out.println("  " + f));
			System.out.printf(Locale.ROOT, "round %d: ours/starter resources/s = %.2f%n", round,
					ours.resourcesPerSecond() / starter.resourcesPerSecond());
		}
	}

	/** Starts the server on an empty data directory and a free port, ingests once, stops it. */
	private static Result run(List<String> launch, String name, String jvmArgsProperty, Path bundles,
			java.util.function.Function<Path, List<String>> database) throws Exception {
		String root = System.getProperty("bench.dataRoot");
		Path dataDir = root == null ? Files.createTempDirectory("synthea-ingest-" + name)
				: Files.createTempDirectory(Files.createDirectories(Path.of(root)), "synthea-ingest-" + name);
		int port = Integer.getInteger("bench.port", 0) > 0 ? Integer.getInteger("bench.port") : freePort();
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		String jvmArgs = System.getProperty(jvmArgsProperty, "").replace("{dir}", dataDir.toString());
		if (!jvmArgs.isBlank()) command.addAll(List.of(jvmArgs.trim().split("\\s+")));
		command.addAll(launch);
		command.add("--server.port=" + port);
		command.addAll(database.apply(dataDir));
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(dataDir.resolve("server.log").toFile()).start();
		try {
			String base = "http://localhost:" + port + "/fhir";
			awaitMetadata(process, base);
			Duration cpuBefore = cpu(process);
			Result result = ingest(base, bundles);
			// the server's CPU time during the ingest: less sensitive than wall time to other load on the machine
			double cpuSeconds = (cpu(process).toMillis() - cpuBefore.toMillis()) / 1e3;
			System.out.printf(Locale.ROOT, "%-9s server CPU during ingest: %6.1f s = %6.1f resources per CPU-second%n",
					name, cpuSeconds, result.resources() / Math.max(cpuSeconds, 1e-9));
			long ingestEnd = System.nanoTime();
			awaitIdle(process);
			// work left in the background after the last answer (our audit trail's queue, index merges)
			System.out.printf(Locale.ROOT, "%-9s idle %5.1f s after the last answer; server CPU until then %6.1f s%n", name,
					(System.nanoTime() - ingestEnd) / 1e9, (cpu(process).toMillis() - cpuBefore.toMillis()) / 1e3);
			return result;
		} finally {
			process.destroy();
			process.waitFor();
			if (!Boolean.getBoolean("bench.keepData")) deleteRecursively(dataDir);
			else System.out.println("  " + name + " data and log kept in " + dataDir);
		}
	}

	/** Extra server arguments from a system property, space-separated (e.g. --stemirac.audit.write-batch-size=1). */
	private static List<String> withArguments(List<String> arguments, String property) {
		List<String> all = new ArrayList<>(arguments);
		String extra = System.getProperty(property, "");
		if (!extra.isBlank()) all.addAll(List.of(extra.trim().split("\\s+")));
		return all;
	}

	/** Until the server uses less than a tenth of one core for 3 s in a row (at most -Dbench.idleTimeout seconds). */
	private static void awaitIdle(Process process) throws InterruptedException {
		long deadline = System.nanoTime() + Long.getLong("bench.idleTimeout", 600) * 1_000_000_000L;
		int quietSeconds = 0;
		while (quietSeconds < 3 && System.nanoTime() < deadline) {
			long before = cpu(process).toMillis();
			Thread.sleep(1000);
			quietSeconds = cpu(process).toMillis() - before < 100 ? quietSeconds + 1 : 0;
		}
	}

	/** CPU time of the process so far (all its threads), as the operating system counts it. */
	private static Duration cpu(Process process) {
		return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
	}

	private static void awaitMetadata(Process process, String base) throws Exception {
		HttpRequest metadata = HttpRequest.newBuilder(URI.create(base + "/metadata")).build();
		while (process.isAlive()) {
			try {
				if (client.send(metadata, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
			} catch (IOException notYet) {
				// not listening yet
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("server exited with " + process.exitValue());
	}

	private static String option(String[] args, String name, String fallback) {
		for (String arg : args) if (arg.startsWith("--" + name + "=")) return arg.substring(name.length() + 3);
		return fallback;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static void deleteRecursively(Path dir) {
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
