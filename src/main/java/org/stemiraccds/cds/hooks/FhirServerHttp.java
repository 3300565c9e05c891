package org.stemiraccds.cds.hooks;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.http.HttpEntity;
import org.apache.http.HttpRequestInterceptor;
import org.apache.http.HttpResponseInterceptor;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.protocol.HttpClientContext;
import org.apache.http.entity.HttpEntityWrapper;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.stemiraccds.cds.hooks.CdsHooksLimits.FhirServerLimits;

/**
 * The Apache HttpClient of one hook call's reads of its fhirServer, built for that call and closed with it.
 * Redirects are not followed (a 3xx is a failed read, so the bearer token never reaches another host), nothing
 * is retried, each read's connect and socket timeouts are bounded by what is left of the call's deadline, the
 * client is shut down when the deadline passes (which ends a read in progress, however slowly it trickles),
 * and an answer is read up to a size, counted after any gzip decoding, and no further.
 */
final class FhirServerHttp implements Closeable {
	private final FhirServerLimits limits;
	private final long deadlineNanos;
	private final CloseableHttpClient client;
	private final ScheduledFuture<?> shutdownAtDeadline;
	private volatile boolean pastDeadline;
	private volatile boolean tooLarge;

	FhirServerHttp(FhirServerLimits limits, ScheduledExecutorService scheduler) {
		this.limits = limits;
		this.deadlineNanos = System.nanoTime() + limits.deadline().toNanos();
		this.client = HttpClients.custom()
				.disableRedirectHandling()
				.disableAutomaticRetries()
				.disableCookieManagement()
				.setMaxConnPerRoute(2)
				.setMaxConnTotal(2)
				.setDefaultRequestConfig(RequestConfig.custom().setRedirectsEnabled(false).build())
				.addInterceptorFirst(timeoutsWithinTheDeadline())
				.addInterceptorLast(sizeCap())
				.build();
		this.shutdownAtDeadline = scheduler.schedule(this::deadlinePassed, limits.deadline().toMillis(), TimeUnit.MILLISECONDS);
	}

	CloseableHttpClient client() {
		return client;
	}

	long remainingMillis() {
		return TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
	}

	boolean pastDeadline() {
		return pastDeadline || remainingMillis() <= 0;
	}

	/** Whether an answer was cut off at stemirac.cds.fhir-server-max-response-bytes. */
	boolean tooLarge() {
		return tooLarge;
	}

	@Override
	public void close() {
		shutdownAtDeadline.cancel(false);
		closeQuietly();
	}

	private void deadlinePassed() {
		pastDeadline = true;
		closeQuietly();
	}

	private void closeQuietly() {
		try {
			client.close();
		} catch (IOException ignored) {
			// closing sockets: nothing to do about a failure
		}
	}

	/** Applied to each request as it leaves: its timeouts, never longer than the call has left. */
	private HttpRequestInterceptor timeoutsWithinTheDeadline() {
		return (request, context) -> {
			int left = (int) Math.max(1, Math.min(Integer.MAX_VALUE, remainingMillis()));
			HttpClientContext.adapt(context).setRequestConfig(RequestConfig.custom()
					.setRedirectsEnabled(false)
					.setConnectionRequestTimeout(left)
					.setConnectTimeout((int) Math.min(limits.connectTimeout().toMillis(), left))
					.setSocketTimeout((int) Math.min(limits.socketTimeout().toMillis(), left))
					.build());
		};
	}

	/** Runs after the client's gzip decoding: the cap counts the bytes the parser would see. */
	private HttpResponseInterceptor sizeCap() {
		return (response, context) -> {
			HttpEntity entity = response.getEntity();
			if (entity == null) return;
			if (entity.getContentLength() > limits.maxResponseBytes()) throw overCap();
			response.setEntity(new BoundedEntity(entity));
		};
	}

	private IOException overCap() {
		tooLarge = true;
		return new IOException("fhirServer answer over " + limits.maxResponseBytes() + " bytes");
	}

	/** An answer's body that fails once more than the cap has been read from it. */
	private final class BoundedEntity extends HttpEntityWrapper {
		BoundedEntity(HttpEntity entity) {
			super(entity);
		}

		@Override
		public InputStream getContent() throws IOException {
			return new BoundedStream(super.getContent());
		}

		@Override
		public void writeTo(OutputStream out) throws IOException {
			try (InputStream in = getContent()) {
				in.transferTo(out);
			}
		}
	}

	private final class BoundedStream extends FilterInputStream {
		private long count;

		BoundedStream(InputStream in) {
			super(in);
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
			if (count > limits.maxResponseBytes()) throw overCap();
		}
	}
}
