package org.stemiraccds.errors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A query string with a '%' not followed by two hex digits (RFC 3986 § 2.1) is refused with a 400 before
 * anything decodes it: Tomcat checks the path but passes the query on, and HAPI's decoder then fails with
 * a 500.
 */
public class PercentEncodingFilter extends OncePerRequestFilter {
	private static final Pattern BAD_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String query = request.getQueryString();
		if (query == null || !BAD_ESCAPE.matcher(query).find()) {
			chain.doFilter(request, response);
			return;
		}
		ErrorBodies.Body body = ErrorBodies.forPath(request.getRequestURI(), HttpServletResponse.SC_BAD_REQUEST,
				ErrorTexts.locale(request), "Malformed percent-encoding in the query string", false);
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		response.setContentType(body.contentType());
		response.getWriter().write(body.text());
	}
}
