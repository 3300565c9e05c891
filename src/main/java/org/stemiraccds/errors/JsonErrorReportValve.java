package org.stemiraccds.errors;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.apache.tomcat.util.ExceptionUtils;

/**
 * Tomcat's own error answer, for what fails before the application sees the request (a request line or
 * URI Tomcat cannot parse — bad percent-encoding, a bad method token —, headers over the limit, no
 * context for the path): the same JSON as the application's errors instead of Tomcat's HTML page, which
 * also names the server and its version. Installed as the host's error report valve (one instance per
 * host, made by Tomcat, hence no Spring beans here).
 */
public class JsonErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = HttpErrors.clientStatus(response.getStatus());
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported() || !ioAllowed(response)) return;
		ErrorBodies.Body body = ErrorBodies.forPath(path(request), status, ErrorTexts.locale(request),
				null, ErrorBodies.prefersXml(request.getHeader("Accept"), request.getQueryString()));
		try {
			response.setStatus(status);
			response.setContentType(body.contentType());
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(body.text());
				response.finishResponse();
			}
		} catch (IOException | IllegalStateException e) {
			// the client is gone or the response cannot take a body: nothing more to say
		} catch (Throwable t) {
			ExceptionUtils.handleThrowable(t);
		}
	}

	private static boolean ioAllowed(Response response) {
		AtomicBoolean allowed = new AtomicBoolean(false);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, allowed);
		return allowed.get();
	}

	/** The URI as received (the decoded one may not exist when decoding is what failed). */
	private static String path(Request request) {
		String uri = request.getCoyoteRequest().requestURI().toString();
		if (uri == null || uri.isEmpty()) uri = request.getDecodedRequestURI();
		return uri == null ? "" : uri;
	}
}
