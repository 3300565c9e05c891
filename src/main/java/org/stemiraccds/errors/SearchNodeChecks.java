package org.stemiraccds.errors;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import jakarta.persistence.EntityManagerFactory;
import java.io.IOException;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.hibernate.search.backend.elasticsearch.ElasticsearchBackend;
import org.hibernate.search.mapper.orm.Search;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.stemiraccds.fhir.FhirServerInterceptor;

/**
 * With the full-text index on a search cluster (profile opensearch), a write, or a full-text search, is refused with
 * 503 and Retry-After, nothing stored, when the cluster does not answer. Hibernate Search indexes a resource after its transaction has
 * committed: with the node down, the write would be stored, then fail (a 500 after the commit), and the resource
 * would never reach the index. So the node is asked before: in the write's transaction, ahead of the commit, so that
 * the refusal rolls it back. Asked once per client request, so that a transaction bundle does not ask once per entry.
 * The server's own writes (the audit trail's AuditEvents, written in the background) are not refused: they are stored
 * and miss the index, as before. What is left: the node stopping between this check and the commit (docs/decisions.md).
 */
@Component
@Interceptor
@ConditionalOnProperty(name = "spring.jpa.properties.hibernate.search.backend.type", havingValue = "elasticsearch")
public class SearchNodeChecks implements FhirServerInterceptor {
	static final String DIAGNOSTICS = "search index unavailable: nothing was stored or searched; send the request again";
	private static final String ANSWERED = SearchNodeChecks.class.getName() + ".answered";
	private static final Logger log = LoggerFactory.getLogger(SearchNodeChecks.class);
	private final EntityManagerFactory entityManagers;

	public SearchNodeChecks(EntityManagerFactory entityManagers) {
		this.entityManagers = entityManagers;
	}

	/**
	 * A full-text search (_content, _text) asks too: HAPI ran it against the node and, the node down, kept only the
	 * client's "Connection refused" of the failure (a 500 no different from a bug's).
	 */
	@Hook(Pointcut.STORAGE_PRESEARCH_REGISTERED)
	public void searching(RequestDetails request, SearchParameterMap parameters) {
		if (parameters.containsKey(Constants.PARAM_CONTENT) || parameters.containsKey(Constants.PARAM_TEXT)) requireSearchNode(request);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void created(RequestDetails request) {
		requireSearchNode(request);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void updated(RequestDetails request) {
		requireSearchNode(request);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
	public void deleted(RequestDetails request) {
		requireSearchNode(request);
	}

	/** A client's write, asked once per request (a transaction bundle: once for all its entries). */
	private void requireSearchNode(RequestDetails request) {
		if (!(request instanceof ServletRequestDetails) || request.getUserData().containsKey(ANSWERED)) return;
		if (!answers()) throw DatabaseOutages.unavailable(DIAGNOSTICS);
		request.getUserData().put(ANSWERED, Boolean.TRUE);
	}

	/** The cluster's root answers (any status below 500), through Hibernate Search's own client: its hosts, credentials, timeouts. */
	private boolean answers() {
		try {
			RestClient client = Search.mapping(entityManagers).backend().unwrap(ElasticsearchBackend.class).client(RestClient.class);
			return client.performRequest(new Request("HEAD", "/")).getStatusLine().getStatusCode() < 500;
		} catch (IOException | RuntimeException e) {
			log.warn("Search node unavailable, write refused with 503: {}", e.getMessage());
			return false;
		}
	}
}
