package org.stemiraccds.demo;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The EHR demo page (issue 11): static files under classpath:/static/demo/, its scripts from webjars in the jar.
 * The page calls /fhir and /cds-services on this same origin, so it needs no CORS; its Content-Security-Policy
 * lets it load and call nothing but this origin (docs/decisions.md, "Issue 11: the EHR demo page").
 */
@Configuration
public class DemoPage {
	public static final String PATH = "/demo";
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; connect-src 'self'; "
			+ "img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; "
			+ "frame-ancestors 'none'; form-action 'self'";

	/** /demo and /demo/ show the page (a directory URL has no static resource of its own). */
	@Controller
	static class Entry {
		@GetMapping({PATH, PATH + "/"})
		String page() {
			return "forward:" + PATH + "/index.html";
		}
	}

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> demoContentSecurityPolicy() {
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
				response.setHeader("X-Content-Type-Options", "nosniff");
				chain.doFilter(request, response);
			}
		});
		registration.addUrlPatterns(PATH, PATH + "/*");
		return registration;
	}
}
