package org.stemiraccds.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.PayloadTooLargeException;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.stereotype.Component;

/**
 * Refuses a transaction or batch Bundle (FHIR R4 § 3.1.0.11) of more than stemirac.fhir.max-bundle-entries
 * entries with 413, once it is parsed and before any entry is processed. HAPI's own
 * maximumTransactionBundleSize (also set, see JpaServerConfig) covers transactions only, not batches, and
 * answers in English only.
 */
@Component
public class BundleSizeLimit implements FhirServerInterceptor {
	private final int maxEntries;

	public BundleSizeLimit(FhirServerProperties properties) {
		this.maxEntries = properties.maxBundleEntries();
	}

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
	public void refuseOversizedBundle(RequestDetails request, RestOperationTypeEnum operation) {
		if (operation != RestOperationTypeEnum.TRANSACTION || !(request.getResource() instanceof Bundle bundle)) return;
		int entries = bundle.getEntry().size();
		if (entries <= maxEntries) return;
		String text = FhirRefusals.text(request.getHeader("Accept-Language"), "error.fhir.bundle-too-large",
				Map.of("count", entries, "limit", maxEntries));
		throw new PayloadTooLargeException(text, FhirRefusals.outcome(request.getFhirContext(), text, "too-long"));
	}
}
