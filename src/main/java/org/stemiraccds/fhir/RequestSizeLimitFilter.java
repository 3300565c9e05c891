package org.stemiraccds.fhir;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over the configured size with 413 and an OperationOutcome, before HAPI parses
 * them. A declared Content-Length is checked at once; a chunked body is read up to the limit and no further.
 * <p>
 * A gzip body (RFC 9110 § 8.4.1.3) is inflated here, the limit applying to the inflated bytes, and passed on
 * without its Content-Encoding: HAPI would otherwise inflate it without any bound (10 MiB of zeros on the
 * wire become 10 GiB). Other content codings (deflate, br, …) get 415.
 */
class RequestSizeLimitFilter extends OncePerRequestFilter {
	private static final int UNSUPPORTED_MEDIA_TYPE = 415;
	private final FhirContext fhirContext;
	private final long maxBytes;

	RequestSizeLimitFilter(FhirContext fhirContext, long maxBytes) {
		this.fhirContext = fhirContext;
		this.maxBytes = maxBytes;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > maxBytes) {
			refuseTooLarge(request, response);
			return;
		}
		List<String> codings = contentCodings(request);
		if (!codings.isEmpty()) {
			inflateGzip(request, response, chain, codings);
			return;
		}
		if (request.getContentLengthLong() < 0 && request.getHeader("Transfer-Encoding") != null) {
			byte[] body = readAtMostOverLimit(request.getInputStream());
			if (body.length > maxBytes) {
				refuseTooLarge(request, response);
				return;
			}
			chain.doFilter(new BufferedBodyRequest(request, body), response);
			return;
		}
		chain.doFilter(request, response);
	}

	private void inflateGzip(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
			List<String> codings) throws ServletException, IOException {
		if (codings.size() != 1 || !isGzip(codings.get(0))) {
			refuse(request, response, UNSUPPORTED_MEDIA_TYPE, "error.fhir.content-encoding",
					Map.of("encoding", String.join(", ", codings)), "not-supported");
			return;
		}
		byte[] body;
		try (InputStream inflated = new GZIPInputStream(request.getInputStream())) {
			body = readAtMostOverLimit(inflated);
		} catch (ZipException | EOFException notGzip) {
			refuse(request, response, HttpServletResponse.SC_BAD_REQUEST, "error.fhir.bad-gzip", Map.of(), "invalid");
			return;
		}
		if (body.length > maxBytes) {
			refuseTooLarge(request, response);
			return;
		}
		chain.doFilter(BufferedBodyRequest.decoded(request, body), response);
	}

	/** The request's content codings, in order, "identity" (no coding) left out. */
	private static List<String> contentCodings(HttpServletRequest request) {
		List<String> codings = new ArrayList<>();
		for (String header : Collections.list(request.getHeaders("Content-Encoding"))) {
			for (String coding : StringUtils.commaDelimitedListToStringArray(header)) {
				String trimmed = coding.trim();
				if (!trimmed.isEmpty() && !trimmed.equalsIgnoreCase("identity")) codings.add(trimmed);
			}
		}
		return codings;
	}

	/** "x-gzip" is gzip's old name, still to be accepted as such (RFC 9110 § 8.4.1.3). */
	private static boolean isGzip(String coding) {
		return coding.equalsIgnoreCase("gzip") || coding.equalsIgnoreCase("x-gzip");
	}

	/** Reads the body up to one byte past the limit, never more: a bigger body is refused without reading it all. */
	private byte[] readAtMostOverLimit(InputStream in) throws IOException {
		return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
	}

	private void refuseTooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
		refuse(request, response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "error.fhir.body-too-large",
				Map.of("limit", maxBytes), "too-long");
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, int status, String key,
			Map<String, ?> values, String issueType) throws IOException {
		String text = FhirRefusals.text(request.getHeader("Accept-Language"), key, values);
		FhirRefusals.write(response, fhirContext, status, text, issueType);
	}
}
