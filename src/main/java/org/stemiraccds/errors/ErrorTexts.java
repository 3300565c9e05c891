package org.stemiraccds.errors;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import org.apache.commons.text.StringSubstitutor;
import org.stemiraccds.cds.cards.RuleTexts;

/**
 * The words of an error answer, from the message bundles {@code messages/cards_{ja,en}} (keys
 * {@code error.*}): Japanese unless the request's Accept-Language prefers English. Static, because Tomcat's
 * error valve answers before (and without) the Spring context.
 */
public final class ErrorTexts {
	private static final String BUNDLE = "messages/cards";

	private ErrorTexts() {}

	public static Locale locale(HttpServletRequest request) {
		return RuleTexts.locale(request.getHeader("Accept-Language"));
	}

	/** The text of {@code error.<code>} (or the generic client error's, for a code without words) with ${name} placeholders filled. */
	public static String message(String code, Locale locale, Map<String, ?> values) {
		String key = "error." + code;
		return text(bundle(locale).containsKey(key) ? key : "error.client", locale, values);
	}

	/** The text of exactly this key with ${name} placeholders filled. */
	public static String text(String key, Locale locale, Map<String, ?> values) {
		return new StringSubstitutor(values).replace(bundle(locale).getString(key));
	}

	private static ResourceBundle bundle(Locale locale) {
		return ResourceBundle.getBundle(BUNDLE,
				Locale.ENGLISH.getLanguage().equals(locale.getLanguage()) ? Locale.ENGLISH : Locale.JAPANESE,
				ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
	}

	public static String message(String code, Locale locale) {
		return message(code, locale, Map.of());
	}
}
