package org.stemiraccds.smartlaunch;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * GET [fhir base]/.well-known/smart-configuration. The FHIR base is HAPI's servlet, which has no place for a
 * JSON document outside FHIR's resources, so this filter, registered for that one path, answers before it.
 */
class SmartDiscoveryFilter extends OncePerRequestFilter {
	static final String PATH = "/.well-known/smart-configuration";

	private final SmartConfiguration configuration;
	private final ObjectMapper json = new ObjectMapper();

	SmartDiscoveryFilter(SmartConfiguration configuration) {
		this.configuration = configuration;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
			chain.doFilter(request, response);
			return;
		}
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		json.writeValue(response.getWriter(), configuration.document(request));
	}
}
