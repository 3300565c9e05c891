package org.stemiraccds.cds.hooks;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.client.exceptions.NonFhirResponseException;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.util.UrlUtil;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.commons.lang3.exception.ExceptionUtils;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stemiraccds.cds.CdsHooksError;
import org.stemiraccds.cds.hooks.CdsHooksLimits.FhirServerLimits;
import org.stemiraccds.cds.record.ResourceSource;

/**
 * A hook request's fhirServer, read with its fhirAuthorization bearer token (CDS Hooks 2.0 § FHIR Resource
 * Access). Searches are read to their end through their {@code next} links (FHIR § Paging), up to a number of
 * pages, and only links on the fhirServer's own origin are followed: the token is never sent to another host
 * (redirects are not followed either, see FhirServerHttp). One client per hook call, closed with it: the
 * call's reads share one deadline and one count of reads. A failed read is a 412 whose detail names the path
 * read and the HTTP status, never the remote server's text (which may be anything the URL reached).
 */
final class FhirServerClient implements ResourceSource, AutoCloseable {
	private static final Logger log = LoggerFactory.getLogger(FhirServerClient.class);
	private final IGenericClient client;
	private final FhirServerHttp.CallBounds bounds;
	private final URI origin;
	/** The fhirServer's path, e.g. "/fhir": the reads' paths are named from it in errors. */
	private final String basePath;
	private final FhirServerLimits limits;
	private int reads;
	/** The next links this request's reads did not follow: one client per hook request, so per request. */
	private final List<String> unreadPages = new ArrayList<>();

	private FhirServerClient(IGenericClient client, FhirServerHttp.CallBounds bounds, String fhirServer, FhirServerLimits limits) {
		this.client = client;
		this.bounds = bounds;
		this.origin = origin(fhirServer);
		this.basePath = Objects.requireNonNullElse(URI.create(fhirServer).getRawPath(), "").replaceAll("/+$", "");
		this.limits = limits;
	}

	/** A client of {@code fhirServer} for one hook call; {@code outbound}'s restful client factory gives it its HTTP client. */
	static FhirServerClient open(String fhirServer, String accessToken, FhirContext outbound, FhirServerHttp.CallBounds bounds,
			FhirServerLimits limits) {
		IGenericClient client = outbound.newRestfulGenericClient(fhirServer);
		client.registerInterceptor(bounds);
		if (accessToken != null) client.registerInterceptor(new BearerTokenAuthInterceptor(accessToken));
		return new FhirServerClient(client, bounds, fhirServer, limits);
	}

	@Override
	public void close() {
		bounds.close();
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
			if (pages >= limits.maxPages()) {
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

	/**
	 * One read (one HTTP GET, as redirects and retries are off) within the call's bounds: refused before it
	 * starts when the deadline has passed or the reads are used up; a failure is a 412 in our own words.
	 */
	private <T> T call(String url, Supplier<T> call) {
		String path = path(url);
		if (++reads > limits.maxReads()) {
			throw CdsHooksError.fhirServerRead("fhirServer GET " + path + ": not read, more than " + limits.maxReads()
					+ " reads in one hook call (stemirac.cds.max-fhir-server-reads)");
		}
		if (bounds.pastDeadline()) throw pastDeadline(path);
		try {
			return call.get();
		} catch (RuntimeException e) {
			throw failed(path, e);
		}
	}

	private CdsHooksError failed(String path, RuntimeException e) {
		if (bounds.pastDeadline()) return pastDeadline(path);
		if (ExceptionUtils.indexOfType(e, FhirServerHttp.ResponseTooLarge.class) >= 0) {
			return CdsHooksError.fhirServerRead("fhirServer GET " + path + ": answer over " + limits.maxResponseBytes()
					+ " bytes (stemirac.cds.fhir-server-max-response-bytes)");
		}
		if (e instanceof BaseServerResponseException answer && !(e instanceof FhirClientConnectionException)
				&& !(e instanceof NonFhirResponseException)) {
			log.warn("fhirServer GET {}: HTTP {}", path, answer.getStatusCode());
			return CdsHooksError.fhirServerRead("fhirServer GET " + path + ": HTTP " + answer.getStatusCode());
		}
		// the exception's message may quote the remote answer: its type is logged, never its text
		log.warn("fhirServer GET {}: no usable answer ({})", path, e.getClass().getSimpleName());
		return CdsHooksError.fhirServerRead("fhirServer GET " + path + ": no usable answer (no connection, timed out, "
				+ "or not a FHIR resource)");
	}

	private CdsHooksError pastDeadline(String path) {
		return CdsHooksError.fhirServerRead("fhirServer GET " + path + ": no answer within " + limits.deadline().toMillis()
				+ " ms for the hook call's reads (stemirac.cds.fhir-server-deadline)");
	}

	/** The path a read asks for, without its query: the search parameters are ours, the rest is not quoted. */
	private String path(String url) {
		String withoutQuery = url.split("[?#]", 2)[0];
		if (withoutQuery.contains("://")) {
			try {
				return Objects.requireNonNullElse(URI.create(withoutQuery).getRawPath(), "/");
			} catch (IllegalArgumentException notAUrl) {
				return "(next link)";
			}
		}
		return basePath + "/" + withoutQuery;
	}
}
