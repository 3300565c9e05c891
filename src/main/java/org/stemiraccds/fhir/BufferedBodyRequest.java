package org.stemiraccds.fhir;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The request with its (already read, bounded) body served from memory. When the body was decoded from a
 * content coding, the request no longer says it is encoded, so nothing downstream decodes it again.
 */
final class BufferedBodyRequest extends HttpServletRequestWrapper {
	private static final String CONTENT_ENCODING = "Content-Encoding";
	private static final String CONTENT_LENGTH = "Content-Length";
	private final byte[] body;
	private final boolean decoded;

	BufferedBodyRequest(HttpServletRequest request, byte[] body) {
		this(request, body, false);
	}

	private BufferedBodyRequest(HttpServletRequest request, byte[] body, boolean decoded) {
		super(request);
		this.body = body;
		this.decoded = decoded;
	}

	/** The request with its decoded body and without Content-Encoding. */
	static BufferedBodyRequest decoded(HttpServletRequest request, byte[] body) {
		return new BufferedBodyRequest(request, body, true);
	}

	@Override
	public int getContentLength() {
		return body.length;
	}

	@Override
	public long getContentLengthLong() {
		return body.length;
	}

	@Override
	public String getHeader(String name) {
		if (CONTENT_LENGTH.equalsIgnoreCase(name)) return String.valueOf(body.length);
		if (decoded && CONTENT_ENCODING.equalsIgnoreCase(name)) return null;
		return super.getHeader(name);
	}

	@Override
	public Enumeration<String> getHeaders(String name) {
		if (CONTENT_LENGTH.equalsIgnoreCase(name)) return Collections.enumeration(List.of(String.valueOf(body.length)));
		if (decoded && CONTENT_ENCODING.equalsIgnoreCase(name)) return Collections.emptyEnumeration();
		return super.getHeaders(name);
	}

	@Override
	public Enumeration<String> getHeaderNames() {
		List<String> names = Collections.list(super.getHeaderNames());
		if (decoded) names.removeIf(CONTENT_ENCODING::equalsIgnoreCase);
		return Collections.enumeration(names);
	}

	@Override
	public BufferedReader getReader() {
		Charset charset = getCharacterEncoding() == null ? StandardCharsets.UTF_8 : Charset.forName(getCharacterEncoding());
		return new BufferedReader(new InputStreamReader(getInputStream(), charset));
	}

	@Override
	public ServletInputStream getInputStream() {
		ByteArrayInputStream in = new ByteArrayInputStream(body);
		return new ServletInputStream() {
			@Override
			public boolean isFinished() {
				return in.available() == 0;
			}

			@Override
			public boolean isReady() {
				return true;
			}

			@Override
			public void setReadListener(ReadListener listener) {
				throw new UnsupportedOperationException();
			}

			@Override
			public int read() {
				return in.read();
			}

			@Override
			public int read(byte[] b, int off, int len) {
				return in.read(b, off, len);
			}
		};
	}
}
