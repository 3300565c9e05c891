package org.stemiraccds.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.IInstanceValidatorModule;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.ValidationResult;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.springframework.stereotype.Component;
import org.stemiraccds.fhir.FhirServerInterceptor;

/**
 * Writes of resources that claim one of our profiles are validated against it and refused with 422 and
 * the validator's OperationOutcome when they have errors. Everything else is stored as plain R4.
 * Runs in the storage transaction, so a refused entry rolls back the whole transaction bundle.
 */
@Component
public class ProfileValidationInterceptor implements FhirServerInterceptor {
	private final FhirContext fhirContext;
	private final FhirValidator validator;

	public ProfileValidationInterceptor(FhirContext fhirContext, IInstanceValidatorModule instanceValidator) {
		this.fhirContext = fhirContext;
		this.validator = fhirContext.newValidator().registerValidatorModule(instanceValidator);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void created(IBaseResource resource) {
		validateIfProfiled(resource);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void updated(IBaseResource oldResource, IBaseResource resource) {
		validateIfProfiled(resource);
	}

	private void validateIfProfiled(IBaseResource resource) {
		boolean claimsOurProfile = resource.getMeta().getProfile().stream()
				.map(IPrimitiveType::getValueAsString)
				.anyMatch(ConformanceResources::isOurProfile);
		if (!claimsOurProfile) return;
		ValidationResult result = validator.validateWithResult(resource);
		boolean hasErrors = result.getMessages().stream()
				.anyMatch(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal());
		if (hasErrors) {
			throw new UnprocessableEntityException(fhirContext, result.toOperationOutcome());
		}
	}
}
