package org.stemiraccds.cds.hooks;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.server.cdshooks.CdsServiceRequestJson;
import jakarta.annotation.PreDestroy;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.stereotype.Component;

/**
 * Opens one FhirServerClient per hook call that names a fhirServer, within stemirac.cds.* bounds; its one
 * timer thread ends the reads of calls whose deadline has passed.
 */
@Component
public class FhirServerClients {
	private final FhirContext fhirContext;
	private final CdsHooksLimits limits;
	private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(task -> {
		Thread thread = new Thread(task, "fhir-server-deadlines");
		thread.setDaemon(true);
		return thread;
	});

	public FhirServerClients(FhirContext fhirContext, CdsHooksLimits limits) {
		this.fhirContext = fhirContext;
		this.limits = limits;
	}

	/** The request's fhirServer, when it names one; the caller closes it when the call's reads are done. */
	Optional<FhirServerClient> open(CdsServiceRequestJson request) {
		return FhirServerClient.of(request, fhirContext, limits.fhirServer(), deadlines);
	}

	@PreDestroy
	void stop() {
		deadlines.shutdownNow();
	}
}
