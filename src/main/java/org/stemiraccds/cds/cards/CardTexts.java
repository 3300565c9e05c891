package org.stemiraccds.cds.cards;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.stream.Collectors;
import org.apache.commons.text.StringSubstitutor;
import org.springframework.stereotype.Component;
import org.stemiraccds.guideline.Finding;
import org.stemiraccds.guideline.GuidelineSettings;
import org.stemiraccds.cds.facts.FhirCodes;

/**
 * Card and error words from the message bundles {@code messages/cards_ja} (default) and {@code cards_en}:
 * {@code <rule>.summary} and {@code <rule>.detail} with the finding's values put in by name. Numbers read
 * as a clinician writes them (2.5×10⁸, 60, 0.8), instants as dates in the configured zone, codes by their
 * display from terminology/.
 */
@Component
public class CardTexts {
	private static final String BUNDLE = "messages/cards";
	private static final String[] SUPERSCRIPT = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
	/** Value names whose codes come from a CodeSystem (the claim states the physician requirement in Japanese). */
	private static final Map<String, String> CODED_VALUES = Map.of(
			"physicianRequirement", FhirCodes.PHYSICIAN_REQUIREMENT_SYSTEM,
			"missing", FhirCodes.FACILITY_REQUIREMENT_SYSTEM);

	private final RuleTexts ruleTexts;
	private final ZoneId zone;

	public CardTexts(RuleTexts ruleTexts, GuidelineSettings settings) {
		this.ruleTexts = ruleTexts;
		this.zone = settings.zone();
	}

	public String summary(Finding finding, Locale locale) {
		return fill(message(finding.ruleId() + ".summary", locale), finding.values(), locale);
	}

	public String detail(Finding finding, Locale locale) {
		return fill(message(finding.ruleId() + ".detail", locale), finding.values(), locale);
	}

	/** A bundle message with ${name} placeholders filled from {@code values}. */
	public String message(String key, Locale locale, Map<String, ?> values) {
		return fill(message(key, locale), values, locale);
	}

	public String message(String key, Locale locale) {
		return bundle(locale).getString(key).replace("\\n", "\n");
	}

	private String fill(String template, Map<String, ?> values, Locale locale) {
		Map<String, String> words = new HashMap<>();
		values.forEach((name, value) -> words.put(name, format(name, value, locale)));
		return new StringSubstitutor(words).replace(template);
	}

	private String format(String name, Object value, Locale locale) {
		if (value instanceof List<?> list) {
			if (list.isEmpty()) return message("value.none", locale);
			return list.stream().map(item -> format(name, item, locale))
					.collect(Collectors.joining(message("list.separator", locale)));
		}
		if (value instanceof Boolean b) return message("value." + b, locale);
		if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
			return number(((Number) value).doubleValue());
		}
		if (value instanceof Instant instant) return instant.atZone(zone).toLocalDate().toString();
		String text = String.valueOf(value);
		return instant(text).orElseGet(() -> word(name, text, locale));
	}

	private String word(String name, String text, Locale locale) {
		ResourceBundle bundle = bundle(locale);
		if (bundle.containsKey("value." + text)) return bundle.getString("value." + text);
		String system = CODED_VALUES.get(name);
		if (system == null) return text;
		return ruleTexts.display(system, text, name.equals("physicianRequirement") ? Locale.JAPANESE : locale);
	}

	private java.util.Optional<String> instant(String text) {
		if (text.length() < 20 || !Character.isDigit(text.charAt(0))) return java.util.Optional.empty();
		try {
			return java.util.Optional.of(Instant.parse(text).atZone(zone).toLocalDate().toString());
		} catch (DateTimeParseException notAnInstant) {
			return java.util.Optional.empty();
		}
	}

	/** 250000000 → 2.5×10⁸; 60.0 → 60; 0.75 → 0.75. */
	static String number(double value) {
		if (Math.abs(value) >= 1e6) {
			int exponent = (int) Math.floor(Math.log10(Math.abs(value)));
			String mantissa = plain(value / Math.pow(10, exponent));
			String power = String.valueOf(exponent).chars().mapToObj(c -> SUPERSCRIPT[c - '0']).collect(Collectors.joining());
			return mantissa + "×10" + power;
		}
		return plain(value);
	}

	private static String plain(double value) {
		return new BigDecimal(value).setScale(2, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
	}

	private static ResourceBundle bundle(Locale locale) {
		return ResourceBundle.getBundle(BUNDLE, RuleTexts.isEnglish(locale) ? Locale.ENGLISH : Locale.JAPANESE,
				ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
	}
}
