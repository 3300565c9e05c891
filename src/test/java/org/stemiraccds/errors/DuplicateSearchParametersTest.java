package org.stemiraccds.errors;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import org.junit.jupiter.api.Test;
import org.stemiraccds.fhir.DuplicateSearchParameters;

/** A parameter repeated with the same value is one condition; different values stay (found by BadInputFuzzIT). */
class DuplicateSearchParametersTest {
	@Test
	void aRepeatedParameterWithTheSameValueIsKeptOnce() {
		SearchParameterMap parameters = new SearchParameterMap();
		parameters.add("name", new StringParam("x"));
		parameters.add("name", new StringParam("x"));
		parameters.add("name", new StringParam("y"));
		parameters.add("_tag", new TokenParam("|", "|"));
		parameters.add("_tag", new TokenParam("|", "|"));

		new DuplicateSearchParameters().dropRepeats(parameters);

		assertThat(parameters.get("name")).extracting(or -> ((StringParam) or.get(0)).getValue()).containsExactly("x", "y");
		assertThat(parameters.get("_tag")).hasSize(1);
	}

	@Test
	void differentValuesAreLeftAlone() {
		SearchParameterMap parameters = new SearchParameterMap();
		parameters.add("name", new StringParam("x"));
		parameters.add("name", new StringParam("X"));

		new DuplicateSearchParameters().dropRepeats(parameters);

		assertThat(parameters.get("name")).hasSize(2);
	}
}
