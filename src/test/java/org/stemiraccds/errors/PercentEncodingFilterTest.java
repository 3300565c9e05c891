package org.stemiraccds.errors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PercentEncodingFilterTest {
	@Test
	void aMalformedEscapeInTheQueryIsAProblem() {
		assertThat(PercentEncodingFilter.problem("/fhir/Patient", "name=%zz")).contains("query string");
		assertThat(PercentEncodingFilter.problem("/fhir/Patient", "name=%41b")).isNull();
	}

	@Test
	void anEscapedSpaceOrControlCharacterInThePathIsAProblem() {
		for (String path : new String[] {"/fhir/Patient/%20", "/fhir/Patient/a%0Ab", "/fhir/%7f", "/fhir/Patient/%00"}) {
			assertThat(PercentEncodingFilter.problem(path, null)).as(path).contains("escaped space");
		}
	}

	@Test
	void otherEscapesInThePathAreNot() {
		for (String path : new String[] {"/fhir/Patient/abc", "/fhir/Patient/%2520", "/fhir/Patient/%41", "/cds-services/x%2Dy"}) {
			assertThat(PercentEncodingFilter.problem(path, null)).as(path).isNull();
		}
	}
}
