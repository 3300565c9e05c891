package org.stemiraccds.conformance;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.springframework.stereotype.Component;
import org.stemiraccds.fhir.FhirServerInterceptor;

/** Lists each of our profiles as a supportedProfile of its resource type in the CapabilityStatement. */
@Component
public class CapabilityStatementProfiles implements FhirServerInterceptor {
	private final ConformanceResources conformance;

	public CapabilityStatementProfiles(ConformanceResources conformance) {
		this.conformance = conformance;
	}

	@Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
	public void addProfiles(IBaseConformance generated) {
		CapabilityStatement capabilities = (CapabilityStatement) generated;
		capabilities.getRest().forEach(rest -> rest.getResource().forEach(this::addProfilesOf));
	}

	private void addProfilesOf(CapabilityStatementRestResourceComponent resource) {
		for (StructureDefinition profile : conformance.profiles()) {
			boolean forThisType = profile.getType().equals(resource.getType())
					&& profile.getKind() == StructureDefinition.StructureDefinitionKind.RESOURCE;
			if (forThisType && !resource.hasSupportedProfile(profile.getUrl())) {
				resource.addSupportedProfile(profile.getUrl());
			}
		}
	}
}
