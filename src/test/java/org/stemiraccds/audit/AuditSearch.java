package org.stemiraccds.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.stemiraccds.fhir.FhirHttp;

/** AuditEvents are stored asynchronously: a search is repeated until it finds what is expected, or times out. */
final class AuditSearch {
	private static final Duration TIMEOUT = Duration.ofSeconds(30);
	private final FhirHttp http;

	AuditSearch(FhirHttp http) {
		this.http = http;
	}

	/** The AuditEvents that {@code AuditEvent?<query>} finds once at least one matches the condition. */
	List<AuditEvent> await(String query, Predicate<AuditEvent> condition) {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		List<AuditEvent> found = List.of();
		while (System.nanoTime() < deadline) {
			found = search(query);
			if (found.stream().anyMatch(condition)) return found;
			pause();
		}
		throw new AssertionError("no AuditEvent?" + query + " as expected within " + TIMEOUT + "; found " + found.size());
	}

	/** The first AuditEvent that the query finds (waiting for it). */
	AuditEvent awaitOne(String query) {
		return await(query, event -> true).get(0);
	}

	List<AuditEvent> search(String query) {
		FhirHttp.Response response = http.get("/fhir/AuditEvent?_count=200&" + query);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.resource(Bundle.class).getEntry().stream().map(e -> (AuditEvent) e.getResource()).toList();
	}

	private static void pause() {
		try {
			Thread.sleep(100);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}
