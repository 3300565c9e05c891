package org.stemiraccds;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerJwtAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.core.metrics.jfr.FlightRecorderApplicationStartup;

/** stemirac-cds: FHIR R4 server and CDS Hooks services for the STEMIRAC guideline. */
// the SMART launch's authorization server is configured by smartlaunch/SmartAuthorizationServer (on or off by
// stemirac.smart.enabled), not by Boot's defaults (a login page, keys and a JwtDecoder even when off)
@SpringBootApplication(exclude = {OAuth2AuthorizationServerAutoConfiguration.class, OAuth2AuthorizationServerJwtAutoConfiguration.class})
@ConfigurationPropertiesScan
public class Application {
	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(Application.class);
		// -Dstemirac.startup-events=true: each start-up step (bean, phase) as a JFR event (docs/performance.md)
		if (Boolean.getBoolean("stemirac.startup-events")) {
			application.setApplicationStartup(new FlightRecorderApplicationStartup());
		}
		application.run(args);
	}
}
