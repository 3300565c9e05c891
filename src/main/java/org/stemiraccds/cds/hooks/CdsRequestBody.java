package org.stemiraccds.cds.hooks;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import org.stemiraccds.cds.CdsHooksError;

/**
 * A CDS Hooks request's body, read up to stemirac.cds.max-request-bytes and no further: a declared
 * Content-Length over the limit is refused before reading, a chunked body as soon as it passes it (413).
 * A Content-Encoding other than identity is refused (415): bodies are never inflated here, so a small
 * compressed body cannot become a huge one.
 */
final class CdsRequestBody {
	private CdsRequestBody() {}

	static byte[] read(HttpServletRequest request, long maxBytes) {
		String encoding = request.getHeader("Content-Encoding");
		if (encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity")) {
			throw CdsHooksError.contentEncoding(encoding.trim());
		}
		if (request.getContentLengthLong() > maxBytes) throw CdsHooksError.requestTooLarge(maxBytes);
		byte[] body;
		try (InputStream in = request.getInputStream()) {
			body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
		} catch (IOException broken) {
			throw CdsHooksError.malformedJson("the request body could not be read to its end");
		}
		if (body.length > maxBytes) throw CdsHooksError.requestTooLarge(maxBytes);
		return body;
	}
}
