package org.stemiraccds.registry;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.bulk.BulkExportJobParameters;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.stemiraccds.cds.cards.RuleTexts;
import org.stemiraccds.errors.ErrorTexts;
import org.stemiraccds.fhir.FhirServerInterceptor;
import org.stemiraccds.security.smart.PatientCompartment;

/**
 * What HAPI's Bulk Data export would accept and should not (FHIR Bulk Data Access 2.0, kick-off request): a
 * {@code _since} later than now (every file would be empty, whatever is written later: a mistyped date, answered 400
 * instead), and for a Group export a {@code _type} outside the Patient compartment (HAPI's own refusal, in the
 * request's language and naming what can be asked for). Checked before HAPI validates the kick-off (its own check of
 * the types answers in English). Unknown groups are HAPI's 404.
 */
@Component
public class ExportRequestChecks implements FhirServerInterceptor {
	private final FhirContext fhirContext;
	private final Clock clock;

	@Autowired
	public ExportRequestChecks(FhirContext fhirContext) {
		this(fhirContext, Clock.systemUTC());
	}

	ExportRequestChecks(FhirContext fhirContext, Clock clock) {
		this.fhirContext = fhirContext;
		this.clock = clock;
	}

	@Hook(Pointcut.STORAGE_PRE_INITIATE_BULK_EXPORT)
	public void kickOff(BulkExportJobParameters parameters, RequestDetails request) {
		String language = request == null ? null : request.getHeader("Accept-Language");
		if (parameters.getSince() != null && parameters.getSince().toInstant().isAfter(Instant.now(clock))) {
			throw refused("export-since-future", language, Map.of("since", parameters.getSince().toInstant().toString()));
		}
		if (parameters.getExportStyle() == BulkExportJobParameters.ExportStyle.GROUP) {
			List<String> outside = unsupportedForGroup(parameters.getResourceTypes());
			if (!outside.isEmpty()) throw refused("export-type-unsupported", language, Map.of("types", String.join(",", outside)));
		}
	}

	/** The requested types a Group export cannot hold: not in the Patient compartment (and not the Group itself). */
	List<String> unsupportedForGroup(List<String> types) {
		if (types == null) return List.of();
		return types.stream()
				.filter(type -> !"Group".equals(type) && !PatientCompartment.includesType(fhirContext, type))
				.toList();
	}

	private static InvalidRequestException refused(String code, String language, Map<String, String> values) {
		return new InvalidRequestException(ErrorTexts.message(code, RuleTexts.locale(language), values));
	}
}
