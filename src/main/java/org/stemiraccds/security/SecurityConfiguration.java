package org.stemiraccds.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.filter.CorsFilter;
import org.stemiraccds.cds.hooks.CdsHooksController;
import org.stemiraccds.demo.DemoPage;
import org.stemiraccds.errors.JsonCorsProcessor;
import org.stemiraccds.fhir.CorsPolicy;
import org.stemiraccds.fhir.RestfulServerConfig;
import org.stemiraccds.security.cdsclient.CdsClientAuthentication;
import org.stemiraccds.security.smart.FhirTokens;

/**
 * Who gets in. Two doors: /cds-services, for CDS clients (EHRs) with their own signed JWT (CDS Hooks 2.0 §
 * Trusting CDS Clients), and /fhir, an OAuth2 resource server for access tokens with SMART scopes, enforced
 * per resource by HAPI's AuthorizationInterceptor (security/smart). Health probes stay open. With
 * stemirac.security.enabled=false (local development) both doors are open and every request acts as
 * {@link Caller#LOCAL}; the start-up log says so loudly.
 */
@Configuration
public class SecurityConfiguration {
	private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

	@Bean
	@Order(1)
	SecurityFilterChain cdsHooks(HttpSecurity http, SecurityProperties properties, CdsClientAuthentication cdsClients,
			CorsPolicy cors) throws Exception {
		stateless(http.securityMatcher(CdsHooksController.BASE, CdsHooksController.BASE + "/**"));
		if (!properties.enabled()) return open(http);
		return http
				.addFilter(corsFilter(cors))
				.addFilterBefore(cdsClients.filter(), AnonymousAuthenticationFilter.class)
				.authorizeHttpRequests(requests -> requests
						.requestMatchers(HttpMethod.OPTIONS).permitAll()
						.anyRequest().authenticated())
				.exceptionHandling(errors -> errors.authenticationEntryPoint(cdsClients.entryPoint()))
				.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain fhirAndTheRest(HttpSecurity http, SecurityProperties properties, FhirTokens fhirTokens,
			CorsPolicy cors) throws Exception {
		stateless(http);
		if (!properties.enabled()) {
			log.warn("""

					**************************************************************************************
					*  SECURITY IS OFF (stemirac.security.enabled=false): anyone who reaches this port   *
					*  can read and write every patient. For local development only; production runs    *
					*  with the prod profile (see README, "Security").                                   *
					**************************************************************************************""");
			return open(http);
		}
		return http
				.addFilter(corsFilter(cors))
				.authorizeHttpRequests(requests -> requests
						.requestMatchers(HttpMethod.OPTIONS).permitAll()
						.requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll()
						// the demo page's own files: the calls it makes carry their own tokens (README, "Demo")
						.requestMatchers(DemoPage.PATH, DemoPage.PATH + "/**", "/webjars/**").permitAll()
						.requestMatchers(RestfulServerConfig.FHIR_PATH + "/metadata",
								RestfulServerConfig.FHIR_PATH + "/.well-known/smart-configuration").permitAll()
						// the SMART app's pages: the app gets its token from the launch (smartlaunch)
						.requestMatchers(HttpMethod.GET, "/smart/launch", "/smart/*.html", "/smart/*.js", "/smart/*.css").permitAll()
						.anyRequest().authenticated())
				.oauth2ResourceServer(server -> server
						.jwt(jwt -> jwt.decoder(fhirTokens.decoder()))
						.authenticationEntryPoint(fhirTokens.entryPoint())
						.accessDeniedHandler(fhirTokens.accessDenied()))
				.build();
	}

	/**
	 * CORS ahead of authentication, so that a browser client can read its 401 or 403 (Fetch Standard § CORS
	 * protocol: without Access-Control-Allow-Origin the browser hides the answer). The endpoints' own CORS
	 * handling then finds the headers set and leaves them; a refused origin gets the error body of its path.
	 */
	private static CorsFilter corsFilter(CorsPolicy cors) {
		CorsFilter filter = new CorsFilter(cors.byPath());
		filter.setCorsProcessor(new JsonCorsProcessor());
		return filter;
	}

	private static void stateless(HttpSecurity http) throws Exception {
		http.csrf(AbstractHttpConfigurer::disable)
				.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
				.requestCache(AbstractHttpConfigurer::disable)
				.formLogin(AbstractHttpConfigurer::disable)
				.httpBasic(AbstractHttpConfigurer::disable)
				.logout(AbstractHttpConfigurer::disable);
	}

	/** Security off: every request is the local developer. */
	private static SecurityFilterChain open(HttpSecurity http) throws Exception {
		return http
				.anonymous(anonymous -> anonymous.principal(Caller.LOCAL))
				.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
				.build();
	}
}
