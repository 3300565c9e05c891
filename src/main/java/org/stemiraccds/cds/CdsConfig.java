package org.stemiraccds.cds;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.stemiraccds.conformance.ConformanceResources;
import org.stemiraccds.conformance.ValueSetIndex;

@Configuration
public class CdsConfig {
	@Bean
	public ValueSetIndex valueSetIndex(ConformanceResources conformance) {
		return ValueSetIndex.of(conformance);
	}
}
