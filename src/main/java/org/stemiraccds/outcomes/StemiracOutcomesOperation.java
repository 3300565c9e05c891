package org.stemiraccds.outcomes;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;
import org.stemiraccds.fhir.CsvAnswer;
import org.stemiraccds.fhir.FhirServerOperation;

/**
 * {@code [base]/$stemirac-outcomes}: the guideline's §3 Tables 1–4 from this server's records, as a MeasureReport of
 * Measure stemirac-trial-outcomes, or as CSV with {@code _format=text/csv}. Parameters: {@code followUpDay} (days
 * after injury, default 220), {@code windowDays} (either side, default 30), {@code organization} (Organization/id:
 * only its patients, by Patient.managingOrganization). Unknown parameters and impossible values are 400; a server
 * without treated patients, or a window without data, gives a report of zeros and missing counts.
 */
@Component
public class StemiracOutcomesOperation implements FhirServerOperation {
	static final String FOLLOW_UP_DAY = "followUpDay";
	static final String WINDOW_DAYS = "windowDays";
	static final String ORGANIZATION = "organization";
	private static final Set<String> PARAMETERS = Set.of(FOLLOW_UP_DAY, WINDOW_DAYS, ORGANIZATION);
	/** A FHIR id (R4 id datatype), optionally as "Organization/id". */
	private static final Pattern ORGANIZATION_ID = Pattern.compile("(Organization/)?[A-Za-z0-9\\-.]{1,64}");

	private final OutcomeCohort cohort;
	private final OutcomesSettings settings;

	public StemiracOutcomesOperation(OutcomeCohort cohort, OutcomesSettings settings) {
		this.cohort = cohort;
		this.settings = settings;
	}

	@Operation(name = "$stemirac-outcomes", idempotent = true)
	public IBaseResource outcomes(
			@OperationParam(name = FOLLOW_UP_DAY, min = 0, max = 1) StringType followUpDay,
			@OperationParam(name = WINDOW_DAYS, min = 0, max = 1) StringType windowDays,
			@OperationParam(name = ORGANIZATION, min = 0, max = 1) StringType organization,
			RequestDetails request) {
		refuseUnknownParameters(request);
		OutcomeCohort.FollowUp followUp = new OutcomeCohort.FollowUp(
				followUpDay(followUpDay), windowDays(windowDays));
		Optional<String> org = organization(organization);
		List<OutcomeTables.Row> rows = OutcomeTables.rows(cohort.outcomes(followUp, org, request), settings.confidence());
		if (CsvAnswer.wanted(request)) return CsvAnswer.table(OutcomeReport.CSV_HEADER, OutcomeReport.csvRows(rows));
		return OutcomeReport.measureReport(rows, new OutcomeReport.Scope(followUp.day(), followUp.windowDays(), org));
	}

	/** Parameters of the query or the body other than ours and FHIR's own (_format, _pretty…): 400, not ignored. */
	private static void refuseUnknownParameters(RequestDetails request) {
		Set<String> unknown = new TreeSet<>();
		request.getParameters().keySet().stream().filter(StemiracOutcomesOperation::unknown).forEach(unknown::add);
		if (request.getResource() instanceof Parameters body) {
			body.getParameter().stream().map(Parameters.ParametersParameterComponent::getName).filter(StemiracOutcomesOperation::unknown).forEach(unknown::add);
		}
		if (!unknown.isEmpty()) {
			throw new InvalidRequestException("未知のパラメータ / unknown parameter: " + String.join(", ", unknown)
					+ " (使えるのは / use " + new TreeSet<>(PARAMETERS) + ")");
		}
	}

	private static boolean unknown(String name) {
		return name == null || (!name.startsWith("_") && !PARAMETERS.contains(name));
	}

	private int followUpDay(StringType day) {
		if (day == null || day.isEmpty()) return settings.followUpDay();
		int value = integer(FOLLOW_UP_DAY, day);
		if (value < 1) {
			throw new InvalidRequestException("followUpDay は受傷後の日数（1以上）です / followUpDay is a day after injury (at least 1): " + value);
		}
		return value;
	}

	private int windowDays(StringType window) {
		if (window == null || window.isEmpty()) return settings.windowDays();
		int value = integer(WINDOW_DAYS, window);
		if (value < 0 || value > settings.maxWindowDays()) {
			throw new InvalidRequestException("windowDays は 0〜" + settings.maxWindowDays() + " 日です / windowDays must be 0 to "
					+ settings.maxWindowDays() + " days: " + value);
		}
		return value;
	}

	/**
	 * An integer parameter, read here rather than by HAPI: HAPI 8.6.1 answers an IntegerType parameter that is not a
	 * number ("?followUpDay=soon") with a 500.
	 */
	private static int integer(String name, StringType value) {
		try {
			return Integer.parseInt(value.getValue().trim());
		} catch (NumberFormatException e) {
			throw new InvalidRequestException(name + " は整数です / " + name + " must be an integer: " + value.getValue());
		}
	}

	private static Optional<String> organization(StringType organization) {
		if (organization == null || organization.isEmpty()) return Optional.empty();
		String value = organization.getValue().trim();
		if (!ORGANIZATION_ID.matcher(value).matches()) {
			throw new InvalidRequestException("organization は Organization/id です / organization must be Organization/id: " + value);
		}
		return Optional.of(value.startsWith("Organization/") ? value : "Organization/" + value);
	}
}
