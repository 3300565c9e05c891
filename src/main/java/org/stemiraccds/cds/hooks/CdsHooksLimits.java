package org.stemiraccds.cds.hooks;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * stemirac.cds.*: how much one CDS Hooks call may ask of this server, and of the EHR's fhirServer on its
 * behalf. Every bound has a default that fits a real EHR's calls with room to spare; each is documented in
 * application.yaml.
 *
 * @param maxRequestBytes a hook call's or feedback's body, as sent (bodies are never inflated)
 * @param maxDraftOrders entries of context.draftOrders, and of context.selections
 * @param maxPrefetchKeys keys of the prefetch object (ours are read, unknown ones ignored, but each is parsed JSON)
 * @param maxFeedbackItems items of one feedback call
 * @param maxPrefetchPages pages of one search read from the fhirServer (or on from a prefetch Bundle)
 * @param maxFhirServerReads HTTP reads of the fhirServer in one hook call: templates, pages and referenced resources
 * @param fhirServerDeadline all reads of the fhirServer in one hook call together
 * @param fhirServerConnectTimeout connecting to the fhirServer
 * @param fhirServerSocketTimeout the longest silence while reading one answer
 * @param fhirServerMaxResponseBytes one answer of the fhirServer, after any decompression
 */
@ConfigurationProperties("stemirac.cds")
public record CdsHooksLimits(
		@DefaultValue("5242880") long maxRequestBytes,
		@DefaultValue("50") int maxDraftOrders,
		@DefaultValue("20") int maxPrefetchKeys,
		@DefaultValue("100") int maxFeedbackItems,
		@DefaultValue("20") int maxPrefetchPages,
		@DefaultValue("200") int maxFhirServerReads,
		@DefaultValue("10s") Duration fhirServerDeadline,
		@DefaultValue("3s") Duration fhirServerConnectTimeout,
		@DefaultValue("10s") Duration fhirServerSocketTimeout,
		@DefaultValue("16777216") long fhirServerMaxResponseBytes) {

	public CdsHooksLimits {
		if (maxPrefetchPages < 1) throw new IllegalArgumentException("stemirac.cds.max-prefetch-pages must be at least 1");
		if (maxPrefetchKeys < PrefetchTemplates.TEMPLATES.size()) {
			throw new IllegalArgumentException("stemirac.cds.max-prefetch-keys must be at least the number of our templates, "
					+ PrefetchTemplates.TEMPLATES.size());
		}
	}

	/** The bounds of one hook call's reads of its fhirServer. */
	FhirServerLimits fhirServer() {
		return new FhirServerLimits(fhirServerDeadline, fhirServerConnectTimeout, fhirServerSocketTimeout,
				fhirServerMaxResponseBytes, maxFhirServerReads, maxPrefetchPages);
	}

	/** The fhirServer bounds alone (tests lower them without a Spring context). */
	record FhirServerLimits(Duration deadline, Duration connectTimeout, Duration socketTimeout, long maxResponseBytes,
			int maxReads, int maxPages) {}
}
