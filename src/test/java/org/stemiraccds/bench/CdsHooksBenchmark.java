package org.stemiraccds.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Issue 3's targets against the packaged server (target/stemirac-cds.jar, own process, H2 file database,
 * demo bundle loaded, hooks evaluated as of 2026-11-25): order-sign for demo-ais-d with the full prefetch
 * and with none, and, as the baseline of the same run, GET /fhir/Patient/{id}; each at 16 concurrent
 * clients. Run with: ./mvnw -q -Pbench -DskipTests verify (after FhirServerBenchmark).
 */
public final class CdsHooksBenchmark {
	private static final ObjectMapper json = new ObjectMapper();
	private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
	private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 16);
	private static final int REQUESTS = Integer.getInteger("bench.requests", 4000);
	private static final int WARMUP = Integer.getInteger("bench.warmup", 2000);
	private static final String PATIENT = "demo-ais-d";

	public static void main(String[] args) throws Exception {
		Path dataDir = Files.createTempDirectory("stemirac-bench-cds");
		int port = FhirServerBenchmark.freePort();
		String base = "http://localhost:" + port;
		System.out.println("stemirac-cds CDS Hooks benchmark: " + Runtime.getRuntime().availableProcessors() + " cores, "
				+ CONCURRENCY + " concurrent clients, " + REQUESTS + " requests per series");
		try (FhirServerBenchmark.Server server = FhirServerBenchmark.Server.start(dataDir, port,
				"--stemirac.cds.fixed-time=2026-11-25T10:00:00+09:00")) {
			server.secondsToMetadata(base + "/fhir");
			FhirServerBenchmark.send("POST", base + "/fhir", Files.readString(Path.of("examples/demo/demo-bundle.json")), 200);
			ObjectNode noPrefetch = orderSign();
			ObjectNode fullPrefetch = withFullPrefetch(noPrefetch.deepCopy(), base);
			String cardsFull = post(base, fullPrefetch.toString()).body();
			String cardsNone = post(base, noPrefetch.toString()).body();
			System.out.println("cards, full prefetch: " + ruleIds(cardsFull));
			System.out.println("cards, no prefetch:   " + ruleIds(cardsNone));

			HttpRequest patient = HttpRequest.newBuilder(URI.create(base + "/fhir/Patient/" + PATIENT))
					.header("Accept", "application/fhir+json").GET().build();
			HttpRequest full = hook(base, fullPrefetch.toString());
			HttpRequest none = hook(base, noPrefetch.toString());
			System.out.println("load generator: " + (HEY ? "hey" : "java.net.http (no hey on PATH)"));
			load("warm-up", patient, null, WARMUP, CONCURRENCY);
			load("warm-up", full, fullPrefetch.toString(), WARMUP, CONCURRENCY);
			load("warm-up", none, noPrefetch.toString(), WARMUP / 2, CONCURRENCY);

			Stats baseline = load("GET /fhir/Patient/{id} (baseline)", patient, null, REQUESTS, CONCURRENCY);
			Stats sign = load("order-sign, full prefetch", full, fullPrefetch.toString(), REQUESTS, CONCURRENCY);
			Stats database = load("order-sign, no prefetch (database)", none, noPrefetch.toString(), REQUESTS, CONCURRENCY);
			Stats signAlone = load("order-sign, full prefetch, 1 client", full, fullPrefetch.toString(), REQUESTS / 4, 1);
			Stats databaseAlone = load("order-sign, no prefetch, 1 client", none, noPrefetch.toString(), REQUESTS / 8, 1);
			System.out.println(baseline.row());
			System.out.println(sign.row());
			System.out.println(database.row());
			System.out.println(signAlone.row());
			System.out.println(databaseAlone.row());
			System.out.printf(Locale.ROOT, "order-sign full prefetch: p99 %.1f ms (target < 25 ms), median %.2f× the GET Patient median "
							+ "(target <= 2×)%n", sign.percentile(99), sign.percentile(50) / baseline.percentile(50));
			System.out.printf(Locale.ROOT, "order-sign no prefetch: p99 %.1f ms at %d clients, %.1f ms alone (target < 100 ms)%n",
					database.percentile(99), CONCURRENCY, databaseAlone.percentile(99));
		} finally {
			FhirServerBenchmark.deleteRecursively(dataDir);
		}
	}

	/** A standard STEMIRAC order for the demo patient (as in the tests' DemoOrders). */
	private static ObjectNode orderSign() throws Exception {
		String order = """
				{"resourceType":"MedicationRequest","id":"draft-1","status":"draft","intent":"order",
				 "subject":{"reference":"Patient/%1$s"},"medicationReference":{"reference":"Medication/%1$s-lot"},
				 "requester":{"reference":"PractitionerRole/demo-role"},
				 "dosageInstruction":[{"extension":[{"url":"https://stemirac-cds.org/fhir/StructureDefinition/dilution-factor","valueDecimal":3}],
				   "route":{"coding":[{"system":"http://snomed.info/sct","code":"47625008"}]},
				   "doseAndRate":[{"doseQuantity":{"value":1.0E8,"system":"http://unitsofmeasure.org","code":"{cells}"},
				     "rateQuantity":{"value":0.8,"system":"http://unitsofmeasure.org","code":"mL/min"}}]}]}""".formatted(PATIENT);
		ObjectNode request = json.createObjectNode();
		request.put("hook", "order-sign");
		request.put("hookInstance", "bench");
		ObjectNode context = request.putObject("context");
		context.put("userId", "PractitionerRole/demo-role");
		context.put("patientId", PATIENT);
		ObjectNode bundle = context.putObject("draftOrders");
		bundle.put("resourceType", "Bundle").put("type", "collection");
		bundle.putArray("entry").addObject().set("resource", json.readTree(order));
		return request;
	}

	/** The prefetch an EHR would send: every template of the discovery document, read from the FHIR server. */
	private static ObjectNode withFullPrefetch(ObjectNode request, String base) throws Exception {
		JsonNode discovery = json.readTree(client.send(HttpRequest.newBuilder(URI.create(base + "/cds-services")).build(),
				HttpResponse.BodyHandlers.ofString()).body());
		ObjectNode prefetch = request.putObject("prefetch");
		for (JsonNode service : discovery.get("services")) {
			if (!service.get("id").asText().equals("stemirac-order-sign")) continue;
			for (var template : (Iterable<java.util.Map.Entry<String, JsonNode>>) () -> service.get("prefetch").fields()) {
				// Templates whose tokens this user cannot fill are skipped, as the server skips them.
				java.util.Optional<String> filled = org.stemiraccds.cds.CdsClient.prefetchUrl(template.getValue().asText(), request.get("context"));
				if (filled.isEmpty()) continue;
				String url = base + "/fhir/" + filled.get().replace("|", "%7C");
				HttpResponse<String> read = client.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/fhir+json").build(),
						HttpResponse.BodyHandlers.ofString());
				prefetch.set(template.getKey(), json.readTree(read.body()));
			}
		}
		return request;
	}

	private static HttpRequest hook(String base, String body) {
		return HttpRequest.newBuilder(URI.create(base + "/cds-services/stemirac-order-sign"))
				.header("Content-Type", "application/json").header("Accept", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body)).build();
	}

	private static HttpResponse<String> post(String base, String body) throws Exception {
		HttpResponse<String> response = client.send(hook(base, body), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) throw new IllegalStateException(response.statusCode() + ": " + response.body());
		return response;
	}

	private static List<String> ruleIds(String cards) throws Exception {
		List<String> ids = new ArrayList<>();
		json.readTree(cards).get("cards").forEach(c -> ids.add(c.get("source").get("topic").get("code").asText()));
		return ids;
	}

	/** hey (a Go load generator, far lighter than a JVM client on the same 2 cores) when installed. */
	private static final boolean HEY = !"java".equals(System.getProperty("bench.client")) && onPath("hey");

	private static Stats load(String name, HttpRequest request, String body, int total, int concurrency) throws Exception {
		return HEY ? hey(name, request, body, total, concurrency) : run(name, request, total, concurrency);
	}

	/** Runs hey with -o csv and reads each request's latency from its output. */
	private static Stats hey(String name, HttpRequest request, String body, int total, int concurrency) throws Exception {
		List<String> command = new ArrayList<>(List.of("hey", "-n", String.valueOf(total), "-c", String.valueOf(concurrency), "-o", "csv"));
		if (body != null) {
			Path file = Files.createTempFile("hook", ".json");
			Files.writeString(file, body);
			command.addAll(List.of("-m", "POST", "-T", "application/json", "-D", file.toString()));
		}
		command.add(request.uri().toString());
		long started = System.nanoTime();
		Process hey = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
		List<String> rows = new String(hey.getInputStream().readAllBytes()).lines().skip(1).toList();
		hey.waitFor();
		long wall = System.nanoTime() - started;
		long[] nanos = new long[rows.size()];
		for (int i = 0; i < rows.size(); i++) {
			String[] columns = rows.get(i).split(",");
			if (!columns[6].equals("200")) throw new IllegalStateException(name + ": status " + columns[6]);
			nanos[i] = (long) (Double.parseDouble(columns[0]) * 1e9);
		}
		return Stats.of(name, nanos, wall);
	}

	private static boolean onPath(String program) {
		return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
				.anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
	}

	/** {@code total} requests from {@code concurrency} clients, each sending its next request when the last returns. */
	private static Stats run(String name, HttpRequest request, int total, int concurrency) throws Exception {
		long[] nanos = new long[total];
		AtomicInteger next = new AtomicInteger();
		ExecutorService clients = Executors.newFixedThreadPool(concurrency);
		long started = System.nanoTime();
		List<Future<?>> running = new ArrayList<>();
		for (int c = 0; c < concurrency; c++) {
			running.add(clients.submit(() -> {
				for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
					long t = System.nanoTime();
					HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
					nanos[i] = System.nanoTime() - t;
					if (response.statusCode() != 200) throw new IllegalStateException(name + ": " + response.statusCode());
				}
				return null;
			}));
		}
		for (Future<?> f : running) f.get();
		long wall = System.nanoTime() - started;
		clients.shutdown();
		return Stats.of(name, nanos, wall);
	}
}
