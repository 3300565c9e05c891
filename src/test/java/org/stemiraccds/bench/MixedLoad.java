package org.stemiraccds.bench;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory check's load: for a fixed time, {@code concurrency} closed-loop clients (java.net.http, as every
 * client sends a mix) cycling through reads, searches, validated creates and order-sign calls, each client
 * starting at another place in the cycle.
 */
final class MixedLoad {
	/** A request and the status it must get. */
	record Step(HttpRequest request, int expected) {}

	record Result(long requests, long unexpected, double seconds) {
		double throughput() {
			return requests / seconds;
		}
	}

	private MixedLoad() {}

	static Result run(List<Step> cycle, int seconds, int concurrency) throws Exception {
		AtomicLong requests = new AtomicLong();
		AtomicLong unexpected = new AtomicLong();
		long started = System.nanoTime();
		long deadline = started + seconds * 1_000_000_000L;
		ExecutorService clients = Executors.newFixedThreadPool(concurrency);
		try {
			List<Future<?>> running = new ArrayList<>();
			for (int c = 0; c < concurrency; c++) {
				int first = c;
				running.add(clients.submit(() -> {
					for (int i = first; System.nanoTime() < deadline; i++) {
						Step step = cycle.get(i % cycle.size());
						HttpResponse<Void> response = Load.CLIENT.send(step.request(), HttpResponse.BodyHandlers.discarding());
						requests.incrementAndGet();
						if (response.statusCode() != step.expected()) unexpected.incrementAndGet();
					}
					return null;
				}));
			}
			for (Future<?> f : running) f.get();
			return new Result(requests.get(), unexpected.get(), (System.nanoTime() - started) / 1e9);
		} finally {
			clients.shutdownNow();
		}
	}
}
