package org.stemiraccds.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.validation.SingleValidationMessage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every valid example passes its profile, every invalid one fails with its expected message (no server). */
class ExamplesTest {
	private static final StandaloneValidator validator =
			new StandaloneValidator(ConformanceResources.load(StandaloneValidator.R4).all());

	static Stream<Path> validExamples() {
		return Examples.valid().stream();
	}

	static Stream<Path> invalidExamples() {
		return Examples.invalid().stream();
	}

	@ParameterizedTest
	@MethodSource("validExamples")
	void validExamplePasses(Path example) {
		assertThat(validator.errors(Examples.parse(StandaloneValidator.R4, example)))
				.extracting(SingleValidationMessage::getMessage)
				.isEmpty();
	}

	@ParameterizedTest
	@MethodSource("invalidExamples")
	void invalidExampleFailsWithItsMessage(Path example) {
		String expected = Examples.expectedMessages().get(example.getFileName().toString());
		assertThat(expected).as("expected-messages.json names " + example.getFileName()).isNotNull();
		assertThat(validator.errors(Examples.parse(StandaloneValidator.R4, example)))
				.extracting(SingleValidationMessage::getMessage)
				.anySatisfy(message -> assertThat(message).contains(expected));
	}

	@Test
	void everyResourceProfileHasAValidAndAnInvalidExample() {
		List<String> profiles = ConformanceResources.load(StandaloneValidator.R4).profiles().stream()
				.filter(sd -> sd.getKind() == StructureDefinition.StructureDefinitionKind.RESOURCE)
				.map(StructureDefinition::getUrl)
				.toList();
		assertThat(claimedProfiles(Examples.valid())).containsAll(profiles);
		assertThat(claimedProfiles(Examples.invalid())).containsAll(profiles);
		Map<String, String> expected = Examples.expectedMessages();
		assertThat(expected.keySet())
				.containsExactlyInAnyOrderElementsOf(Examples.invalid().stream()
						.map(p -> p.getFileName().toString())
						.toList());
	}

	private static List<String> claimedProfiles(List<Path> examples) {
		return examples.stream()
				.map(p -> Examples.parse(StandaloneValidator.R4, p))
				.flatMap(r -> r.getMeta().getProfile().stream())
				.map(IPrimitiveType::getValueAsString)
				.toList();
	}
}
