package org.stemiraccds.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import java.util.Collection;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.WorkerContextValidationSupportAdapter;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * A validation support chain over the core R4 definitions plus a given set of conformance resources, with
 * no database: what HAPI's validator needs to generate snapshots and to validate against our profiles
 * wherever the content comes from (the classpath at start-up, or the NPM package in a fresh validator).
 */
public final class StandaloneValidationSupport {
	private StandaloneValidationSupport() {}

	public static ValidationSupportChain chain(
			FhirContext fhirContext, IValidationSupport coreDefinitions, Collection<? extends IBaseResource> content) {
		PrePopulatedValidationSupport ours = new PrePopulatedValidationSupport(fhirContext);
		content.forEach(ours::addResource);
		return new ValidationSupportChain(
				coreDefinitions,
				ours,
				new SnapshotGeneratingValidationSupport(fhirContext),
				new InMemoryTerminologyServerValidationSupport(fhirContext),
				new CommonCodeSystemsTerminologyService(fhirContext),
				ExternalCodeSystemsConfig.unknownCodeSystemsWarn(fhirContext));
	}

	/** Generates the snapshot of each differential, in order, on the given instances themselves. */
	public static void generateSnapshots(IValidationSupport chain, Collection<StructureDefinition> differentials) {
		// one worker context for all of them: it converts each definition to R5 once, not once per profile
		SnapshotGeneratingValidationSupport generator = new SnapshotGeneratingValidationSupport(
				chain.getFhirContext(), new WorkerContextValidationSupportAdapter(chain));
		for (StructureDefinition sd : differentials) {
			StructureDefinition generated = (StructureDefinition) generator.generateSnapshot(
					new ValidationSupportContext(chain), sd, sd.getUrl(), sd.getUrl(), sd.getName());
			if (generated == null || !generated.hasSnapshot()) {
				throw new IllegalStateException("No snapshot could be generated for " + sd.getUrl());
			}
			sd.setSnapshot(generated.getSnapshot());
		}
	}
}
