package org.stemiraccds.subscriptions;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** stemirac.subscriptions.*: FHIR R4 Subscriptions (rest-hook only) and what a Subscription's endpoint must be. */
@ConfigurationProperties("stemirac.subscriptions")
public record SubscriptionProperties(
		/** Subscriptions are matched and delivered (HAPI's subscription support, rest-hook channels). */
		@DefaultValue("true") boolean enabled,
		/** A Subscription's endpoint must be https (true in the prod profile). */
		@DefaultValue("false") boolean requireHttps,
		/** A Subscription's endpoint must accept a TCP connection when the Subscription is written (true in prod). */
		@DefaultValue("false") boolean requireReachable,
		/** Connecting to an endpoint (that check, and each delivery); a delivery's answer may take as long again. */
		@DefaultValue("3s") Duration connectTimeout) {}
