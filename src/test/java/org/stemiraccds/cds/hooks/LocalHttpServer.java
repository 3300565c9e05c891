package org.stemiraccds.cds.hooks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** A local HTTP server on 127.0.0.1 standing for an EHR's fhirServer (or where it points), recording what it was asked. */
final class LocalHttpServer implements AutoCloseable {
	/** What one request carried. */
	record Seen(String method, String path, String authorization) {}

	interface Handler {
		void handle(HttpExchange exchange) throws Exception;
	}

	private final HttpServer server;
	final List<Seen> seen = new CopyOnWriteArrayList<>();

	private LocalHttpServer(Handler handler) throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.setExecutor(Executors.newCachedThreadPool());
		server.createContext("/", exchange -> {
			seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
					exchange.getRequestHeaders().getFirst("Authorization")));
			try {
				handler.handle(exchange);
			} catch (Exception e) {
				// the client went away (deadline, size cap): nothing to answer
			} finally {
				exchange.close();
			}
		});
		server.start();
	}

	static LocalHttpServer start(Handler handler) throws IOException {
		return new LocalHttpServer(handler);
	}

	/** The base URL of a FHIR server at /fhir on this server. */
	String fhirBase() {
		return "http://127.0.0.1:" + server.getAddress().getPort() + "/fhir";
	}

	static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	/** Answers every read with a Patient of the id asked for, and every search with an empty Bundle. */
	static void fhir(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		if (exchange.getRequestURI().getQuery() != null) {
			send(exchange, 200, "application/fhir+json", "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"total\":0}");
			return;
		}
		String id = path.substring(path.lastIndexOf('/') + 1);
		send(exchange, 200, "application/fhir+json", "{\"resourceType\":\"Patient\",\"id\":\"" + id + "\"}");
	}

	@Override
	public void close() {
		server.stop(0);
		((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
	}
}
