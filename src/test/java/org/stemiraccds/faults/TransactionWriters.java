package org.stemiraccds.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writers posting tagged transaction Bundles to one server in closed loop (each posts its next bundle when the last
 * one was answered) until stopped or the server is gone. A bundle is acknowledged when its answer is a 2xx; one whose
 * request failed (the server died under it) has an unknown fate. Any other status is counted as refused.
 */
final class TransactionWriters {
	private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5)).build();

	private final String fhirBase;
	private final String runId;
	private final String round;
	private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
	private final Set<String> unanswered = ConcurrentHashMap.newKeySet();
	private final Map<Integer, AtomicInteger> refused = new ConcurrentHashMap<>();
	private final List<Thread> threads = new ArrayList<>();
	private volatile boolean stopped;

	private TransactionWriters(String fhirBase, String runId, String round) {
		this.fhirBase = fhirBase;
		this.runId = runId;
		this.round = round;
	}

	/** Starts this many writers; bundle ids are runId-round-writer-sequence. */
	static TransactionWriters start(String fhirBase, String runId, String round, int writers) {
		TransactionWriters started = new TransactionWriters(fhirBase, runId, round);
		for (int w = 0; w < writers; w++) {
			int writer = w;
			Thread thread = new Thread(() -> started.write(writer), "crash-writer-" + w);
			started.threads.add(thread);
			thread.start();
		}
		return started;
	}

	private void write(int writer) {
		for (int sequence = 0; !stopped; sequence++) {
			String bundleId = runId + "-" + round + "-" + writer + "-" + sequence;
			HttpRequest post = HttpRequest.newBuilder(URI.create(fhirBase)).timeout(Duration.ofMinutes(2))
					.header("Content-Type", "application/fhir+json")
					.POST(HttpRequest.BodyPublishers.ofString(TaggedTransactions.bundle(runId, bundleId))).build();
			try {
				int status = CLIENT.send(post, HttpResponse.BodyHandlers.discarding()).statusCode();
				if (status / 100 == 2) acknowledged.add(bundleId);
				else refused.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
			} catch (IOException serverGone) {
				// no answer: the server died while (or before) it took this bundle; this writer's work is over
				unanswered.add(bundleId);
				return;
			} catch (InterruptedException interrupted) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/** Stops the writers (each ends after the request it is sending) and waits for them. */
	void stop() throws InterruptedException {
		stopped = true;
		for (Thread thread : threads) thread.join();
	}

	Set<String> acknowledged() {
		return Set.copyOf(acknowledged);
	}

	/** Bundles sent whose answer never came (in flight when the server died, or sent after): stored whole or not at all. */
	Set<String> unanswered() {
		return Set.copyOf(unanswered);
	}

	/** Answers other than 2xx, by status. */
	Map<Integer, Integer> refused() {
		Map<Integer, Integer> counts = new TreeMap<>();
		refused.forEach((status, count) -> counts.put(status, count.get()));
		return counts;
	}
}
