package org.stemiraccds.conformance;

import ca.uhn.fhir.context.FhirContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class ConformanceConfig {
	@Bean
	public ConformanceResources conformanceResources(FhirContext fhirContext) {
		return ConformanceResources.load(fhirContext);
	}
}
