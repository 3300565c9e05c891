package org.stemiraccds.reminders;

import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import org.apache.commons.text.StringSubstitutor;

/**
 * The words of reminder Tasks, from {@code messages/reminders_ja} (the default) and {@code reminders_en}: per
 * deadline {@code <DEADLINE>.description} with ${section}, ${due} put in, and the reasons a Task is closed.
 */
final class ReminderTexts {
	static final Locale JAPANESE = Locale.JAPANESE;
	static final Locale ENGLISH = Locale.ENGLISH;
	private static final String BUNDLE = "messages/reminders";

	private ReminderTexts() {}

	static String text(String key, Locale locale, Map<String, String> values) {
		ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, locale,
				ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
		return new StringSubstitutor(values).replace(bundle.getString(key));
	}
}
