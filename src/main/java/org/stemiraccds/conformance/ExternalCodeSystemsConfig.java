package org.stemiraccds.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.springframework.context.annotation.Configuration;

/**
 * ICD-10, SNOMED CT, LOINC and ATC are not loaded into this server. A code from them is checked against
 * our value sets (which enumerate the codes) but the code system itself cannot be checked: that is a
 * warning, not an error, so a traumatic SCI Condition coded S14.1 validates and one coded G95.1 does not.
 */
@Configuration
public class ExternalCodeSystemsConfig {

	public ExternalCodeSystemsConfig(FhirContext fhirContext, IValidationSupport serverValidationSupport) {
		((ValidationSupportChain) serverValidationSupport).addValidationSupport(unknownCodeSystemsWarn(fhirContext));
	}

	static IValidationSupport unknownCodeSystemsWarn(FhirContext fhirContext) {
		UnknownCodeSystemWarningValidationSupport support = new UnknownCodeSystemWarningValidationSupport(fhirContext);
		support.setNonExistentCodeSystemSeverity(IValidationSupport.IssueSeverity.WARNING);
		return support;
	}
}
