package org.stemiraccds.errors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * What Spring Security's firewall (StrictHttpFirewall) refuses — an unknown HTTP method, an encoded slash
 * or "..", a control character in the URL — answered as JSON here: its default handler sends a bare 400
 * whose error dispatch the firewall refuses again, leaving an empty body. The firewall stays as strict
 * as it is; only the answer changes. It also refuses the error dispatch of what Tomcat refused itself (TRACE,
 * 405): the shape then follows the path first requested, not /error.
 */
@Component
public class RejectedRequests implements RequestRejectedHandler {

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
			throws IOException {
		int status = String.valueOf(rejected.getMessage()).contains("HTTP method")
				? HttpServletResponse.SC_METHOD_NOT_ALLOWED : HttpServletResponse.SC_BAD_REQUEST;
		ErrorBodies.Body body = ErrorBodies.forPath(ErrorBodies.requestedPath(request), status, ErrorTexts.locale(request), null,
				ErrorBodies.prefersXml(request.getHeader("Accept"), request.getQueryString()));
		response.setStatus(status);
		response.setContentType(body.contentType());
		response.getWriter().write(body.text());
	}
}
