package org.stemiraccds.fhirpackage;

import java.util.List;
import org.hl7.fhir.r4.model.Enumerations.FHIRVersion;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.ImplementationGuide;
import org.hl7.fhir.r4.model.ImplementationGuide.ImplementationGuideDefinitionResourceComponent;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.stemiraccds.conformance.ConformanceResources;

/** The ImplementationGuide resource of the NPM package: what the package defines, and its examples. */
final class ImplementationGuideFactory {
	static final String ID = "stemirac-cds";
	static final String URL = ConformanceResources.CANONICAL_BASE + "/ImplementationGuide/" + ID;

	private ImplementationGuideFactory() {}

	/*
	 * No `global` profiles: each profile describes the records of the guideline (a traumatic SCI Condition, a
	 * STEMIRAC Medication), not every instance of its type. Declared global, sci-patient would refuse any Patient
	 * without a birth date in a validator that loads this package for other data.
	 */
	static ImplementationGuide create(String packageId, String version, List<? extends MetadataResource> defined,
			List<? extends Resource> examples) {
		ImplementationGuide ig = new ImplementationGuide();
		ig.setId(ID);
		ig.setUrl(URL);
		ig.setVersion(version);
		ig.setName("StemiracCds");
		ig.setTitle("STEMIRAC guideline profiles and terminology");
		ig.setStatus(PublicationStatus.ACTIVE);
		ig.setExperimental(false);
		ig.setPackageId(packageId);
		ig.setLicense(ImplementationGuide.SPDXLicense.CC0_1_0);
		ig.addFhirVersion(FHIRVersion._4_0_1);
		ImplementationGuide.ImplementationGuideDependsOnComponent core = ig.addDependsOn();
		core.setId("hl7_fhir_r4_core");
		core.setPackageId("hl7.fhir.r4.core").setVersion("4.0.1").setUri("http://hl7.org/fhir/ImplementationGuide/hl7.fhir.r4.core");
		defined.forEach(r -> ig.getDefinition().addResource(definition(r)));
		examples.forEach(r -> ig.getDefinition().addResource(example(r)));
		return ig;
	}

	private static ImplementationGuideDefinitionResourceComponent definition(MetadataResource resource) {
		ImplementationGuideDefinitionResourceComponent entry = new ImplementationGuideDefinitionResourceComponent();
		entry.setReference(new Reference(resource.fhirType() + "/" + resource.getIdElement().getIdPart()));
		entry.setName(resource.hasTitle() ? resource.getTitle() : resource.getName());
		entry.setExample(new org.hl7.fhir.r4.model.BooleanType(false));
		return entry;
	}

	/** An example names the profile it illustrates (exampleCanonical), as the IG publisher does. */
	private static ImplementationGuideDefinitionResourceComponent example(Resource resource) {
		ImplementationGuideDefinitionResourceComponent entry = new ImplementationGuideDefinitionResourceComponent();
		entry.setReference(new Reference(resource.fhirType() + "/" + resource.getIdElement().getIdPart()));
		entry.setName(resource.fhirType() + " " + resource.getIdElement().getIdPart());
		if (resource.getMeta().hasProfile()) {
			entry.setExample(new org.hl7.fhir.r4.model.CanonicalType(resource.getMeta().getProfile().get(0).getValue()));
		} else {
			entry.setExample(new org.hl7.fhir.r4.model.BooleanType(true));
		}
		return entry;
	}
}
