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
		/** Request bodies above this many bytes get 413 (default 64 MiB); a gzip body counts once inflated. */
		@DefaultValue("67108864") long maxRequestBytes,
		/** Transaction and batch Bundles with more entries get 413 before any entry is processed. */
		@DefaultValue("10000") int maxBundleEntries,
		/** Browser origins allowed to call /fhir and /cds-services (CORS); none by default. */
		@DefaultValue List<String> corsAllowedOrigins) {}
