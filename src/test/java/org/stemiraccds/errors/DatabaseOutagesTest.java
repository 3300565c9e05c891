package org.stemiraccds.errors;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.CannotCreateTransactionException;

/** Which failures are the database out of reach (503, Retry-After), and the answers that tell the client so. */
class DatabaseOutagesTest {

	@Test
	void connectionFailuresAreOutagesHoweverWrapped() {
		Throwable[] outages = {
				// Hikari's pool, no connection within connection-timeout, as Spring's transaction manager reports it
				new CannotCreateTransactionException("Could not open JPA EntityManager for transaction",
						new JDBCConnectionException("Unable to acquire JDBC Connection",
								new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 5000ms"))),
				// PostgreSQL ending the session of a fast shutdown, wrapped by HAPI
				new InternalErrorException("HAPI-0000", new SQLException("terminating connection due to administrator command", "57P01")),
				new SQLException("the database system is starting up", "57P03"),
				new SQLException("An I/O error occurred while sending to the backend.", "08006"),
				new SQLException("Connection to localhost:5432 refused", "08001", new ConnectException("Connection refused")),
				// a search HAPI ran in a task of its own: only the message is rethrown
				new InternalErrorException("HikariPool-1 - Connection is not available, request timed out after 5002ms (total=2, active=2, idle=0, waiting=3)"),
				new InternalErrorException("Connection to localhost:5432 refused. Check that the hostname and port are correct"),
				// the same while PostgreSQL is starting again: the socket's own words only (DatabaseOutageIT, a search)
				new InternalErrorException("Connection refused"),
				// the rollback on a connection the pool evicted, in place of the error that made it evict it
				new InternalErrorException("HAPI-0389: Failed to call access method", new org.hibernate.TransactionException(
						"Unable to rollback against JDBC Connection", new SQLException("Connection is closed"))),
		};
		for (Throwable outage : outages) assertThat(DatabaseOutages.causedBy(outage)).as(outage.toString()).isTrue();
	}

	@Test
	void otherFailuresAreNot() {
		Throwable[] others = {
				new DataIntegrityViolationException("duplicate key", new SQLException("duplicate key value", "23505")),
				new SQLException("canceling statement due to lock timeout", "55P03"),
				new SQLException("no state"),
				new SQLException("Connection is closed", "42000"),
				new IllegalStateException("a bug"),
				new InternalErrorException("incident"),
				// the same words from a client's input, or with the cause kept (then the cause decides)
				new InternalErrorException("Patient/1: Connection is not available"),
				new InternalErrorException("HikariPool-1 - Connection is not available, request timed out after 5002ms", new IllegalStateException("a bug")),
				// the search node refusing Hibernate Search's indexing after the write committed: not "nothing was stored"
				new InternalErrorException("Connection refused", new IllegalStateException(new ConnectException("Connection refused"))),
		};
		for (Throwable other : others) assertThat(DatabaseOutages.causedBy(other)).as(other.toString()).isFalse();
	}

	@Test
	void aCauseCycleEnds() {
		IllegalStateException first = new IllegalStateException("first");
		IllegalStateException second = new IllegalStateException("second", first);
		first.initCause(second);
		assertThat(DatabaseOutages.causedBy(first)).isFalse();
	}

	@Test
	void fhirAnswerIs503WithRetryAfter() {
		BaseServerResponseException answer = DatabaseOutages.fhirAnswer("GET /fhir/Patient/1", new SQLException("refused", "08001"));
		assertThat(answer.getStatusCode()).isEqualTo(503);
		assertThat(answer.getResponseHeaders()).containsEntry("Retry-After", java.util.List.of("5"));
		assertThat(answer.getMessage()).doesNotContain("SQLException", "java.");
	}

	@Test
	void cdsHooksAnswerIsItsJsonErrorInTheRequestsLanguage() throws Exception {
		MockHttpServletResponse english = answer("/cds-services/stemirac-order-sign", "en");
		assertThat(english.getStatus()).isEqualTo(503);
		assertThat(english.getHeader("Retry-After")).isEqualTo("5");
		assertThat(english.getContentAsString()).contains("\"error\":\"unavailable\"", "\"status\":503",
				"The service is temporarily unavailable").doesNotContain("SQLException", "java.", "Hikari");
		assertThat(answer("/cds-services/stemirac-order-sign", null).getContentAsString()).contains("サービスを一時的に利用できません");
	}

	@Test
	void fhirPathAnswerIsAnOperationOutcome() throws Exception {
		MockHttpServletResponse japanese = answer("/fhir/Patient", "ja");
		assertThat(japanese.getStatus()).isEqualTo(503);
		assertThat(japanese.getContentType()).startsWith("application/fhir+json");
		assertThat(japanese.getContentAsString()).contains("\"resourceType\":\"OperationOutcome\"", "\"severity\":\"fatal\"", "\"code\":\"no-store\"",
				"サービスを一時的に利用できません").doesNotContain("SQLException", "java.");
	}

	private static MockHttpServletResponse answer(String path, String language) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
		if (language != null) request.addHeader("Accept-Language", language);
		MockHttpServletResponse response = new MockHttpServletResponse();
		response.setCharacterEncoding("UTF-8");
		DatabaseOutages.answer(request, response, new SQLTransientConnectionException("HikariPool-1 - Connection is not available"));
		return response;
	}
}
