package org.stemiraccds.reminders;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.springframework.stereotype.Component;
import org.stemiraccds.fhir.FhirServerOperation;

/**
 * $stemirac-reminders (server level): runs the reminder job once, as of {@code now} when given (a clock pinned
 * for tests and the dated demo), and returns the Tasks it created, completed and cancelled.
 */
@Component
public class ReminderOperation implements FhirServerOperation {
	public static final String NAME = "$stemirac-reminders";
	private static final String NOW = "now";

	private final ReminderJob job;

	public ReminderOperation(ReminderJob job) {
		this.job = job;
	}

	@Operation(name = NAME, idempotent = false)
	public Parameters run(@OperationParam(name = NOW, min = 0, max = 1) DateTimeType now, RequestDetails request) {
		refuseUnknownParameters(request);
		ReminderJob.Outcome outcome = job.run(instant(now));
		Parameters result = new Parameters();
		add(result, "created", outcome.created());
		add(result, "completed", outcome.completed());
		add(result, "cancelled", outcome.cancelled());
		outcome.failedPatients().forEach(p -> result.addParameter().setName("failed").setValue(new Reference(p)));
		return result;
	}

	private static void add(Parameters result, String name, List<Task> tasks) {
		tasks.forEach(task -> result.addParameter().setName(name).setResource(task));
	}

	/** A moment to the second or finer; a day alone would leave the hour (and so the day in the zone) to guesswork. */
	private static Instant instant(DateTimeType now) {
		if (now == null || now.isEmpty()) return Instant.now();
		if (now.getPrecision().ordinal() < TemporalPrecisionEnum.SECOND.ordinal()) {
			throw new InvalidRequestException("now は秒までの日時とタイムゾーンで指定してください / now must be a date-time to the second "
					+ "with a time zone, e.g. 2026-11-25T10:00:00+09:00 (given: " + now.getValueAsString() + ")");
		}
		return now.getValue().toInstant();
	}

	/** HAPI ignores parameters an operation does not declare; a misspelt {@code now} must not silently mean "now". */
	private static void refuseUnknownParameters(RequestDetails request) {
		Set<String> names = new TreeSet<>(request.getParameters().keySet());
		if (request.getResource() instanceof Parameters body) body.getParameter().forEach(p -> names.add(p.getName()));
		names.removeIf(name -> name.equals(NOW) || name.startsWith("_"));
		if (!names.isEmpty()) {
			throw new InvalidRequestException("未知のパラメータ / unknown parameter: " + String.join(", ", names) + " (known: " + NOW + ")");
		}
	}
}
