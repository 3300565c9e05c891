package org.stemiraccds.smartlaunch;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.stemiraccds.security.smart.SecurityOutcomes;

/**
 * At the authorization endpoint, the {@code launch} parameter (SMART App Launch 2.x § EHR launch) authenticates
 * the user: a registered, unexpired launch signs in its launching user for this request only (no session). No
 * or an unknown launch is refused with RFC 6749 § 5.2's error JSON (400 invalid_request), since without a
 * launch there is no patient to authorize for and no user to act as.
 */
class LaunchAuthenticationFilter extends OncePerRequestFilter {
	static final String LAUNCH = "launch";

	private final RequestMatcher authorizeEndpoint;
	private final LaunchRegistry launches;
	private final SecurityOutcomes texts;
	private final ObjectMapper json = new ObjectMapper();

	LaunchAuthenticationFilter(RequestMatcher authorizeEndpoint, LaunchRegistry launches, SecurityOutcomes texts) {
		this.authorizeEndpoint = authorizeEndpoint;
		this.launches = launches;
		this.texts = texts;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!authorizeEndpoint.matches(request)) {
			chain.doFilter(request, response);
			return;
		}
		String id = request.getParameter(LAUNCH);
		Optional<Launch> launch = launches.find(id);
		if (launch.isEmpty()) {
			refuse(request, response, id == null || id.isBlank() ? "error.smart-launch-missing" : "error.smart-launch-unknown");
			return;
		}
		SecurityContextHolder.getContext().setAuthentication(new LaunchAuthentication(launch.get()));
		chain.doFilter(request, response);
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, String key) throws IOException {
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		json.writeValue(response.getWriter(), Map.of("error", "invalid_request",
				"error_description", texts.message(key, request.getHeader("Accept-Language"), Map.of())));
	}
}
