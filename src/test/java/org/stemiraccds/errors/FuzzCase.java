package org.stemiraccds.errors;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One generated bad request. Either well-formed HTTP (method, target, headers, body; sent with
 * java.net.http) or raw bytes on a socket, for what no HTTP client will send (a broken request line,
 * bad percent-encoding, an over-long URL or header).
 */
record FuzzCase(String category, String method, String target, List<String[]> headers, byte[] body, byte[] raw) {

	static Builder of(String category, String method, String target) {
		return new Builder(category, method, target);
	}

	static FuzzCase raw(String category, String request) {
		return raw(category, request.getBytes(StandardCharsets.ISO_8859_1));
	}

	static FuzzCase raw(String category, byte[] request) {
		return new FuzzCase(category, null, null, List.of(), null, request);
	}

	boolean isRaw() {
		return raw != null;
	}

	/** The path the request addresses (for raw requests: what follows the method in the request line). */
	String path() {
		if (!isRaw()) return target;
		String line = new String(raw, 0, Math.min(raw.length, 300), StandardCharsets.ISO_8859_1);
		String[] parts = line.split(" ", 3);
		return parts.length > 1 ? parts[1] : "";
	}

	@Override
	public String toString() {
		String text = isRaw() ? new String(raw, StandardCharsets.ISO_8859_1)
				: method + " " + target + " " + headers.stream().map(h -> h[0] + ": " + h[1]).toList()
						+ (body == null ? "" : " " + new String(body, StandardCharsets.UTF_8));
		return "[" + category + "] " + (text.length() > 300 ? text.substring(0, 300) + "…" : text);
	}

	static final class Builder {
		private final String category;
		private final String method;
		private final String target;
		private final List<String[]> headers = new ArrayList<>();
		private byte[] body;

		private Builder(String category, String method, String target) {
			this.category = category;
			this.method = method;
			this.target = target;
		}

		Builder header(String name, String value) {
			if (value != null) headers.add(new String[] {name, value});
			return this;
		}

		Builder body(String text) {
			return body(text.getBytes(StandardCharsets.UTF_8));
		}

		Builder body(byte[] bytes) {
			this.body = bytes;
			return this;
		}

		FuzzCase build() {
			return new FuzzCase(category, method, target, List.copyOf(headers), body, null);
		}
	}
}
