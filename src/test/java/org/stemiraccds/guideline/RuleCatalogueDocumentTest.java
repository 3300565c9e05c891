package org.stemiraccds.guideline;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.CodeSystem;
import org.junit.jupiter.api.Test;
import org.stemiraccds.conformance.ConformanceResources;

/** docs/rule-catalogue.md lists exactly the rules of CodeSystem guideline-rule, each once. */
class RuleCatalogueDocumentTest {
	private static final Pattern ROW = Pattern.compile("^\\| ([A-Z]+(?:-[A-Z0-9]+)+) \\|", Pattern.MULTILINE);

	@Test
	void theTablesListEveryRuleOfTheCodeSystemOnce() throws IOException {
		List<String> documented = tableIds(Files.readString(Path.of("docs/rule-catalogue.md")));
		assertThat(documented).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(catalogueCodes());
	}

	private static List<String> tableIds(String markdown) {
		Matcher row = ROW.matcher(markdown);
		List<String> ids = new ArrayList<>();
		while (row.find()) ids.add(row.group(1));
		return ids;
	}

	private static List<String> catalogueCodes() {
		return ConformanceResources.load(FhirContext.forR4Cached()).ofType(CodeSystem.class).stream()
				.filter(cs -> cs.getIdElement().getIdPart().equals("guideline-rule"))
				.findFirst()
				.orElseThrow()
				.getConcept()
				.stream()
				.map(CodeSystem.ConceptDefinitionComponent::getCode)
				.toList();
	}
}
