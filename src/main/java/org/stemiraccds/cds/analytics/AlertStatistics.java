package org.stemiraccds.cds.analytics;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.TokenParam;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.springframework.stereotype.Component;
import org.stemiraccds.audit.AuditCodes;

/**
 * Alert statistics from the stored AuditEvents: cards fired per rule from the CDS calls' events (kept for good,
 * unlike the issued-card rows, so a range older than the card lifetime still counts right), accepted and
 * overridden from the feedback's events, both by AuditEvent.recorded (when this server wrote them) within the
 * range. Read page by page through the AuditEvent DAO as the system, never as the caller: the answer holds
 * counts only, no patient.
 */
@Component
public class AlertStatistics {
	private final IFhirResourceDao<AuditEvent> auditEvents;
	private final AlertStatsProperties properties;

	public AlertStatistics(DaoRegistry daos, AlertStatsProperties properties) {
		this.auditEvents = daos.getResourceDao(AuditEvent.class);
		this.properties = properties;
	}

	/** [from, to): from may be null (since the first event); organization "Organization/id" or null (all). */
	public record Range(Instant from, Instant to, String organization) {}

	/** The rules with any card or feedback in the range, ranked (AlertRanking). */
	public List<RuleAlerts> compute(Range range, int minFeedback) {
		AlertCounts counts = new AlertCounts(range.organization());
		each(AuditCodes.SERVICE_CALL, range, counts::addCall);
		each(AuditCodes.FEEDBACK, range, counts::addFeedback);
		return AlertRanking.rank(counts.rules(), minFeedback);
	}

	private void each(Coding subtype, Range range, Consumer<AuditEvent> action) {
		SearchParameterMap search = new SearchParameterMap();
		search.add(AuditEvent.SP_SUBTYPE, new TokenParam(subtype.getSystem(), subtype.getCode()));
		search.add(AuditEvent.SP_DATE, new DateRangeParam(
				range.from() == null ? null : bound(ParamPrefixEnum.GREATERTHAN_OR_EQUALS, range.from()),
				bound(ParamPrefixEnum.LESSTHAN, range.to())));
		IBundleProvider found = auditEvents.search(search, new SystemRequestDetails());
		int pageSize = properties.pageSize();
		for (int from = 0; ; from += pageSize) {
			List<IBaseResource> page = found.getResources(from, from + pageSize);
			page.forEach(event -> action.accept((AuditEvent) event));
			if (page.isEmpty() || (found.size() != null && from + pageSize >= found.size())) return;
		}
	}

	/** To the millisecond: AuditEvent.recorded is an instant. */
	private static DateParam bound(ParamPrefixEnum prefix, Instant instant) {
		return new DateParam(prefix, new DateTimeType(Date.from(instant), TemporalPrecisionEnum.MILLI).getValueAsString());
	}
}
