package org.stemiraccds.cds.hooks;

import ca.uhn.hapi.fhir.cdshooks.api.CDSHooksVersion;
import ca.uhn.hapi.fhir.cdshooks.api.ICdsHooksDaoAuthorizationSvc;
import ca.uhn.hapi.fhir.cdshooks.config.CdsHooksConfig;
import ca.uhn.hapi.fhir.cdshooks.svc.CdsHooksContextBooter;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.stemiraccds.conformance.ConformanceResources;
import org.stemiraccds.conformance.ValueSetIndex;
import org.stemiraccds.fhir.FhirServerProperties;

/**
 * HAPI's CDS Hooks module (registry and discovery). Our services are registered programmatically
 * (StemiracHookServices), so the booter starts no separate definitions context; the HTTP endpoint is
 * CdsHooksController, requests are parsed by HookRequests and the prefetch is completed by HookRecordReader.
 */
@Configuration
@Import(CdsHooksConfig.class)
public class CdsHooksConfiguration implements WebMvcConfigurer {
	private final FhirServerProperties properties;

	public CdsHooksConfiguration(FhirServerProperties properties) {
		this.properties = properties;
	}

	/** Value-set membership for the rules, from terminology/. */
	@Bean
	public ValueSetIndex valueSetIndex(ConformanceResources conformance) {
		return ValueSetIndex.of(conformance);
	}

	@Bean
	public CdsHooksContextBooter cdsHooksContextBooter() {
		return new CdsHooksContextBooter();
	}

	/** Prefetch reads go through the same access rules as any other read of this server (none beyond it). */
	@Bean
	public ICdsHooksDaoAuthorizationSvc cdsHooksDaoAuthorizationSvc() {
		return resource -> {};
	}

	/**
	 * CDS Hooks 2.0, which makes https mandatory for a request's fhirServer; stemirac.cds.require-https-fhir-server
	 * = false relaxes that (HAPI's 1.1 mode) for test rigs without TLS.
	 */
	@Bean
	public CDSHooksVersion cdsHooksVersion(@Value("${stemirac.cds.require-https-fhir-server:true}") boolean requireHttps) {
		return requireHttps ? CDSHooksVersion.V_2_0 : CDSHooksVersion.V_1_1;
	}

	/**
	 * The hooks' "now": the system clock, or stemirac.cds.fixed-time (an ISO date-time) to replay a record as of
	 * a given moment (the demo data and the tests are dated).
	 */
	@Bean
	public Clock cdsClock(@Value("${stemirac.cds.fixed-time:}") String fixedTime) {
		if (fixedTime.isBlank()) return Clock.systemUTC();
		return Clock.fixed(OffsetDateTime.parse(fixedTime).toInstant(), ZoneOffset.UTC);
	}

	/**
	 * Browser CDS clients (CDS Hooks 2.0 § Cross-Origin Resource Sharing): the origins of stemirac.fhir.cors-allowed-origins (none by
	 * default), discovery and calls only, no credentials. allowedOrigins() clears the allow-all default that a
	 * Spring CorsRegistration starts with, so an empty list allows no origin.
	 */
	@Override
	public void addCorsMappings(CorsRegistry registry) {
		registry.addMapping(CdsHooksController.BASE + "/**")
				.allowedOrigins()
				.allowedOriginPatterns(properties.corsAllowedOrigins().toArray(String[]::new))
				.allowedMethods("GET", "POST")
				.allowedHeaders("*")
				.allowCredentials(false);
	}
}
