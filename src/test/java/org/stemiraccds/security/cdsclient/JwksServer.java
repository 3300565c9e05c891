package org.stemiraccds.security.cdsclient;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A key server on localhost for tests: serves JWKS documents by path and counts who asked for which. */
public final class JwksServer {
	private final HttpServer server;
	private final Map<String, String> documents = new ConcurrentHashMap<>();
	private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

	private JwksServer(HttpServer server) {
		this.server = server;
	}

	public static JwksServer start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			JwksServer jwks = new JwksServer(server);
			server.createContext("/", exchange -> {
				String path = exchange.getRequestURI().getPath();
				jwks.hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
				String document = jwks.documents.get(path);
				byte[] body = (document == null ? "{}" : document).getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(document == null ? 404 : 200, body.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			});
			server.start();
			return jwks;
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Serves this document at the path; its URL. */
	public String publish(String path, String document) {
		documents.put(path, document);
		return url(path);
	}

	public String url(String path) {
		return "http://127.0.0.1:" + server.getAddress().getPort() + path;
	}

	public int hits(String path) {
		return hits.getOrDefault(path, new AtomicInteger()).get();
	}

	public void stop() {
		server.stop(0);
	}
}
