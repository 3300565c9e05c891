package org.stemiraccds.cds.hooks;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.server.cdshooks.CdsServiceRequestAuthorizationJson;
import ca.uhn.fhir.rest.api.server.cdshooks.CdsServiceRequestJson;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.util.UrlUtil;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stemiraccds.cds.record.ResourceSource;

/**
 * A hook request's fhirServer, read with its fhirAuthorization bearer token (CDS Hooks 2.0 § FHIR Resource
 * Access). Searches are read to their end through their {@code next} links (FHIR § Paging), up to a number of
 * pages, and only links on the fhirServer's own origin are followed: the token is never sent to another host.
 */
final class FhirServerClient implements ResourceSource {
	private static final Logger log = LoggerFactory.getLogger(FhirServerClient.class);
	private final IGenericClient client;
	private final URI origin;
	private final int maxPages;
	/** The next links this request's reads did not follow: one client per hook request, so per request. */
	private final List<String> unreadPages = new ArrayList<>();

	private FhirServerClient(IGenericClient client, URI origin, int maxPages) {
		this.client = client;
		this.origin = origin;
		this.maxPages = maxPages;
	}

	/** The request's fhirServer, when it names one. */
	static Optional<FhirServerClient> of(CdsServiceRequestJson request, FhirContext fhirContext, int maxPages) {
		if (request.getFhirServer() == null) return Optional.empty();
		IGenericClient client = fhirContext.newRestfulGenericClient(request.getFhirServer());
		CdsServiceRequestAuthorizationJson authorization = request.getServiceRequestAuthorizationJson();
		if (authorization != null && authorization.getAccessToken() != null) {
			client.registerInterceptor(new BearerTokenAuthInterceptor(authorization.getAccessToken()));
		}
		return Optional.of(new FhirServerClient(client, origin(request.getFhirServer()), maxPages));
	}

	/** A relative prefetch URL: a read ("Type/id", nothing when it does not exist) or a search, all its pages. */
	List<Resource> get(String url) {
		UrlUtil.UrlParts parts = UrlUtil.parseUrl(url);
		if (parts.getParams() == null && parts.getResourceId() != null) {
			return read(new IdType(parts.getResourceType(), parts.getResourceId())).stream().toList();
		}
		return allPages(call(url, () -> client.search().byUrl(url).returnBundle(Bundle.class).execute()));
	}

	List<String> unreadPages() {
		return List.copyOf(unreadPages);
	}

	@Override
	public List<Resource> rolesOf(IdType practitioner) {
		return get("PractitionerRole?practitioner=" + practitioner.getValue()).stream()
				.filter(PractitionerRole.class::isInstance).toList();
	}

	/** One resource by "Type/id", or empty when the server has no such resource. */
	@Override
	public Optional<Resource> read(IdType id) {
		return call(id.getValue(), () -> {
			try {
				return Optional.of((Resource) client.read().resource(id.getResourceType()).withId(id.getIdPart()).execute());
			} catch (ResourceNotFoundException | ResourceGoneException e) {
				return Optional.empty();
			}
		});
	}

	/** The resources of a search result and of the pages after it, as far as the page limit and the origin allow. */
	List<Resource> allPages(Bundle first) {
		List<Resource> resources = new ArrayList<>(entries(first));
		Bundle page = first;
		for (int pages = 1; nextLink(page).isPresent(); pages++) {
			String next = nextLink(page).get();
			if (pages >= maxPages) {
				log.warn("Prefetch truncated after {} pages (stemirac.cds.max-prefetch-pages); not read: {}", pages, next);
				unreadPages.add(next);
				break;
			}
			if (!sameOrigin(next)) {
				log.warn("Next link on another origin than the fhirServer {}, not followed: {}", origin, next);
				unreadPages.add(next);
				break;
			}
			page = call(next, () -> client.loadPage().byUrl(next).andReturnBundle(Bundle.class).execute());
			resources.addAll(entries(page));
		}
		return resources;
	}

	/** A search result's resources: its matches and includes, without the server's OperationOutcome entries. */
	static List<Resource> entries(Bundle bundle) {
		return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
				.filter(Objects::nonNull)
				.filter(r -> !(r instanceof OperationOutcome))
				.toList();
	}

	static Optional<String> nextLink(Bundle bundle) {
		return Optional.ofNullable(bundle.getLink(Bundle.LINK_NEXT)).map(Bundle.BundleLinkComponent::getUrl).filter(u -> !u.isBlank());
	}

	boolean sameOrigin(String url) {
		try {
			return origin.equals(origin(url));
		} catch (IllegalArgumentException notAUrl) {
			return false;
		}
	}

	/** Scheme, host and port (RFC 6454), the port made explicit. */
	private static URI origin(String url) {
		URI uri = URI.create(url);
		if (uri.getScheme() == null || uri.getHost() == null) throw new IllegalArgumentException("not an absolute URL: " + url);
		String scheme = uri.getScheme().toLowerCase();
		int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
		return URI.create(scheme + "://" + uri.getHost().toLowerCase() + ":" + port);
	}

	/** A failed read is a 412 of the hook call (CDS Hooks 2.0 § Prefetch: the data cannot be had). */
	private static <T> T call(String what, Supplier<T> call) {
		try {
			return call.get();
		} catch (BaseServerResponseException e) {
			throw new PreconditionFailedException("fhirServer " + what + ": " + e.getMessage());
		}
	}
}
