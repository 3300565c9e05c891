package org.stemiraccds.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.Collection;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;

/** A fresh HAPI validator over the core R4 definitions plus the given conformance content; no server. */
final class StandaloneValidator {
	static final FhirContext R4 = FhirContext.forR4Cached();
	private final FhirValidator validator;

	StandaloneValidator(Collection<? extends IBaseResource> content) {
		FhirInstanceValidator module = new FhirInstanceValidator(StandaloneValidationSupport.chain(
				R4, new DefaultProfileValidationSupport(R4), content));
		this.validator = R4.newValidator().registerValidatorModule(module);
	}

	List<SingleValidationMessage> errors(IBaseResource resource) {
		return validator.validateWithResult(resource).getMessages().stream()
				.filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
				.toList();
	}
}
