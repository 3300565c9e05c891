package org.stemiraccds.cds.operations;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;
import org.stemiraccds.cds.analytics.AlertStatistics;
import org.stemiraccds.cds.analytics.AlertStatsProperties;
import org.stemiraccds.cds.analytics.AlertStatsReport;
import org.stemiraccds.cds.analytics.RuleAlerts;
import org.stemiraccds.cds.cards.RuleTexts;
import org.stemiraccds.fhir.CsvAnswer;
import org.stemiraccds.fhir.FhirServerOperation;
import org.stemiraccds.guideline.GuidelineSettings;

/**
 * [base]/$stemirac-alert-stats: per guideline rule, cards fired, accepted and overridden, the override rate and
 * reasons, ranked for a CDS committee (AlertRanking), from the stored AuditEvents (AlertStatistics). Optional
 * {@code start} and {@code end} (date or dateTime; a date is a whole day in stemirac.guideline.zone, both ends
 * included; default: from the first event to now), {@code organization} ("Organization/id" or an id; see
 * AlertAttribution), {@code minFeedback} (default stemirac.cds.alert-stats.min-feedback). A Parameters resource;
 * as CSV with {@code _format=text/csv}. Unknown parameters and a start after the end are 400.
 */
@Component
public class AlertStatsOperation implements FhirServerOperation {
	public static final String NAME = "$stemirac-alert-stats";
	static final Set<String> PARAMETERS = Set.of("start", "end", "organization", "minFeedback");
	/** FHIR's own request parameters (FHIR R4 § 3.1.1.5.7 and the like), allowed on any operation. */
	private static final Set<String> GENERAL = Set.of("_format", "_pretty", "_summary", "_elements");
	private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

	private final AlertStatistics statistics;
	private final AlertStatsProperties properties;
	private final RuleTexts texts;
	private final ZoneId zone;

	public AlertStatsOperation(AlertStatistics statistics, AlertStatsProperties properties, RuleTexts texts,
			GuidelineSettings settings) {
		this.statistics = statistics;
		this.properties = properties;
		this.texts = texts;
		this.zone = settings.zone();
	}

	@Operation(name = NAME, idempotent = true)
	public IBaseResource alertStats(
			@OperationParam(name = "start", min = 0, max = 1) DateTimeType start,
			@OperationParam(name = "end", min = 0, max = 1) DateTimeType end,
			@OperationParam(name = "organization", min = 0, max = 1) StringType organization,
			@OperationParam(name = "minFeedback", min = 0, max = 1) IntegerType minFeedback,
			RequestDetails request) {
		refuseUnknownParameters(request);
		AlertStatsReport report = report(start, end, organization, minFeedback, RuleTexts.locale(request.getHeader("Accept-Language")));
		return CsvAnswer.wanted(request) ? CsvAnswer.table(report.header(), report.rows()) : report.toParameters();
	}

	AlertStatsReport report(DateTimeType start, DateTimeType end, StringType organization, IntegerType minFeedback, Locale locale) {
		Instant from = present(start) ? first(start) : null;
		Instant to = present(end) ? afterLast(end) : Instant.now();
		if (from != null && !from.isBefore(to)) {
			throw new InvalidRequestException("start が end より後です / start is after end: " + start.getValueAsString()
					+ " > " + (present(end) ? end.getValueAsString() : "now"));
		}
		int min = minFeedback(minFeedback);
		AlertStatistics.Range range = new AlertStatistics.Range(from, to, organization(organization));
		List<RuleAlerts> ranked = statistics.compute(range, min);
		return new AlertStatsReport(range, min, ranked, texts, locale);
	}

	/** Unknown parameters are refused rather than ignored: a misspelt "organisation" must not answer for everyone. */
	private static void refuseUnknownParameters(RequestDetails request) {
		List<String> names = new ArrayList<>();
		if (request.getParameters() != null) names.addAll(request.getParameters().keySet());
		if (request.getResource() instanceof Parameters body) body.getParameter().forEach(p -> names.add(p.getName()));
		List<String> unknown = names.stream().filter(n -> !PARAMETERS.contains(n) && !GENERAL.contains(n)).distinct().toList();
		if (!unknown.isEmpty()) {
			throw new InvalidRequestException("未知のパラメータ / unknown parameter: " + String.join(", ", unknown)
					+ " (" + NAME + " takes " + String.join(", ", PARAMETERS.stream().sorted().toList()) + ")");
		}
	}

	private static boolean present(DateTimeType value) {
		return value != null && value.getValue() != null;
	}

	/** The first instant a date or dateTime covers: a date's (year's, month's) first moment in the guideline's zone. */
	private Instant first(DateTimeType value) {
		if (isDate(value)) return firstDay(value).atStartOfDay(zone).toInstant();
		return value.getValue().toInstant();
	}

	/** The first instant after what a date or dateTime covers: the end is included, to its precision. */
	private Instant afterLast(DateTimeType value) {
		if (!isDate(value)) return value.getValue().toInstant().plusMillis(1);
		LocalDate first = firstDay(value);
		LocalDate next = value.getPrecision() == TemporalPrecisionEnum.YEAR ? first.plusYears(1)
				: value.getPrecision() == TemporalPrecisionEnum.MONTH ? first.plusMonths(1) : first.plusDays(1);
		return next.atStartOfDay(zone).toInstant();
	}

	private static boolean isDate(DateTimeType value) {
		return value.getPrecision().ordinal() <= TemporalPrecisionEnum.DAY.ordinal();
	}

	/** The day as written (FHIR dates have no zone), a year's or month's first day. */
	private static LocalDate firstDay(DateTimeType value) {
		int month = value.getPrecision() == TemporalPrecisionEnum.YEAR ? 1 : value.getMonth() + 1;
		int day = value.getPrecision() == TemporalPrecisionEnum.DAY ? value.getDay() : 1;
		return LocalDate.of(value.getYear(), month, day);
	}

	private int minFeedback(IntegerType minFeedback) {
		if (minFeedback == null || minFeedback.getValue() == null) return properties.minFeedback();
		if (minFeedback.getValue() < 0) {
			throw new InvalidRequestException("minFeedback は 0 以上です / minFeedback must not be negative: " + minFeedback.getValue());
		}
		return minFeedback.getValue();
	}

	/** "Organization/id" from either form, or null for every organisation. */
	private static String organization(StringType organization) {
		if (organization == null || organization.isEmpty()) return null;
		String id = organization.getValue().startsWith("Organization/") ? organization.getValue().substring(13) : organization.getValue();
		if (!FHIR_ID.matcher(id).matches()) {
			throw new InvalidRequestException("organization は Organization/[id] か [id] です / organization must be "
					+ "Organization/[id] or [id]: " + organization.getValue());
		}
		return "Organization/" + id;
	}
}
