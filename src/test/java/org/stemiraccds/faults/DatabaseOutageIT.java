package org.stemiraccds.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.stemiraccds.Application;
import org.stemiraccds.cds.CdsClient;
import org.stemiraccds.cds.DemoOrders;
import org.stemiraccds.conformance.Examples;

/**
 * PostgreSQL stopped under load (issue 10, faults): while it is down every request — FHIR read, search, validated
 * write, CDS Hooks order-sign — is answered 503 with Retry-After within a bounded time (the pool's
 * connection-timeout, 5 s by default), as an OperationOutcome or the CDS Hooks JSON error in the request's language,
 * never a 500 or a Java name; once it is back the same application answers again by itself, and every write it
 * acknowledged before is still there. Its own PostgreSQL cluster ({@link PostgresCluster}), stopped with a fast
 * shutdown and started again. Run alone: ./mvnw -o -B test-compile failsafe:integration-test failsafe:verify -Dit.test=DatabaseOutageIT
 */
class DatabaseOutageIT {
	private static final String UNAVAILABLE_EN = "The service is temporarily unavailable";
	private static final String UNAVAILABLE_JA = "サービスを一時的に利用できません";
	/** The pool's connection-timeout (5 s) and room for a slow, shared machine; Hikari's own default would be 30 s. */
	private static final Duration ANSWER_BOUND = Duration.ofSeconds(15);
	private static final int CLIENTS = 4;
	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@TempDir
	static Path dataDir;

	/** The database's state while a request was under way: a request is judged by the phase it began and ended in. */
	enum Phase { UP, STOPPING, DOWN, STARTING, RECOVERED }

	enum Kind { READ, SEARCH, WRITE, CDS }

	record Answer(Kind kind, String language, Phase sent, Phase received, int status, String body, String contentType,
			String retryAfter, String location, long millis) {
		boolean within(Phase phase) {
			return sent == phase && received == phase;
		}

		@Override
		public String toString() {
			return kind + " " + language + " " + sent + "→" + received + " " + status + " in " + millis + " ms: "
					+ body.substring(0, Math.min(300, body.length()));
		}
	}

	private volatile Phase phase = Phase.UP;
	private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
	private final AtomicInteger writes = new AtomicInteger();
	private String base;

	@Test
	void requestsFailCleanlyWhileDatabaseIsDownAndSucceedOnceItIsBack() throws Exception {
		try (PostgresCluster cluster = PostgresCluster.create("stemirac_faults", "stemirac_outage");
				ConfigurableApplicationContext app = start(cluster)) {
			base = "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();
			Answer demo = send(Kind.WRITE, "en", post("/fhir", Examples.read(Examples.DEMO_BUNDLE), "application/fhir+json"));
			assertThat(demo.status()).as(demo.toString()).isEqualTo(200);
			for (Kind kind : Kind.values()) assertThat(call(kind, "en").status()).as(kind.name()).isBetween(200, 201);
			answers.clear();

			ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
			try {
				for (int i = 0; i < CLIENTS; i++) {
					int first = i;
					clients.submit(() -> load(first));
				}
				Thread.sleep(4000);
				outage(cluster);
				phase = Phase.RECOVERED;
				Thread.sleep(4000);
			} finally {
				phase = null;
				clients.shutdown();
				assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
			}
			report();
			assertEveryAnswerIsClean();
			assertDownAnswersAre503();
			assertUpAnswersSucceed();
			assertAcknowledgedWritesAreKept();
		}
	}

	/** Stops PostgreSQL, keeps it down until every kind of request was answered at least twice, starts it again. */
	private void outage(PostgresCluster cluster) throws InterruptedException {
		phase = Phase.STOPPING;
		try {
			cluster.stop();
			phase = Phase.DOWN;
			long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
			while (!everyKindAnsweredTwiceWhileDown() && System.nanoTime() < deadline) Thread.sleep(500);
		} finally {
			phase = Phase.STARTING;
			cluster.start();
		}
		long started = System.nanoTime();
		awaitRecovery();
		System.out.printf("DatabaseOutageIT: every kind of request answered again %d ms after PostgreSQL was up%n",
				(System.nanoTime() - started) / 1_000_000);
	}

	private boolean everyKindAnsweredTwiceWhileDown() {
		Map<Kind, Long> down = answers.stream().filter(a -> a.within(Phase.DOWN)).collect(Collectors.groupingBy(Answer::kind, Collectors.counting()));
		return down.size() == Kind.values().length && down.values().stream().allMatch(n -> n >= 2);
	}

	/** Without restarting anything: the pool opens new connections as requests come. */
	private void awaitRecovery() throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline) {
			boolean all = true;
			for (Kind kind : Kind.values()) all &= call(kind, "ja").status() < 300;
			if (all) return;
			Thread.sleep(500);
		}
		throw new AssertionError("the application did not answer again within 60 s of PostgreSQL's start");
	}

	private void load(int first) {
		String language = first % 2 == 0 ? "ja" : "en";
		for (int i = first; phase != null; i++) {
			Answer answer = call(Kind.values()[i % Kind.values().length], language);
			if (answer.sent() != null && answer.received() != null) answers.add(answer);
		}
	}

	private Answer call(Kind kind, String language) {
		switch (kind) {
			case READ: return send(kind, language, get("/fhir/Patient/demo-ais-d"));
			case SEARCH: return send(kind, language, get("/fhir/Observation?subject=Patient/demo-ais-d&code=http://loinc.org%7C97843-7"));
			case WRITE: return send(kind, language, post("/fhir/Patient", newPatient(), "application/fhir+json"));
			// with a STEMIRAC order to sign, so that the service reads the patient's record from the database
			default: return send(kind, language, post("/cds-services/stemirac-order-sign",
					CdsClient.request("order-sign", "demo-ais-d", DemoOrders.stemirac("demo-ais-d")).toString(), "application/json"));
		}
	}

	/** The profiled example (sci-patient: validated on write) with an identifier of its own. */
	private String newPatient() {
		return Examples.read(Examples.ROOT.resolve("valid/sci-patient.json"))
				.replace("\"id\": \"example-patient\",", "")
				.replace("\"value\": \"example-patient\"", "\"value\": \"outage-" + writes.incrementAndGet() + "\"");
	}

	private HttpRequest.Builder get(String path) {
		return HttpRequest.newBuilder(URI.create(base + path)).GET();
	}

	private HttpRequest.Builder post(String path, String body, String contentType) {
		return HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
				.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
	}

	private Answer send(Kind kind, String language, HttpRequest.Builder request) {
		Phase sent = phase;
		long start = System.nanoTime();
		try {
			HttpResponse<String> response = HTTP.send(request.header("Accept-Language", language).timeout(Duration.ofSeconds(60)).build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new Answer(kind, language, sent, phase, response.statusCode(), response.body(),
					response.headers().firstValue("Content-Type").orElse(""), response.headers().firstValue("Retry-After").orElse(null),
					response.headers().firstValue("Location").orElse(null), (System.nanoTime() - start) / 1_000_000);
		} catch (IOException e) {
			throw new AssertionError(kind + " got no answer after " + (System.nanoTime() - start) / 1_000_000 + " ms", e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private void report() {
		Map<String, List<Integer>> byPhase = answers.stream().collect(Collectors.groupingBy(
				a -> a.sent() + "→" + a.received(), Collectors.mapping(Answer::status, Collectors.toList())));
		byPhase.forEach((phases, statuses) -> System.out.printf("DatabaseOutageIT: %s %d answers, statuses %s%n", phases,
				statuses.size(), statuses.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()))));
		answers.stream().filter(a -> a.within(Phase.DOWN)).mapToLong(Answer::millis).max().ifPresent(max ->
				System.out.printf("DatabaseOutageIT: slowest answer while down %d ms%n", max));
		answers.stream().filter(a -> a.within(Phase.DOWN) && a.status() != 503 || a.status() == 500)
				.forEach(a -> System.out.println("DatabaseOutageIT: unexpected " + a));
	}

	/** Whatever the phase: no 500, no Java, and an error is the body its API promises in the request's language. */
	private void assertEveryAnswerIsClean() {
		assertThat(answers).isNotEmpty();
		for (Answer answer : answers) {
			assertThat(answer.status()).as(answer.toString()).isNotEqualTo(500);
			assertThat(answer.body()).as(answer.toString()).doesNotContain("Exception", "java.", "org.postgresql", "Hikari", "\tat ");
			if (answer.status() == 503) assertUnavailableBody(answer);
		}
	}

	private void assertUnavailableBody(Answer answer) {
		String text = answer.language().equals("en") ? UNAVAILABLE_EN : UNAVAILABLE_JA;
		assertThat(answer.retryAfter()).as(answer.toString()).isEqualTo("5");
		JsonNode body = CdsClient.parse(answer.body());
		if (answer.kind() == Kind.CDS) {
			assertThat(answer.contentType()).as(answer.toString()).startsWith("application/json");
			assertThat(body.path("error").asText()).as(answer.toString()).isEqualTo("unavailable");
			assertThat(body.path("status").asInt()).isEqualTo(503);
			assertThat(body.path("message").asText()).as(answer.toString()).isEqualTo(text);
		} else {
			assertThat(answer.contentType()).as(answer.toString()).startsWith("application/fhir+json");
			assertThat(body.path("resourceType").asText()).as(answer.toString()).isEqualTo("OperationOutcome");
			JsonNode issue = body.path("issue").path(0);
			assertThat(issue.path("severity").asText()).as(answer.toString()).isEqualTo("fatal");
			assertThat(issue.path("code").asText()).as(answer.toString()).isEqualTo("no-store");
			assertThat(issue.path("details").path("text").asText()).as(answer.toString()).isEqualTo(text);
		}
	}

	private void assertDownAnswersAre503() {
		List<Answer> down = answers.stream().filter(a -> a.within(Phase.DOWN)).toList();
		assertThat(down).extracting(Answer::kind).contains(Kind.values());
		for (Answer answer : down) {
			assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
			assertThat(answer.millis()).as(answer.toString()).isLessThan(ANSWER_BOUND.toMillis());
		}
	}

	private void assertUpAnswersSucceed() {
		for (Phase phase : new Phase[] {Phase.UP, Phase.RECOVERED}) {
			List<Answer> within = answers.stream().filter(a -> a.within(phase)).toList();
			assertThat(within).as(phase.name()).extracting(Answer::kind).contains(Kind.values());
			for (Answer answer : within) assertThat(answer.status()).as(answer.toString()).isBetween(200, 201);
		}
	}

	/** Every write answered 201, whenever, is there after the outage. */
	private void assertAcknowledgedWritesAreKept() {
		List<Answer> created = answers.stream().filter(a -> a.kind() == Kind.WRITE && a.status() == 201).toList();
		assertThat(created).isNotEmpty();
		List<String> missing = new ArrayList<>();
		for (Answer write : created) {
			String id = write.location().replaceFirst(".*/Patient/([^/]+)/_history/.*", "$1");
			if (send(Kind.READ, "en", get("/fhir/Patient/" + id)).status() != 200) missing.add(id);
		}
		assertThat(missing).as("acknowledged writes lost").isEmpty();
	}

	private static ConfigurableApplicationContext start(PostgresCluster cluster) {
		return new SpringApplicationBuilder(Application.class).run(
				"--spring.profiles.active=postgres",
				"--spring.datasource.url=" + cluster.jdbcUrl("stemirac_outage"),
				"--spring.datasource.username=" + cluster.user(),
				"--spring.datasource.password=" + cluster.password(),
				"--stemirac.data-dir=" + dataDir,
				"--server.port=0");
	}
}
