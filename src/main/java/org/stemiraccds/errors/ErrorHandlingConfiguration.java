package org.stemiraccds.errors;

import org.apache.catalina.core.StandardHost;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.handler.AbstractHandlerMapping;

/**
 * Tomcat answers its own errors with {@link JsonErrorReportValve}, not its HTML page; malformed queries are refused
 * first; Spring MVC's CORS refusals are JSON ({@link JsonCorsProcessor}).
 */
@Configuration
public class ErrorHandlingConfiguration {

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonErrorReportValve() {
		return factory -> factory.addContextCustomizers(context -> {
			if (context.getParent() instanceof StandardHost host) host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
		});
	}

	/** CORS refusals of Spring MVC's endpoints (/cds-services) as the JSON error, not Spring's plain text. */
	@Bean
	static BeanPostProcessor jsonCorsRefusals() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessBeforeInitialization(Object bean, String name) {
				if (bean instanceof AbstractHandlerMapping mapping) mapping.setCorsProcessor(new JsonCorsProcessor());
				return bean;
			}
		};
	}

	/** First of all filters, so that nothing decodes a malformed query before it is refused. */
	@Bean
	FilterRegistrationBean<PercentEncodingFilter> percentEncodingFilter() {
		FilterRegistrationBean<PercentEncodingFilter> registration = new FilterRegistrationBean<>(new PercentEncodingFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}
}
