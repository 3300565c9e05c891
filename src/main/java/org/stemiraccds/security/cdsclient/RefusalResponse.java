package org.stemiraccds.security.cdsclient;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.stemiraccds.cds.cards.CardTexts;
import org.stemiraccds.cds.cards.RuleTexts;
import org.stemiraccds.errors.ErrorBodies;

/**
 * The answer to a CDS client that was not let in: 401 with the CDS Hooks JSON error this server gives for every
 * refused call ({@code error, message, detail, status}) in the request's language, and the RFC 6750 § 3
 * challenge: {@code Bearer} alone when no token came, {@code error="invalid_token"} when one failed a check.
 */
final class RefusalResponse {
	private final CardTexts texts;

	RefusalResponse(CardTexts texts) {
		this.texts = texts;
	}

	void send(HttpServletRequest request, HttpServletResponse response, TokenRefused refused) throws IOException {
		Locale locale = RuleTexts.locale(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
		String body = ErrorBodies.cdsError(HttpStatus.UNAUTHORIZED.value(), "unauthorized",
				texts.message("error.unauthorized", locale),
				texts.message(refused.refusal().detailKey(), locale, refused.values()));
		response.setStatus(HttpStatus.UNAUTHORIZED.value());
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
				refused.refusal() == Refusal.MISSING ? "Bearer" : "Bearer error=\"invalid_token\"");
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.getWriter().write(body);
	}
}
