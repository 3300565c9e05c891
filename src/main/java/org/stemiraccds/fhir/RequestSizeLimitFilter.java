package org.stemiraccds.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.util.OperationOutcomeUtil;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseOperationOutcome;
import org.springframework.web.filter.OncePerRequestFilter;
import org.stemiraccds.errors.ErrorTexts;

/**
 * Refuses request bodies over the configured size with 413 and an OperationOutcome, before HAPI parses
 * them. A declared Content-Length is checked at once; a chunked body is read up to the limit and no further.
 */
class RequestSizeLimitFilter extends OncePerRequestFilter {
	private final FhirContext fhirContext;
	private final long maxBytes;

	RequestSizeLimitFilter(FhirContext fhirContext, long maxBytes) {
		this.fhirContext = fhirContext;
		this.maxBytes = maxBytes;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long declared = request.getContentLengthLong();
		if (declared > maxBytes) {
			refuse(request, response);
			return;
		}
		if (declared < 0 && request.getHeader("Transfer-Encoding") != null) {
			byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
			if (body.length > maxBytes) {
				refuse(request, response);
				return;
			}
			chain.doFilter(new BufferedBodyRequest(request, body), response);
			return;
		}
		chain.doFilter(request, response);
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
		IBaseOperationOutcome outcome = OperationOutcomeUtil.newInstance(fhirContext);
		IBase issue = OperationOutcomeUtil.addIssue(fhirContext, outcome, "error",
				"リクエスト本文が上限（" + maxBytes + " バイト）を超えています / Request body exceeds the limit of " + maxBytes + " bytes",
				null, "too-long");
		// the issue's details.text in the request's language, as every error of this server has it
		OperationOutcomeUtil.addDetailsToIssue(fhirContext, issue, null, null,
				ErrorTexts.message("too-large", ErrorTexts.locale(request)));
		response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
		response.setContentType(Constants.CT_FHIR_JSON_NEW);
		response.setCharacterEncoding("UTF-8");
		response.getWriter().write(fhirContext.newJsonParser().encodeResourceToString(outcome));
	}

	/** The request with its (already read, bounded) body served from memory. */
	private static final class BufferedBodyRequest extends HttpServletRequestWrapper {
		private final byte[] body;

		BufferedBodyRequest(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
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
}
