package org.stemiraccds.errors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which library failures are the input's fault (400) rather than ours (500). */
class BadInputTest {
	@Test
	void aFailureInsideTheValidatorsJsonParserIsTheInputs() {
		NullPointerException failure = thrownAt("org.hl7.fhir.r5.elementmodel.JsonParser", "line");

		assertThat(BadInput.message(new RuntimeException(failure))).contains(BadInput.UNPARSEABLE);
	}

	@Test
	void aFailureElsewhereInTheValidatorIsNot() {
		assertThat(BadInput.message(thrownAt("org.hl7.fhir.r5.elementmodel.Element", "getChildren"))).isEmpty();
		assertThat(BadInput.message(thrownAt("org.stemiraccds.cds.cards.CardTexts", "plain"))).isEmpty();
	}

	private static NullPointerException thrownAt(String className, String method) {
		NullPointerException failure = new NullPointerException("e is null");
		failure.setStackTrace(new StackTraceElement[] {new StackTraceElement(className, method, "X.java", 1)});
		return failure;
	}
}
