package org.stemiraccds.cds.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;
import org.hl7.fhir.r4.model.IdType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.stemiraccds.cds.CdsHooksError;
import org.stemiraccds.cds.hooks.CdsHooksLimits.FhirServerLimits;

/** The outbound client of a hook call against local fhirServers that misbehave: every failure is a 412 in our words. */
class FhirServerClientTest {
	/** One per set of limits (each has its own FhirContext and HTTP client), as the server has one. */
	private static final Map<FhirServerLimits, FhirServerClients> CLIENTS = new ConcurrentHashMap<>();
	private static final String TOKEN = "secret-bearer-token";
	private static final FhirServerLimits DEFAULTS = new FhirServerLimits(Duration.ofSeconds(10), Duration.ofSeconds(3),
			Duration.ofSeconds(10), 16 * 1024 * 1024, 200, 20);

	@AfterAll
	static void stop() throws Exception {
		for (FhirServerClients clients : CLIENTS.values()) clients.stop();
	}

	@Test
	void aRedirectIsAFailedReadAndTheTokenNeverReachesTheOtherHost() throws Exception {
		try (LocalHttpServer elsewhere = LocalHttpServer.start(LocalHttpServer::fhir);
				LocalHttpServer redirecting = LocalHttpServer.start(exchange -> {
					exchange.getResponseHeaders().set("Location", elsewhere.fhirBase() + "/Patient/p1");
					exchange.sendResponseHeaders(302, -1);
				})) {
			CdsHooksError error = refusedReading(redirecting, DEFAULTS, "Patient/p1");
			assertThat(error.getMessage()).isEqualTo("fhirServer GET /fhir/Patient/p1: HTTP 302");
			assertThat(redirecting.seen).singleElement().satisfies(seen -> {
				assertThat(seen.path()).isEqualTo("/fhir/Patient/p1");
				assertThat(seen.authorization()).isEqualTo("Bearer " + TOKEN);
			});
			assertThat(elsewhere.seen).as("the redirect target is never asked, with or without the token").isEmpty();
		}
	}

	@Test
	void aSlowServerIsCutOffAtTheDeadline() throws Exception {
		try (LocalHttpServer slow = LocalHttpServer.start(exchange -> {
			Thread.sleep(8_000);
			LocalHttpServer.fhir(exchange);
		})) {
			long start = System.nanoTime();
			CdsHooksError error = refusedReading(slow, withDeadline(Duration.ofSeconds(1)), "Patient/p1");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(3_000));
			assertThat(error.getMessage()).contains("/fhir/Patient/p1", "no answer within 1000 ms");
		}
	}

	/** Each byte within the socket timeout, the whole past the deadline: the deadline ends the read in progress. */
	@Test
	void aTricklingAnswerIsCutOffAtTheDeadlineToo() throws Exception {
		try (LocalHttpServer trickling = LocalHttpServer.start(exchange -> {
			exchange.getResponseHeaders().set("Content-Type", "application/fhir+json");
			exchange.sendResponseHeaders(200, 0);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write("{\"resourceType\":\"Patient\",\"id\":\"p1\",\"gender\":\"".getBytes(StandardCharsets.UTF_8));
				for (int i = 0; i < 80; i++) {
					out.write('m');
					out.flush();
					Thread.sleep(100);
				}
				out.write("\"}".getBytes(StandardCharsets.UTF_8));
			}
		})) {
			long start = System.nanoTime();
			CdsHooksError error = refusedReading(trickling, withDeadline(Duration.ofSeconds(1)), "Patient/p1");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(3_000));
			assertThat(error.getMessage()).contains("no answer within 1000 ms");
		}
	}

	@Test
	void anAnswerOverTheSizeCapIsRefusedWithoutReadingItWhole() throws Exception {
		FhirServerLimits oneMiB = new FhirServerLimits(Duration.ofSeconds(10), Duration.ofSeconds(3), Duration.ofSeconds(10),
				1024 * 1024, 200, 20);
		byte[] chunk = new byte[64 * 1024];
		Arrays.fill(chunk, (byte) ' ');
		long[] sent = new long[1];
		try (LocalHttpServer chunked = LocalHttpServer.start(exchange -> {
			exchange.getResponseHeaders().set("Content-Type", "application/fhir+json");
			exchange.sendResponseHeaders(200, 0);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write("{\"resourceType\":\"Patient\",\"id\":\"p1\"".getBytes(StandardCharsets.UTF_8));
				for (int i = 0; i < 1024; i++) { // 64 MiB of blanks
					out.write(chunk);
					sent[0] += chunk.length;
				}
			}
		})) {
			CdsHooksError error = refusedReading(chunked, oneMiB, "Patient/p1");
			assertThat(error.getMessage()).isEqualTo(
					"fhirServer GET /fhir/Patient/p1: answer over 1048576 bytes (stemirac.cds.fhir-server-max-response-bytes)");
			assertThat(sent[0]).as("the connection was dropped long before the end").isLessThan(32L * 1024 * 1024);
		}
		try (LocalHttpServer declared = LocalHttpServer.start(exchange -> {
			exchange.getResponseHeaders().set("Content-Type", "application/fhir+json");
			exchange.sendResponseHeaders(200, 8L * 1024 * 1024);
			exchange.getResponseBody().write(chunk);
		})) {
			assertThat(refusedReading(declared, oneMiB, "Patient/p1").getMessage()).contains("answer over 1048576 bytes");
		}
	}

	/** The cap counts the bytes after gzip decoding: a small compressed answer cannot become a huge one here. */
	@Test
	void aGzipBombAnswerIsCountedInflated() throws Exception {
		FhirServerLimits oneMiB = new FhirServerLimits(Duration.ofSeconds(10), Duration.ofSeconds(3), Duration.ofSeconds(10),
				1024 * 1024, 200, 20);
		java.io.ByteArrayOutputStream compressed = new java.io.ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
			gzip.write("{\"resourceType\":\"Patient\",\"id\":\"p1\"".getBytes(StandardCharsets.UTF_8));
			byte[] blanks = new byte[1024 * 1024];
			Arrays.fill(blanks, (byte) ' ');
			for (int i = 0; i < 64; i++) gzip.write(blanks);
			gzip.write('}');
		}
		byte[] bomb = compressed.toByteArray();
		assertThat(bomb.length).isLessThan(1024 * 1024);
		try (LocalHttpServer server = LocalHttpServer.start(exchange -> {
			exchange.getResponseHeaders().set("Content-Type", "application/fhir+json");
			exchange.getResponseHeaders().set("Content-Encoding", "gzip");
			exchange.sendResponseHeaders(200, bomb.length);
			exchange.getResponseBody().write(bomb);
		})) {
			assertThat(refusedReading(server, oneMiB, "Patient/p1").getMessage()).contains("answer over 1048576 bytes");
		}
	}

	@Test
	void theRemoteTextNeverAppearsInTheError() throws Exception {
		String marker = "SECRET-MARKER-7d1f";
		String outcome = "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"processing\","
				+ "\"diagnostics\":\"" + marker + "\"}]}";
		try (LocalHttpServer failing = LocalHttpServer.start(exchange -> {
			if (exchange.getRequestURI().getPath().endsWith("/text")) {
				LocalHttpServer.send(exchange, 200, "text/plain", "AccessKeyId=" + marker);
			} else if (exchange.getRequestURI().getPath().endsWith("/broken")) {
				LocalHttpServer.send(exchange, 200, "application/fhir+json", "{\"resourceType\":\"Patient\",\"" + marker);
			} else {
				LocalHttpServer.send(exchange, 500, "application/fhir+json", outcome);
			}
		})) {
			CdsHooksError serverError = refusedReading(failing, DEFAULTS, "Patient/p1");
			assertThat(serverError.getMessage()).isEqualTo("fhirServer GET /fhir/Patient/p1: HTTP 500");
			for (String path : new String[] {"Patient/text", "Patient/broken"}) {
				CdsHooksError notFhir = refusedReading(failing, DEFAULTS, path);
				assertThat(notFhir.getMessage()).doesNotContain(marker).contains("/fhir/" + path, "no usable answer");
			}
			CdsHooksError search;
			try (FhirServerClient client = open(failing, DEFAULTS)) {
				search = catchThrowableOfType(() -> client.get("Condition?patient=p1"), CdsHooksError.class);
			}
			assertThat(search.getMessage()).isEqualTo("fhirServer GET /fhir/Condition: HTTP 500");
		}
	}

	@Test
	void theReadsOfOneHookCallAreCapped() throws Exception {
		FhirServerLimits threeReads = new FhirServerLimits(Duration.ofSeconds(10), Duration.ofSeconds(3), Duration.ofSeconds(10),
				1024 * 1024, 3, 20);
		try (LocalHttpServer server = LocalHttpServer.start(LocalHttpServer::fhir);
				FhirServerClient client = open(server, threeReads)) {
			for (int i = 1; i <= 3; i++) assertThat(client.read(new IdType("Patient", "p" + i))).isPresent();
			CdsHooksError error = catchThrowableOfType(() -> client.read(new IdType("Patient", "p4")), CdsHooksError.class);
			assertThat(error.status()).isEqualTo(HttpStatus.PRECONDITION_FAILED);
			assertThat(error.getMessage()).contains("more than 3 reads", "stemirac.cds.max-fhir-server-reads");
			assertThat(server.seen).as("the fourth read never left").hasSize(3);
		}
	}

	private static CdsHooksError refusedReading(LocalHttpServer server, FhirServerLimits limits, String id) {
		try (FhirServerClient client = open(server, limits)) {
			CdsHooksError error = catchThrowableOfType(() -> client.read(new IdType(id)), CdsHooksError.class);
			assertThat(error).as("refused").isNotNull();
			assertThat(error.status()).isEqualTo(HttpStatus.PRECONDITION_FAILED);
			assertThat(error.code()).isEqualTo("prefetch");
			return error;
		}
	}

	private static FhirServerClient open(LocalHttpServer server, FhirServerLimits limits) {
		return CLIENTS.computeIfAbsent(limits, FhirServerClients::new).open(server.fhirBase(), TOKEN);
	}

	private static FhirServerLimits withDeadline(Duration deadline) {
		return new FhirServerLimits(deadline, Duration.ofSeconds(3), Duration.ofSeconds(10), 16 * 1024 * 1024, 200, 20);
	}
}
