package org.stemiraccds.subscriptions;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import org.apache.commons.text.StringSubstitutor;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Subscription;
import org.springframework.stereotype.Component;
import org.stemiraccds.cds.cards.RuleTexts;
import org.stemiraccds.fhir.FhirServerInterceptor;

/**
 * Refuses, with 422 and an OperationOutcome in the request's language, a Subscription written through /fhir whose
 * rest-hook endpoint is not https (when {@code require-https}) or does not accept a TCP connection within the
 * connect timeout (when {@code require-reachable}): a mistyped or internal-only endpoint is found when the
 * Subscription is written, not by deliveries failing later in the background. Both are on in the prod profile.
 */
@Component
public class SubscriptionEndpointCheck implements FhirServerInterceptor {
	private static final String BUNDLE = "messages/subscriptions";
	private final SubscriptionProperties settings;

	public SubscriptionEndpointCheck(SubscriptionProperties settings) {
		this.settings = settings;
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void created(IBaseResource resource, RequestDetails request) {
		check(resource, request);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void updated(IBaseResource previous, IBaseResource resource, RequestDetails request) {
		check(resource, request);
	}

	private void check(IBaseResource resource, RequestDetails request) {
		if (!(resource instanceof Subscription subscription) || !subscription.getChannel().hasEndpoint()) return;
		String endpoint = subscription.getChannel().getEndpoint();
		URI uri = uri(endpoint, request);
		if (settings.requireHttps() && !"https".equalsIgnoreCase(uri.getScheme())) refuse("endpoint.not-https", endpoint, request);
		if (settings.requireReachable() && !reachable(uri)) refuse("endpoint.unreachable", endpoint, request);
	}

	private URI uri(String endpoint, RequestDetails request) {
		try {
			URI uri = new URI(endpoint);
			if (uri.getHost() == null || uri.getScheme() == null) refuse("endpoint.invalid", endpoint, request);
			return uri;
		} catch (URISyntaxException e) {
			throw refusal("endpoint.invalid", endpoint, request);
		}
	}

	/** A TCP connection to the endpoint's host and port, closed at once: nothing is sent. */
	private boolean reachable(URI uri) {
		int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(uri.getHost(), port), (int) settings.connectTimeout().toMillis());
			return true;
		} catch (IOException | IllegalArgumentException e) {
			return false;
		}
	}

	private static void refuse(String key, String endpoint, RequestDetails request) {
		throw refusal(key, endpoint, request);
	}

	private static UnprocessableEntityException refusal(String key, String endpoint, RequestDetails request) {
		Locale locale = RuleTexts.locale(request == null ? null : request.getHeader("Accept-Language"));
		ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, "en".equals(locale.getLanguage()) ? Locale.ENGLISH : Locale.JAPANESE,
				ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
		return new UnprocessableEntityException(new StringSubstitutor(Map.of("endpoint", endpoint)).replace(bundle.getString(key)));
	}
}
