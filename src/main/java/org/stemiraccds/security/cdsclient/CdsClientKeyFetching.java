package org.stemiraccds.security.cdsclient;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * stemirac.security.cds.key-fetching.*: how a CDS client's JWKS is fetched from its jwks-uri or an allowed jku
 * URL. Bounded in time and size so that a slow or hostile key server cannot hold a request thread or fill memory;
 * cached so that not every call fetches.
 */
@ConfigurationProperties("stemirac.security.cds.key-fetching")
public record CdsClientKeyFetching(
		@DefaultValue("2s") Duration connectTimeout,
		@DefaultValue("2s") Duration readTimeout,
		@DefaultValue("64KB") DataSize sizeLimit,
		/** How long fetched keys are used before they are fetched again (an unknown kid refreshes sooner, rate-limited). */
		@DefaultValue("5m") Duration cacheTimeToLive) {

	public static final CdsClientKeyFetching DEFAULTS = new CdsClientKeyFetching(Duration.ofSeconds(2), Duration.ofSeconds(2),
			DataSize.ofKilobytes(64), Duration.ofMinutes(5));
}
