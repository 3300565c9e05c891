package org.stemiraccds.errors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;

/**
 * Spring MVC's CORS checks (Fetch Standard § CORS protocol) with the refusal as an error answer: 403 and the
 * CDS Hooks JSON error in the request's language, where Spring's DefaultCorsProcessor writes the plain text
 * "Invalid CORS request". The checks themselves are Spring's.
 */
public class JsonCorsProcessor extends DefaultCorsProcessor {
	static final String DETAIL = "The request's Origin is not allowed to call this server, or not with this method or these headers";

	@Override
	public boolean processRequest(CorsConfiguration config, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		if (super.processRequest(config, request, response)) return true;
		ErrorBodies.Body body = ErrorBodies.forPath(ErrorBodies.requestedPath(request), HttpServletResponse.SC_FORBIDDEN,
				ErrorTexts.locale(request), DETAIL, false);
		response.setContentType(body.contentType());
		response.getWriter().write(body.text());
		return false;
	}

	/** Only the status here: the body is written by {@link #processRequest}, which knows the request. */
	@Override
	protected void rejectRequest(ServerHttpResponse response) {
		response.setStatusCode(HttpStatus.FORBIDDEN);
	}
}
