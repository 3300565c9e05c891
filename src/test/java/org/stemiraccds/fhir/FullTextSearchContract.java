package org.stemiraccds.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.stemiraccds.conformance.Examples;

/**
 * Full-text search as integrators use it, the same whichever index holds the words: _content (every word of the
 * resource) and _text (its narrative), alone and with other parameters, after creates, updates and deletes. Run on
 * the embedded Lucene directory (FullTextSearchIT) and on an OpenSearch node (ScaleOutIT). Writes the demo bundle
 * (PUT by id) and Basic resources with words no other resource has.
 */
interface FullTextSearchContract {
	/** The server under test, with whatever authorization it needs to read and write. */
	FhirHttp fullTextHttp();

	@Test
	default void contentFindsWordsAnywhereInTheResource() {
		FhirHttp http = fullTextHttp();
		assertThat(http.post("/fhir", Examples.read(Examples.DEMO_BUNDLE)).status()).isEqualTo(200);
		assertThat(ids(http, "/fhir/Condition?_content=prostate")).containsExactly("demo-contraindicated-malignancy");
		assertThat(ids(http, "/fhir/Condition?_content=glioma")).isEmpty();
		assertThat(ids(http, "/fhir/Condition?_content=glioma,prostate")).containsExactly("demo-contraindicated-malignancy");
	}

	@Test
	default void textFindsWordsOfTheNarrativeOnly() {
		FhirHttp http = fullTextHttp();
		String narrated = uniqueWord();
		String coded = uniqueWord();
		String id = create(http, basic("urn:test:full-text", "a", coded, narrated));
		assertThat(ids(http, "/fhir/Basic?_text=" + narrated)).containsExactly(id);
		assertThat(ids(http, "/fhir/Basic?_text=" + coded)).isEmpty();
		assertThat(ids(http, "/fhir/Basic?_content=" + coded)).containsExactly(id);
	}

	@Test
	default void anUpdateReplacesTheWordsAndADeleteRemovesThem() {
		FhirHttp http = fullTextHttp();
		String before = uniqueWord();
		String after = uniqueWord();
		String id = create(http, basic("urn:test:full-text", "a", before, "no narrative words"));
		assertThat(ids(http, "/fhir/Basic?_content=" + before)).containsExactly(id);
		Basic updated = basic("urn:test:full-text", "a", after, "no narrative words");
		updated.setId(id);
		assertThat(http.put("/fhir/Basic/" + id, FhirHttp.R4.newJsonParser().encodeResourceToString(updated)).status())
				.isEqualTo(200);
		assertThat(ids(http, "/fhir/Basic?_content=" + before)).isEmpty();
		assertThat(ids(http, "/fhir/Basic?_content=" + after)).containsExactly(id);
		assertThat(http.delete("/fhir/Basic/" + id).status()).isEqualTo(200);
		assertThat(ids(http, "/fhir/Basic?_content=" + after)).isEmpty();
	}

	@Test
	default void contentNarrowsTheOtherParametersAndTheyNarrowIt() {
		FhirHttp http = fullTextHttp();
		String shared = uniqueWord();
		String first = create(http, basic("urn:test:full-text", "first", shared, "first"));
		String second = create(http, basic("urn:test:full-text", "second", shared, "second"));
		assertThat(ids(http, "/fhir/Basic?_content=" + shared)).containsExactlyInAnyOrder(first, second);
		assertThat(ids(http, "/fhir/Basic?_content=" + shared + "&code=urn:test:full-text|second")).containsExactly(second);
		assertThat(ids(http, "/fhir/Basic?_content=" + shared + "&_id=" + first)).containsExactly(first);
	}

	/** Letters only (one token for every analyzer), found in no other resource and starting no other word. */
	static String uniqueWord() {
		StringBuilder word = new StringBuilder("zq");
		ThreadLocalRandom.current().ints(12, 'a', 'z' + 1).forEach(c -> word.append((char) c));
		return word.toString();
	}

	private static Basic basic(String system, String code, String codeText, String narrative) {
		Basic basic = new Basic();
		basic.getCode().addCoding().setSystem(system).setCode(code);
		basic.getCode().setText(codeText);
		basic.getText().setStatus(org.hl7.fhir.r4.model.Narrative.NarrativeStatus.GENERATED)
				.setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\">" + narrative + "</div>");
		return basic;
	}

	private static String create(FhirHttp http, Basic basic) {
		FhirHttp.Response created = http.post("/fhir/Basic", FhirHttp.R4.newJsonParser().encodeResourceToString(basic));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.resource(Basic.class).getIdElement().getIdPart();
	}

	private static List<String> ids(FhirHttp http, String search) {
		FhirHttp.Response found = http.get(search);
		assertThat(found.status()).as(found.body()).isEqualTo(200);
		return found.resource(Bundle.class).getEntry().stream().map(e -> e.getResource().getIdElement().getIdPart()).toList();
	}
}
