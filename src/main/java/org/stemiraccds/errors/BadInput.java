package org.stemiraccds.errors;

import ca.uhn.fhir.parser.DataFormatException;
import com.fasterxml.jackson.core.JacksonException;
import java.nio.charset.CharacterCodingException;
import java.util.Optional;

/**
 * Failures that can only come from what the client sent (a body the parser rejects, bytes that are not
 * the declared charset), wherever a library let them surface: such a failure is a 400, never a 500. Our
 * own code does not throw these for its own faults.
 */
public final class BadInput {
	static final String UNPARSEABLE = "The resource could not be parsed: an element has the wrong JSON or XML type";
	private static final String FHIR_PARSER = "ca.uhn.fhir.parser.";
	private static final String VALIDATOR_PARSERS = "org.hl7.fhir.r5.elementmodel.";

	private BadInput() {}

	/** The client-fit message of the first failure in the cause chain that is the input's fault. */
	public static Optional<String> message(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			if (cause instanceof DataFormatException || cause instanceof JacksonException
					|| cause instanceof CharacterCodingException) {
				return Optional.of(Optional.ofNullable(Diagnostics.clean(cause.getMessage())).orElse(UNPARSEABLE));
			}
			if (thrownByParser(cause)) return Optional.of(UNPARSEABLE);
		}
		return Optional.empty();
	}

	/**
	 * HAPI's FHIR parser (8.6.1) fails with NullPointerExceptions and the like on some wrongly typed elements
	 * (an extension that is an array, a primitive that is an object): thrown while it was parsing, such a
	 * failure is about the input. The parser runs on request bodies only, never on our own state.
	 */
	private static boolean thrownByParser(Throwable failure) {
		for (StackTraceElement frame : failure.getStackTrace()) {
			if (frame.getClassName().startsWith(FHIR_PARSER) || isValidatorParser(frame.getClassName())) return true;
		}
		return false;
	}

	/**
	 * The validator parses the request body again with its own element-model parsers (JsonParser, XmlParser), which
	 * fail likewise, e.g. a NullPointerException on a null in an array of primitives ({@code "given": [null]}).
	 */
	private static boolean isValidatorParser(String className) {
		return className.startsWith(VALIDATOR_PARSERS) && className.endsWith("Parser");
	}
}
