package org.stemiraccds.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.cors.DefaultCorsProcessor;

/**
 * CORS for /fhir with Spring's CORS processor, as HAPI's CorsInterceptor does, except that an origin not
 * allowed gets 403 with an OperationOutcome in the request's language (HAPI's answers with Spring's plain-text
 * "Invalid CORS request"). A preflight of an allowed origin is answered here; other requests go on to HAPI.
 */
class CrossOriginInterceptor {
	private final CorsConfiguration configuration;
	private final FhirContext fhirContext;
	private final DefaultCorsProcessor processor = new DefaultCorsProcessor() {
		@Override
		protected void rejectRequest(ServerHttpResponse response) {
			// the refusal is thrown as a HAPI exception below, so that HAPI writes it as an OperationOutcome
		}
	};

	CrossOriginInterceptor(CorsConfiguration configuration, FhirContext fhirContext) {
		this.configuration = configuration;
		this.fhirContext = fhirContext;
	}

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_PROCESSED)
	public boolean applyCors(HttpServletRequest request, HttpServletResponse response) throws IOException {
		if (!CorsUtils.isCorsRequest(request)) return true;
		if (!processor.processRequest(configuration, request, response)) {
			String text = FhirRefusals.text(request.getHeader("Accept-Language"), "error.fhir.cors-origin", Map.of());
			throw new ForbiddenOperationException(text, FhirRefusals.outcome(fhirContext, text, "forbidden"));
		}
		return !CorsUtils.isPreFlightRequest(request);
	}
}
