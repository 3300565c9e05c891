package org.stemiraccds.subscriptions;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * A rest-hook endpoint on 127.0.0.1 recording every notification: /hook answers 200, /redirect answers 303 to
 * /stolen (which a delivery must never reach).
 */
final class HookReceiver implements AutoCloseable {
	record Received(String method, String path, String authorization, String body) {}

	private final HttpServer server;
	final List<Received> received = new CopyOnWriteArrayList<>();

	HookReceiver() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.setExecutor(Executors.newCachedThreadPool());
		server.createContext("/", exchange -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			String path = exchange.getRequestURI().getPath();
			received.add(new Received(exchange.getRequestMethod(), path, exchange.getRequestHeaders().getFirst("Authorization"), body));
			if (path.startsWith("/redirect")) exchange.getResponseHeaders().set("Location", url("/stolen"));
			exchange.sendResponseHeaders(path.startsWith("/redirect") ? 303 : 200, -1);
			exchange.close();
		});
		server.start();
	}

	String url(String path) {
		return "http://127.0.0.1:" + server.getAddress().getPort() + path;
	}

	/** The first notification that matches, waiting up to the timeout. */
	Received await(Predicate<Received> match, Duration timeout) throws InterruptedException {
		Instant end = Instant.now().plus(timeout);
		while (Instant.now().isBefore(end)) {
			for (Received r : received) if (match.test(r)) return r;
			Thread.sleep(200);
		}
		throw new AssertionError("no matching notification within " + timeout + "; received " + received);
	}

	@Override
	public void close() {
		server.stop(0);
		((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
	}
}
