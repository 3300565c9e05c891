package org.stemiraccds.errors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which literal references name no resource type (the validator fails on them). */
class FhirInputChecksTest {

	@Test
	void aReferenceWithAnEmptyPathSegmentIsRefused() {
		for (String reference : new String[] {"Patient//x", "/x", "//", "x//_history/1", "http://example.org//Patient/1",
				"http://example.org/fhir/Patient//1", "Patient//x?y=1"}) {
			assertThat(FhirInputChecks.hasEmptyPathSegment(reference)).as(reference).isTrue();
		}
	}

	@Test
	void wellFormedAndNonPathReferencesPass() {
		for (String reference : new String[] {"Patient/x", "Patient/x/_history/2", "http://example.org/fhir/Patient/1",
				"https://example.org", "#contained", "urn:uuid:0d4f0e12-5a6b-4c1d-9e2f-3a4b5c6d7e8f", "urn:oid:1.2.3", "Patient/",
				"Patient/x?y=a//b", "../.."}) {
			assertThat(FhirInputChecks.hasEmptyPathSegment(reference)).as(reference).isFalse();
		}
	}

	@Test
	void aDecimalPastTheDoubleRangeIsRefusedAndOneWithinPasses() {
		assertThat(FhirInputChecks.beyondIndexRange(new java.math.BigDecimal("1e400"))).isTrue();
		assertThat(FhirInputChecks.beyondIndexRange(new java.math.BigDecimal("-1.7976931348623157e309"))).isTrue();
		assertThat(FhirInputChecks.beyondIndexRange(new java.math.BigDecimal("1.7976931348623157e308"))).isFalse();
		assertThat(FhirInputChecks.beyondIndexRange(new java.math.BigDecimal("1E-400"))).isFalse();
	}
}
