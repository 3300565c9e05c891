package org.stemiraccds.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Predicate;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.utilities.npm.NpmPackage;

/**
 * A validator as someone else would set it up: HAPI's stock chain with default settings and our NPM package, loaded
 * the way NpmPackageValidationSupport loads one (every resource of its package/ folder). Nothing from this project's
 * code: in particular no UnknownCodeSystemWarningValidationSupport.
 */
final class StockPackageValidator {
	private final ValidationSupportChain chain;
	private final FhirValidator validator;

	StockPackageValidator(FhirContext fhirContext, NpmPackage npm) throws IOException {
		this(fhirContext, npm, file -> true);
	}

	/** Loads only the package files {@code loaded} accepts: to show what a file of the package is there for. */
	StockPackageValidator(FhirContext fhirContext, NpmPackage npm, Predicate<String> loaded) throws IOException {
		this.chain = new ValidationSupportChain(
				new DefaultProfileValidationSupport(fhirContext),
				packageSupport(fhirContext, npm, loaded),
				new SnapshotGeneratingValidationSupport(fhirContext),
				new InMemoryTerminologyServerValidationSupport(fhirContext),
				new CommonCodeSystemsTerminologyService(fhirContext));
		this.validator = fhirContext.newValidator().registerValidatorModule(new FhirInstanceValidator(chain));
	}

	private static PrePopulatedValidationSupport packageSupport(
			FhirContext fhirContext, NpmPackage npm, Predicate<String> loaded) throws IOException {
		PrePopulatedValidationSupport support = new PrePopulatedValidationSupport(fhirContext);
		for (String file : npm.getFolders().get("package").listFiles()) {
			if (!file.endsWith(".json") || file.equals("package.json") || file.startsWith(".") || !loaded.test(file)) continue;
			try (InputStream in = npm.load("package", file)) {
				IBaseResource resource = fhirContext.newJsonParser().parseResource(in);
				support.addResource(resource);
			}
		}
		return support;
	}

	ValidationSupportChain chain() {
		return chain;
	}

	List<SingleValidationMessage> messages(IBaseResource resource) {
		return validator.validateWithResult(resource).getMessages();
	}

	List<SingleValidationMessage> errors(IBaseResource resource) {
		return messages(resource).stream()
				.filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
				.toList();
	}
}
