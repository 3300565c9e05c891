package org.stemiraccds.errors;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.Collections;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a failure is the database being out of reach (stopped, restarting, the network to it down, every pooled
 * connection taken until the pool's connection-timeout), not a bug: such a request is answered 503 with Retry-After
 * (RFC 9110 § 15.6.4, § 10.2.3) and the client sends it again. The transaction did not commit — unless the connection
 * was lost during the COMMIT itself, whose outcome only the database knows: the answer does not claim either.
 * Recognised anywhere in the cause chain, however HAPI, Hibernate or Spring wrapped it: JDBC's connection exceptions
 * (not any refused connection: the search node's, under a write that has committed, is no database outage),
 * and SQLState class 08 (connection exception) or 57P01–57P03 (PostgreSQL: admin shutdown, crash shutdown, cannot
 * connect now — the server is stopping or starting; PostgreSQL docs, Appendix A).
 */
public final class DatabaseOutages {
	/** Seconds a client is asked to wait before sending the request again. */
	static final int RETRY_AFTER_SECONDS = 5;
	static final String RETRY_AFTER = "Retry-After";
	/** Language-neutral, as HAPI's diagnostics are; details.text carries the words in the request's language. */
	static final String DIAGNOSTICS = "database unavailable; send the request again later";
	private static final int SERVICE_UNAVAILABLE = 503;
	/** The error code of the CDS Hooks body, and its words (error.unavailable). */
	private static final String CODE = "unavailable";
	/** FHIR R4 issue-type no-store: "the persistent store is unavailable; e.g. the database is down for maintenance". */
	static final IssueType ISSUE_TYPE = IssueType.NOSTORE;
	private static final Logger log = LoggerFactory.getLogger(DatabaseOutages.class);
	private static final int MAX_CAUSES = 32;
	/**
	 * What HikariCP's pool answers on a connection it has marked broken (after a connection error, SQLState 08… or
	 * 57P0…). When PostgreSQL stops mid-transaction, the rollback Spring then attempts on that connection fails with
	 * it, and the rollback's failure replaces the original one ("Application exception overridden by rollback
	 * exception"), so this is all that is left to recognise the outage by.
	 */
	private static final String HIKARI_EVICTED = "Connection is closed";
	/**
	 * A search HAPI ran in a task of its own keeps only the failure's message (a BaseServerResponseException with no
	 * cause, rethrown to the request): Hikari's timeout ("HikariPool-1 - Connection is not available, request timed out
	 * after 5000ms"), the PostgreSQL driver's refused connection ("Connection to localhost:5432 refused"), or, while
	 * PostgreSQL is starting again, the socket's own "Connection refused" (found by DatabaseOutageIT). With the index
	 * on a search node, a full-text search is asked about the node before it runs (SearchNodeChecks), so a bare
	 * "Connection refused" of a search task is the database's.
	 */
	private static final Pattern LOST_DATABASE_MESSAGE = Pattern.compile(
			"- Connection is not available, request timed out after \\d+ms|^Connection to \\S+ refused\\.|^Connection refused$");

	private DatabaseOutages() {}

	public static boolean causedBy(Throwable failure) {
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		for (Throwable cause = failure; cause != null && seen.size() < MAX_CAUSES && seen.add(cause); cause = cause.getCause()) {
			if (isConnectionFailure(cause)) return true;
		}
		return false;
	}

	private static boolean isConnectionFailure(Throwable cause) {
		if (cause instanceof BaseServerResponseException rethrown && rethrown.getCause() == null && rethrown.getMessage() != null
				&& LOST_DATABASE_MESSAGE.matcher(rethrown.getMessage()).find()) return true;
		if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
				|| cause instanceof SQLRecoverableException) return true;
		if (!(cause instanceof SQLException sql)) return false;
		return isConnectionState(sql.getSQLState()) || HIKARI_EVICTED.equals(sql.getMessage()) && sql.getSQLState() == null;
	}

	private static boolean isConnectionState(String sqlState) {
		if (sqlState == null) return false;
		return sqlState.startsWith("08") || Set.of("57P01", "57P02", "57P03").contains(sqlState);
	}

	/** The answer HAPI writes as an OperationOutcome (its details.text in the request's language: {@link FhirErrorAnswers}). */
	static BaseServerResponseException fhirAnswer(String where, Throwable failure) {
		log(where, failure);
		return unavailable(DIAGNOSTICS);
	}

	/** A 503 with Retry-After for HAPI to write as an OperationOutcome: a store this server depends on is out of reach. */
	static BaseServerResponseException unavailable(String diagnostics) {
		UnclassifiedServerFailureException answer = new UnclassifiedServerFailureException(SERVICE_UNAVAILABLE, diagnostics);
		answer.addResponseHeader(RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
		return answer;
	}

	/** Writes the 503: an OperationOutcome under /fhir, the CDS Hooks JSON error elsewhere, in the request's language. */
	static void answer(HttpServletRequest request, HttpServletResponse response, Throwable failure) throws IOException {
		String path = ErrorBodies.requestedPath(request);
		log(request.getMethod() + " " + path, failure);
		String message = ErrorTexts.message(CODE, ErrorTexts.locale(request));
		ErrorBodies.Body body = ErrorBodies.isFhir(path)
				? ErrorBodies.operationOutcome(SERVICE_UNAVAILABLE, ISSUE_TYPE, message, DIAGNOSTICS,
						ErrorBodies.prefersXml(request.getHeader("Accept"), request.getQueryString()))
				: new ErrorBodies.Body("application/json;charset=UTF-8", ErrorBodies.cdsError(SERVICE_UNAVAILABLE, CODE, message, DIAGNOSTICS));
		response.setStatus(SERVICE_UNAVAILABLE);
		response.setHeader(RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
		response.setContentType(body.contentType());
		response.getWriter().write(body.text());
	}

	/** One line, no stack trace: an outage is the operator's to fix, not a bug, and fails every request while it lasts. */
	private static void log(String where, Throwable failure) {
		log.warn("Database unavailable, answered 503 ({}): {}", where, deepest(failure).getMessage());
	}

	private static Throwable deepest(Throwable failure) {
		Throwable deepest = failure;
		for (int i = 0; i < MAX_CAUSES && deepest.getCause() != null && deepest.getCause() != deepest; i++) deepest = deepest.getCause();
		return deepest;
	}
}
