package org.stemiraccds.subscriptions;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.apache.ApacheRestfulClientFactory;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;
import ca.uhn.fhir.jpa.subscription.match.deliver.email.IEmailSender;

/**
 * How rest-hook deliveries reach an endpoint. HAPI's delivery takes its HTTP client from the server's FhirContext's
 * restful client factory; this one follows no redirect (an endpoint cannot send the notification, or the
 * Subscription's own headers, elsewhere), keeps no cookies, and bounds connecting and waiting. A delivery carries
 * only the headers its Subscription names (channel.header), never the token of whoever wrote the resource: it is
 * sent later, from HAPI's delivery thread, not from the request.
 */
@Component
public class SubscriptionDelivery {
	private final CloseableHttpClient http;

	public SubscriptionDelivery(FhirContext fhirContext, SubscriptionProperties settings) {
		int timeout = (int) settings.connectTimeout().toMillis();
		this.http = HttpClients.custom()
				.disableRedirectHandling()
				.disableCookieManagement()
				.disableAutomaticRetries()
				.setDefaultRequestConfig(RequestConfig.custom()
						.setConnectTimeout(timeout).setConnectionRequestTimeout(timeout).setSocketTimeout(timeout * 2).build())
				.build();
		ApacheRestfulClientFactory factory = new ApacheRestfulClientFactory(fhirContext);
		factory.setServerValidationMode(ServerValidationModeEnum.NEVER);
		factory.setHttpClient(http);
		fhirContext.setRestfulClientFactory(factory);
	}

	/**
	 * HAPI's delivery wiring asks for an e-mail sender; e-mail channels are not supported (only rest-hook is), so
	 * HAPI refuses such Subscriptions before anything could be sent through this.
	 */
	@Bean
	public static IEmailSender noEmail() {
		return details -> {
			throw new UnsupportedOperationException("e-mail Subscriptions are not supported");
		};
	}

	@PreDestroy
	public void close() throws IOException {
		http.close();
	}
}
