package org.stemiraccds.errors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Spring MVC's endpoints (/cds-services) with the database out of reach: 503 with Retry-After and the CDS Hooks JSON
 * error, ahead of the controllers' own advice, which would take the failure for a bug (500 with an incident id).
 * Anything else is left to that advice. (/fhir is HAPI's servlet: {@link FhirErrorAnswers}.)
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class DatabaseOutageResolver implements HandlerExceptionResolver {

	@Override
	public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler, Exception failure) {
		if (!DatabaseOutages.causedBy(failure) || response.isCommitted()) return null;
		try {
			DatabaseOutages.answer(request, response, failure);
		} catch (IOException e) {
			return null;
		}
		return new ModelAndView();
	}
}
