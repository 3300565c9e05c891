package org.stemiraccds.registry;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.bulk.BulkExportJobParameters;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.stemiraccds.cds.cards.RuleTexts;
import org.stemiraccds.errors.ErrorTexts;
import org.stemiraccds.fhir.FhirServerInterceptor;
import org.stemiraccds.security.smart.PatientCompartment;

/**
 * What HAPI's Bulk Data export would accept and should not, or refuses in English only (FHIR Bulk Data Access 2.0,
 * kick-off request): a {@code _since} later than now (every file would be empty, whatever is written later: a mistyped
 * date, answered 400 instead), and for a Group export a {@code _type} outside the Patient compartment (answered 400 in
 * the request's language, naming what cannot be asked for, before HAPI's own check). Unknown groups are HAPI's 404.
 */
@Component
public class ExportRequestChecks implements FhirServerInterceptor {
	static final String EXPORT = "$export";
	private static final String TYPE = "_type";
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

	/** A Group kick-off's _type, as sent in the URL (HAPI checks the types before any bulk export hook runs). */
	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
	public void incoming(RequestDetails request) {
		if (!EXPORT.equals(request.getOperation()) || !"Group".equals(request.getResourceName())) return;
		String[] values = request.getParameters() == null ? null : request.getParameters().get(TYPE);
		if (values == null) return;
		List<String> types = Arrays.stream(values).flatMap(v -> Arrays.stream(v.split(","))).map(String::trim)
				.filter(t -> !t.isEmpty()).toList();
		List<String> outside = unsupportedForGroup(types);
		if (!outside.isEmpty()) {
			throw refused("export-type-unsupported", request.getHeader("Accept-Language"), Map.of("types", String.join(",", outside)));
		}
	}

	@Hook(Pointcut.STORAGE_PRE_INITIATE_BULK_EXPORT)
	public void kickOff(BulkExportJobParameters parameters, RequestDetails request) {
		String language = request == null ? null : request.getHeader("Accept-Language");
		if (parameters.getSince() != null && parameters.getSince().toInstant().isAfter(Instant.now(clock))) {
			throw refused("export-since-future", language, Map.of("since", parameters.getSince().toInstant().toString()));
		}
	}

	/** The requested types a Group export cannot hold: not in the Patient compartment (and not the Group itself). */
	List<String> unsupportedForGroup(List<String> types) {
		return types.stream()
				.filter(type -> !"Group".equals(type) && !PatientCompartment.includesType(fhirContext, type))
				.toList();
	}

	private static InvalidRequestException refused(String code, String language, Map<String, String> values) {
		return new InvalidRequestException(ErrorTexts.message(code, RuleTexts.locale(language), values));
	}
}
