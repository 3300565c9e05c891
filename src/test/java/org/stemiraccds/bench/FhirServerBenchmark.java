package org.stemiraccds.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Issue 2's targets, measured against the packaged server (target/stemirac-cds.jar) started as its own
 * process on an empty H2 file database:
 * start-up to the first successful /fhir/metadata (empty database, then restart), validated create of an
 * AIS Observation against the same create without a profile (baseline, same run), and transaction ingest
 * of the demo bundle. Run with: ./mvnw -q -Pbench -DskipTests verify
 */
public final class FhirServerBenchmark {
	private static final ObjectMapper json = new ObjectMapper();
	private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
	private static final int CREATES = Integer.getInteger("bench.creates", 500);
	private static final int WARMUP = Integer.getInteger("bench.warmup", 200);
	private static final int BUNDLES = Integer.getInteger("bench.bundles", 20);

	public static void main(String[] args) throws Exception {
		Path dataDir = Files.createTempDirectory("stemirac-bench");
		int port = freePort();
		String base = "http://localhost:" + port + "/fhir";
		System.out.println("stemirac-cds benchmark: " + Runtime.getRuntime().availableProcessors() + " cores, data in " + dataDir);

		double coldStart;
		try (Server server = Server.start(dataDir, port)) {
			coldStart = server.secondsToMetadata(base);
		}
		try (Server server = Server.start(dataDir, port)) {
			double restart = server.secondsToMetadata(base);
			System.out.printf(Locale.ROOT, "start-up to first /fhir/metadata: empty database %.1f s, restart %.1f s%n", coldStart, restart);

			send("PUT", base + "/Patient/example-patient", Files.readString(Path.of("examples/valid/sci-patient.json")), 200, 201);
			String ais = Files.readString(Path.of("examples/valid/ais-observation.json"));
			ObjectNode plain = (ObjectNode) json.readTree(ais);
			plain.remove("meta");
			plain.remove("id");
			ObjectNode profiled = (ObjectNode) json.readTree(ais);
			profiled.remove("id");
			Stats baseline = creates("create Observation (no profile, baseline)", base, plain.toString());
			Stats validated = creates("validated create AIS Observation (profile)", base, profiled.toString());
			System.out.println(baseline.row());
			System.out.println(validated.row());
			System.out.printf(Locale.ROOT, "validated/baseline median ratio: %.2f%n", validated.percentile(50) / baseline.percentile(50));

			ingest(base);
		} finally {
			deleteRecursively(dataDir);
		}
	}

	private static Stats creates(String name, String base, String body) throws Exception {
		for (int i = 0; i < WARMUP; i++) send("POST", base + "/Observation", body, 201);
		long[] nanos = new long[CREATES];
		long started = System.nanoTime();
		for (int i = 0; i < CREATES; i++) {
			long t = System.nanoTime();
			send("POST", base + "/Observation", body, 201);
			nanos[i] = System.nanoTime() - t;
		}
		return Stats.of(name, nanos, System.nanoTime() - started);
	}

	/** The demo bundle posted again and again, each time under new ids (so every entry is a real write). */
	private static void ingest(String base) throws Exception {
		JsonNode demo = json.readTree(Path.of("examples/demo/demo-bundle.json").toFile());
		int entries = demo.get("entry").size();
		for (int i = 0; i < 3; i++) send("POST", base, withSuffix(demo, "w" + i), 200);
		long[] nanos = new long[BUNDLES];
		long started = System.nanoTime();
		for (int i = 0; i < BUNDLES; i++) {
			long t = System.nanoTime();
			send("POST", base, withSuffix(demo, "r" + i), 200);
			nanos[i] = System.nanoTime() - t;
		}
		Stats stats = Stats.of("transaction: demo bundle (" + entries + " entries)", nanos, System.nanoTime() - started);
		System.out.println(stats.row());
		System.out.printf(Locale.ROOT, "transaction ingest on H2: %.0f resources/s%n", stats.throughput() * entries);
	}

	private static String withSuffix(JsonNode bundle, String suffix) {
		JsonNode copy = bundle.deepCopy();
		for (JsonNode entry : copy.get("entry")) {
			ObjectNode resource = (ObjectNode) entry.get("resource");
			String id = resource.get("id").asText() + "-" + suffix;
			resource.put("id", id);
			((ObjectNode) entry.get("request")).put("url", resource.get("resourceType").asText() + "/" + id);
		}
		return copy.toString();
	}

	static HttpResponse<String> send(String method, String url, String body, int... expected) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url))
				.header("Content-Type", "application/fhir+json")
				.method(method, HttpRequest.BodyPublishers.ofString(body))
				.build();
		HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
		for (int status : expected) if (response.statusCode() == status) return response;
		throw new IllegalStateException(method + " " + url + " -> " + response.statusCode() + ": " + response.body());
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	static void deleteRecursively(Path dir) throws IOException {
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
		}
	}

	/** The packaged server as a child process. */
	record Server(Process process, long startedNanos) implements AutoCloseable {
		static Server start(Path dataDir, int port, String... arguments) throws IOException {
			List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
					"-jar", "target/stemirac-cds.jar", "--server.port=" + port, "--stemirac.data-dir=" + dataDir));
			command.addAll(List.of(arguments));
			long started = System.nanoTime();
			Process process = new ProcessBuilder(command)
					.redirectErrorStream(true)
					.redirectOutput(dataDir.resolve("server.log").toFile())
					.start();
			return new Server(process, started);
		}

		double secondsToMetadata(String base) throws Exception {
			HttpRequest metadata = HttpRequest.newBuilder(URI.create(base + "/metadata")).build();
			while (process.isAlive()) {
				try {
					if (client.send(metadata, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
						return (System.nanoTime() - startedNanos) / 1e9;
					}
				} catch (IOException notYet) {
					// not listening yet
				}
				Thread.sleep(100);
			}
			throw new IllegalStateException("server exited with " + process.exitValue());
		}

		@Override
		public void close() throws InterruptedException {
			process.destroy();
			process.waitFor();
		}
	}
}
