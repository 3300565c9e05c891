package org.stemiraccds.cds.hooks;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.server.cdshooks.CdsServiceRequestAuthorizationJson;
import ca.uhn.fhir.rest.api.server.cdshooks.CdsServiceRequestJson;
import ca.uhn.fhir.rest.client.apache.ApacheRestfulClientFactory;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.http.impl.client.CloseableHttpClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.stemiraccds.cds.hooks.CdsHooksLimits.FhirServerLimits;

/**
 * Opens one FhirServerClient per hook call that names a fhirServer. HAPI's generic client takes its HTTP
 * client from its FhirContext's restful client factory, so the outbound reads have a FhirContext of their own
 * whose ApacheRestfulClientFactory holds FhirServerHttp's bounded client: the shared FhirContext (and the
 * redirect-following client its factory would build) is never used for an EHR's fhirServer. One timer thread
 * aborts the reads of calls whose deadline has passed.
 */
@Component
public class FhirServerClients {
	private final FhirServerLimits limits;
	private final CloseableHttpClient http;
	private final FhirContext outbound = FhirContext.forR4();
	private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(task -> {
		Thread thread = new Thread(task, "fhir-server-deadlines");
		thread.setDaemon(true);
		return thread;
	});

	@Autowired
	public FhirServerClients(CdsHooksLimits limits) {
		this(limits.fhirServer());
	}

	FhirServerClients(FhirServerLimits limits) {
		this.limits = limits;
		this.http = FhirServerHttp.client(limits);
		ApacheRestfulClientFactory factory = new ApacheRestfulClientFactory(outbound);
		factory.setServerValidationMode(ServerValidationModeEnum.NEVER); // no extra read of /metadata
		factory.setHttpClient(http);
		outbound.setRestfulClientFactory(factory);
	}

	/** The request's fhirServer, when it names one; the caller closes it when the call's reads are done. */
	Optional<FhirServerClient> open(CdsServiceRequestJson request) {
		if (request.getFhirServer() == null) return Optional.empty();
		CdsServiceRequestAuthorizationJson authorization = request.getServiceRequestAuthorizationJson();
		return Optional.of(open(request.getFhirServer(), authorization == null ? null : authorization.getAccessToken()));
	}

	FhirServerClient open(String fhirServer, String accessToken) {
		return FhirServerClient.open(fhirServer, accessToken, outbound, new FhirServerHttp.CallBounds(limits, deadlines), limits);
	}

	@PreDestroy
	void stop() throws IOException {
		deadlines.shutdownNow();
		http.close();
	}
}
