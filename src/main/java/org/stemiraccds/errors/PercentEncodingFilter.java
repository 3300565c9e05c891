package org.stemiraccds.errors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refused with a 400 before anything decodes them: a query string with a '%' not followed by two hex digits
 * (RFC 3986 § 2.1; Tomcat checks the path but passes the query on, and HAPI's decoder then failed with a 500),
 * and a path with escaped white space or control characters (%00-%20, %7F). No segment of a FHIR path may hold
 * one (types and operation names are letters, ids [A-Za-z0-9-.]: FHIR R4 § 2.24.0.1 id); HAPI trimmed an id of
 * "%20" to nothing and then failed (a 500) on "/fhir/Patient/%20/_history/1".
 */
public class PercentEncodingFilter extends OncePerRequestFilter {
	private static final Pattern BAD_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");
	private static final Pattern ESCAPED_WHITE_SPACE_OR_CONTROL = Pattern.compile("%([01][0-9A-Fa-f]|20|7[Ff])");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String problem = problem(request.getRequestURI(), request.getQueryString());
		if (problem == null) {
			chain.doFilter(request, response);
			return;
		}
		ErrorBodies.Body body = ErrorBodies.forPath(request.getRequestURI(), HttpServletResponse.SC_BAD_REQUEST,
				ErrorTexts.locale(request), problem, false);
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		response.setContentType(body.contentType());
		response.getWriter().write(body.text());
	}

	/** What is wrong with the request's path or query, or null. */
	static String problem(String path, String query) {
		if (query != null && BAD_ESCAPE.matcher(query).find()) return "Malformed percent-encoding in the query string";
		if (path != null && ESCAPED_WHITE_SPACE_OR_CONTROL.matcher(path).find()) {
			return "The path holds an escaped space or control character, which no resource type, id or operation name has";
		}
		return null;
	}
}
