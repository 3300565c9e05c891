package org.stemiraccds.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.IValidatorModule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.api.Test;

/**
 * The pooled validator reports exactly what HAPI's own FhirInstanceValidator reports, for every example, however
 * often one core validator is reused, in whatever order, and after its caches are invalidated.
 */
class PooledInstanceValidatorTest {
	private static final ValidationSupportChain chain = StandaloneValidationSupport.chain(StandaloneValidator.R4,
			new DefaultProfileValidationSupport(StandaloneValidator.R4),
			ConformanceResources.load(StandaloneValidator.R4).all());
	private static final List<IBaseResource> examples = Stream.concat(Examples.invalid().stream(), Examples.valid().stream())
			.map(p -> Examples.parse(StandaloneValidator.R4, p))
			.toList();

	@Test
	void oneReusedValidatorReportsWhatHapiReportsForEveryExample() {
		PooledInstanceValidator pooled = pooled(1, 1000);
		List<String> expected = reports(hapi(), examples);
		assertThat(reports(pooled, examples)).isEqualTo(expected);
		// the same validator again, now in reverse order: nothing of one validation leaks into the next
		List<IBaseResource> reversed = new ArrayList<>(examples);
		java.util.Collections.reverse(reversed);
		assertThat(reports(pooled, reversed)).isEqualTo(reports(hapi(), reversed));
	}

	@Test
	void retiredAndInvalidatedValidatorsAreReplacedWithoutChangingResults() {
		PooledInstanceValidator retiring = pooled(1, 2);
		assertThat(reports(retiring, examples)).isEqualTo(reports(hapi(), examples));
		PooledInstanceValidator invalidated = pooled(2, 1000);
		List<String> before = reports(invalidated, examples);
		invalidated.invalidateCaches();
		assertThat(reports(invalidated, examples)).isEqualTo(before);
	}

	@Test
	void findsErrorsInTheInvalidExamples() {
		assertThat(reports(pooled(1, 1000), examples)).anySatisfy(report -> assertThat(report).contains("ERROR"));
	}

	private static PooledInstanceValidator pooled(int maxIdle, int maxUses) {
		PooledInstanceValidator validator = new PooledInstanceValidator(StandaloneValidator.R4, maxIdle, maxUses);
		validator.setValidationSupport(chain);
		return validator;
	}

	private static FhirInstanceValidator hapi() {
		return new FhirInstanceValidator(chain);
	}

	/** One line per example: every message with its severity and location, in the validator's order. */
	private static List<String> reports(IValidatorModule module, List<IBaseResource> resources) {
		FhirValidator validator = StandaloneValidator.R4.newValidator().registerValidatorModule(module);
		return resources.stream()
				.map(resource -> validator.validateWithResult(resource).getMessages().stream()
						.map(m -> m.getSeverity() + " " + m.getLocationString() + " " + m.getMessage())
						.toList()
						.toString())
				.toList();
	}
}
