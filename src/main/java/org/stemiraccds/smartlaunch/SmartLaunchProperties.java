package org.stemiraccds.smartlaunch;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * stemirac.smart.*: the EHR side of SMART App Launch 2.x (EHR launch) for the checklist app: an authorization
 * server (Spring Authorization Server) that resolves a registered launch to its patient. On for the local
 * demo, off in the prod profile unless configured (docs/security.md, "SMART app launch").
 */
@ConfigurationProperties("stemirac.smart")
public record SmartLaunchProperties(
		@DefaultValue("true") boolean enabled,
		/** The authorization server's issuer (this server's public base URL); unset: the base URL of each request. */
		String issuer,
		/** The checklist app's public client (PKCE, no secret); its redirect URI is the issuer + redirect-path. */
		@DefaultValue("stemirac-checklist") String clientId,
		@DefaultValue("/smart/app.html") String redirectPath,
		/** The scopes the app may be granted (SMART App Launch 2.x § Scopes). */
		@DefaultValue({"launch", "launch/patient", "patient/*.rs", "openid", "fhirUser"}) List<String> scopes,
		/** How long a registered launch may be used to authorize. */
		@DefaultValue("5m") Duration launchLifetime,
		/** At most this many launches remembered at once (the oldest go first). */
		@DefaultValue("10000") long maxLaunches,
		/** The longest appContext string a launch may carry. */
		@DefaultValue("4096") int maxAppContextChars,
		@DefaultValue("1m") Duration codeLifetime,
		@DefaultValue("15m") Duration accessTokenLifetime) {}
