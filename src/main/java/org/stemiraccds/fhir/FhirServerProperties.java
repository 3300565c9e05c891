package org.stemiraccds.fhir;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** stemirac.fhir.*: the REST endpoint's limits and CORS. */
@ConfigurationProperties("stemirac.fhir")
public record FhirServerProperties(
		@DefaultValue("stemirac-cds: STEMIRAC guideline FHIR server") String implementationDescription,
		@DefaultValue("20") int defaultPageSize,
		@DefaultValue("200") int maximumPageSize,
		/** Request bodies above this many bytes get 413 (default 64 MiB). */
		@DefaultValue("67108864") long maxRequestBytes,
		@DefaultValue("*") List<String> corsAllowedOrigins) {}
