package org.stemiraccds.errors;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An error message made fit for a client: what the parser or server said about the input (HAPI's
 * "HAPI-1861: Failed to parse JSON…", Jackson's position) without the Java behind it — no stack trace,
 * no exception class, no package-qualified name. A response that names the server's classes tells an
 * attacker which libraries to aim at and tells the EHR's user nothing.
 */
public final class Diagnostics {
	/** A stack trace from its first frame on. */
	private static final Pattern STACK_TRACE = Pattern.compile("\\R\\s*at [\\w$.]+\\(.*", Pattern.DOTALL);
	/** Jackson's location: keep the line and column, drop the source description (it names a Jackson feature). */
	private static final Pattern JACKSON_SOURCE = Pattern.compile("\\s*at \\[Source:.*?; line: (\\d+), column: (\\d+)\\]", Pattern.DOTALL);
	private static final Pattern JACKSON_CHAIN = Pattern.compile("\\s*\\(through reference chain: [^)]*\\)");
	/** A package-qualified Java name (not part of a URL: no '/' or '.' or letter just before it). */
	private static final Pattern QUALIFIED_NAME = Pattern.compile(
			"(?<![\\w/.])(?:java|javax|jakarta|sun|jdk|com|org|ca|net|io)\\.[a-z0-9_]+(?:\\.[A-Za-z0-9_$]+)+");
	/** An exception or error class by its simple name, with the ": " that introduced its message. */
	private static final Pattern THROWABLE_NAME = Pattern.compile("\\b[A-Z][A-Za-z0-9_$]*(?:Exception|Error)\\b:?\\s*");
	private static final Pattern EMPTY_COLONS = Pattern.compile(":\\s*(?=:)|\\s{2,}");

	private Diagnostics() {}

	/** The message without Java names; null when nothing is left. */
	public static String clean(String message) {
		if (message == null) return null;
		String text = STACK_TRACE.matcher(message).replaceFirst("");
		text = JACKSON_SOURCE.matcher(text).replaceAll(" (line $1, column $2)");
		text = JACKSON_CHAIN.matcher(text).replaceAll("");
		text = simpleNames(text);
		text = THROWABLE_NAME.matcher(text).replaceAll("");
		text = EMPTY_COLONS.matcher(text).replaceAll(" ").trim();
		while (text.endsWith(":")) text = text.substring(0, text.length() - 1).trim();
		return text.isEmpty() ? null : text;
	}

	/** java.lang.String → String; a qualified exception name goes entirely (the next pattern takes its simple name). */
	private static String simpleNames(String text) {
		Matcher names = QUALIFIED_NAME.matcher(text);
		StringBuilder out = new StringBuilder();
		while (names.find()) {
			String name = names.group();
			names.appendReplacement(out, Matcher.quoteReplacement(name.substring(name.lastIndexOf('.') + 1)));
		}
		names.appendTail(out);
		return out.toString();
	}
}
