package org.stemiraccds.errors;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The servlet container's error page (/error, every method), in place of Spring Boot's
 * BasicErrorController and its HTML "Whitelabel" page: whatever failed before or outside a controller
 * (an unknown path, a method no handler takes, a filter's exception, a sendError) is answered as JSON —
 * an OperationOutcome when the failed request was under /fhir, the CDS Hooks JSON error otherwise.
 * A filter's failure for want of the database is a 503 ({@link DatabaseOutages}).
 * Called directly, /error is just a path that does not exist: 404.
 */
@Controller
public class JsonErrorController implements ErrorController {

	@RequestMapping("${server.error.path:/error}")
	public void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
		Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
		if (failure != null && DatabaseOutages.causedBy(failure)) {
			DatabaseOutages.answer(request, response, failure);
			return;
		}
		String path = ErrorBodies.requestedPath(request);
		int status = status(request, failure);
		String detail = detail(request, failure, status, path);
		if (failure != null && status == 400) detail = BadInput.message(failure).orElse(detail);
		write(request, response, path, status, detail);
	}

	private static int status(HttpServletRequest request, Throwable failure) {
		Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		if (!(status instanceof Integer code)) return HttpServletResponse.SC_NOT_FOUND;
		if (code >= 500 && failure != null && BadInput.message(failure).isPresent()) return HttpServletResponse.SC_BAD_REQUEST;
		return code < 400 ? HttpServletResponse.SC_INTERNAL_SERVER_ERROR : HttpErrors.clientStatus(code);
	}

	/** A 5xx tells only its incident id; a 4xx what the container or Spring said about the request, cleaned. */
	private static String detail(HttpServletRequest request, Throwable failure, int status, String path) {
		if (status >= 500 && status != 503) {
			String incident = Incidents.record(request.getMethod() + " " + path, failure);
			return ErrorTexts.message("incident", ErrorTexts.locale(request), Map.of("incident", incident));
		}
		return Diagnostics.clean((String) request.getAttribute(RequestDispatcher.ERROR_MESSAGE));
	}

	private static void write(HttpServletRequest request, HttpServletResponse response, String path, int status, String detail)
			throws IOException {
		Locale locale = ErrorTexts.locale(request);
		ErrorBodies.Body body = ErrorBodies.forPath(path, status, locale, detail,
				ErrorBodies.prefersXml(request.getHeader("Accept"), request.getQueryString()));
		response.setStatus(status);
		response.setContentType(body.contentType());
		response.getWriter().write(body.text());
	}
}
