package org.stemiraccds.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.validation.ValidatorPolicyAdvisor;
import ca.uhn.fhir.jpa.validation.ValidatorResourceFetcher;
import org.hl7.fhir.common.hapi.validation.validator.WorkerContextValidationSupportAdapter;
import org.hl7.fhir.r5.utils.validation.constants.BestPracticeWarningLevel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

@Configuration
public class ConformanceConfig {
	@Bean
	public ConformanceResources conformanceResources(FhirContext fhirContext) {
		return ConformanceResources.load(fhirContext);
	}

	/**
	 * The validator of writes and $validate: HAPI's, set up as HAPI's ValidationSupportConfig sets up its own
	 * (same support chain, worker context, resource fetcher and policy advisor), with core validators reused.
	 */
	@Primary
	@Bean
	public PooledInstanceValidator pooledInstanceValidator(
			FhirContext fhirContext,
			IValidationSupport validationSupportChain,
			WorkerContextValidationSupportAdapter workerContext,
			ValidatorResourceFetcher resourceFetcher,
			ValidatorPolicyAdvisor policyAdvisor,
			ValidationProperties properties) {
		PooledInstanceValidator validator = new PooledInstanceValidator(
				fhirContext, properties.maxIdleValidators(), properties.validatorMaxUses());
		validator.setWrappedWorkerContext(validationSupportChain, workerContext);
		validator.setValidatorResourceFetcher(resourceFetcher);
		validator.setValidatorPolicyAdvisor(policyAdvisor);
		validator.setBestPracticeWarningLevel(BestPracticeWarningLevel.Warning);
		return validator;
	}
}
