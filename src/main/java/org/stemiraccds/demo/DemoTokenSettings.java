package org.stemiraccds.demo;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * stemirac.demo.tokens: the keys with which the demo page gets its tokens when security is on (README, "Demo").
 * {@code fhirKey} is the private JWK of the authorization server the FHIR API trusts ({@code fhirIssuer}),
 * {@code ehrKey} the private JWK of a registered CDS client ({@code ehrIssuer}); scripts/dev-token.sh keys writes
 * both to dev-keys/.
 */
@ConfigurationProperties("stemirac.demo.tokens")
public record DemoTokenSettings(boolean enabled, Path fhirKey, String fhirIssuer, String fhirScope, Path ehrKey,
		String ehrIssuer, String user) {}
