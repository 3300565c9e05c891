package org.stemiraccds;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.core.metrics.jfr.FlightRecorderApplicationStartup;

/** stemirac-cds: FHIR R4 server and CDS Hooks services for the STEMIRAC guideline. */
@SpringBootApplication
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
