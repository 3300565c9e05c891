package org.stemiraccds.cds.hooks;

import ca.uhn.fhir.rest.client.apache.ApacheHttpRequest;
import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.http.HttpConnection;
import org.apache.http.HttpEntity;
import org.apache.http.HttpResponseInterceptor;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.HttpRequestBase;
import org.apache.http.entity.HttpEntityWrapper;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.protocol.HttpCoreContext;
import org.stemiraccds.cds.hooks.CdsHooksLimits.FhirServerLimits;

/**
 * The Apache HttpClient under the reads of the EHRs' fhirServers, and the bounds of one hook call's reads.
 * Redirects are not followed (a 3xx is a failed read, so the bearer token never reaches another host),
 * nothing is retried, and an answer is read up to a size, counted after any gzip decoding, and no further.
 * Per hook call ({@link CallBounds}): each read's connect and socket timeouts are what is left of the call's
 * deadline at most, and a read still running at the deadline is aborted, however slowly its answer trickles.
 */
final class FhirServerHttp {
	private FhirServerHttp() {}

	/** An answer over stemirac.cds.fhir-server-max-response-bytes, as the read's failure. */
	static final class ResponseTooLarge extends IOException {
		ResponseTooLarge(long maxBytes) {
			super("fhirServer answer over " + maxBytes + " bytes");
		}
	}

	static CloseableHttpClient client(FhirServerLimits limits) {
		return HttpClients.custom()
				.disableRedirectHandling()
				.disableAutomaticRetries()
				.disableCookieManagement()
				.disableAuthCaching()
				.setMaxConnPerRoute(10)
				.setMaxConnTotal(50)
				.setDefaultRequestConfig(RequestConfig.custom()
						.setRedirectsEnabled(false)
						.setConnectTimeout((int) limits.connectTimeout().toMillis())
						.setSocketTimeout((int) limits.socketTimeout().toMillis())
						.setConnectionRequestTimeout((int) limits.deadline().toMillis())
						.build())
				// added last, so it runs after the client's gzip decoding: the cap counts what the parser would see
				.addInterceptorLast(sizeCap(limits.maxResponseBytes()))
				.build();
	}

	private static HttpResponseInterceptor sizeCap(long maxBytes) {
		return (response, context) -> {
			HttpEntity entity = response.getEntity();
			if (entity == null) return;
			HttpConnection connection = HttpCoreContext.adapt(context).getConnection();
			if (entity.getContentLength() > maxBytes) throw tooLarge(connection, maxBytes);
			response.setEntity(new BoundedEntity(entity, maxBytes, connection));
		};
	}

	/** The connection is shut, not drained for reuse: the rest of the answer is never read. */
	private static ResponseTooLarge tooLarge(HttpConnection connection, long maxBytes) throws IOException {
		if (connection != null) connection.shutdown();
		return new ResponseTooLarge(maxBytes);
	}

	/** One hook call's deadline over all its reads, as a HAPI client interceptor of that call's client. */
	static final class CallBounds implements IClientInterceptor, AutoCloseable {
		private final FhirServerLimits limits;
		private final ScheduledExecutorService scheduler;
		private final long deadlineNanos;
		private final List<ScheduledFuture<?>> aborts = new CopyOnWriteArrayList<>();
		private volatile boolean aborted;

		CallBounds(FhirServerLimits limits, ScheduledExecutorService scheduler) {
			this.limits = limits;
			this.scheduler = scheduler;
			this.deadlineNanos = System.nanoTime() + limits.deadline().toNanos();
		}

		long remainingMillis() {
			return TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
		}

		boolean pastDeadline() {
			return aborted || remainingMillis() <= 0;
		}

		@Override
		public void interceptRequest(IHttpRequest request) {
			HttpRequestBase apacheRequest = ((ApacheHttpRequest) request).getApacheRequest();
			int left = (int) Math.max(1, Math.min(Integer.MAX_VALUE, remainingMillis()));
			apacheRequest.setConfig(RequestConfig.custom()
					.setRedirectsEnabled(false)
					.setConnectionRequestTimeout(left)
					.setConnectTimeout((int) Math.min(limits.connectTimeout().toMillis(), left))
					.setSocketTimeout((int) Math.min(limits.socketTimeout().toMillis(), left))
					.build());
			aborts.add(scheduler.schedule(() -> {
				aborted = true;
				apacheRequest.abort();
			}, left, TimeUnit.MILLISECONDS));
		}

		@Override
		public void interceptResponse(IHttpResponse response) {
			// the body is read after this: the abort stays scheduled until the call's reads are done
		}

		/** The call's reads are done: no abort is left pending. */
		@Override
		public void close() {
			aborts.forEach(abort -> abort.cancel(false));
		}
	}

	/** An answer's body that fails once more than the cap has been read from it. */
	private static final class BoundedEntity extends HttpEntityWrapper {
		private final long maxBytes;
		private final HttpConnection connection;

		BoundedEntity(HttpEntity entity, long maxBytes, HttpConnection connection) {
			super(entity);
			this.maxBytes = maxBytes;
			this.connection = connection;
		}

		@Override
		public InputStream getContent() throws IOException {
			return new BoundedStream(super.getContent(), maxBytes, connection);
		}

		@Override
		public void writeTo(OutputStream out) throws IOException {
			try (InputStream in = getContent()) {
				in.transferTo(out);
			}
		}
	}

	private static final class BoundedStream extends FilterInputStream {
		private final long maxBytes;
		private final HttpConnection connection;
		private long count;

		BoundedStream(InputStream in, long maxBytes, HttpConnection connection) {
			super(in);
			this.maxBytes = maxBytes;
			this.connection = connection;
		}

		@Override
		public int read() throws IOException {
			int b = super.read();
			if (b >= 0) counted(1);
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = super.read(buffer, offset, length);
			if (n > 0) counted(n);
			return n;
		}

		@Override
		public long skip(long n) throws IOException {
			long skipped = super.skip(n);
			counted(skipped);
			return skipped;
		}

		private void counted(long n) throws IOException {
			count += n;
			if (count > maxBytes) throw tooLarge(connection, maxBytes);
		}
	}
}
