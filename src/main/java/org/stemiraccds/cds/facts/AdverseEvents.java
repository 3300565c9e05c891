package org.stemiraccds.cds.facts;

import java.util.List;
import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.stemiraccds.guideline.PatientFacts.AdverseEventFact;

/**
 * The patient's AdverseEvents as the rules read them. R4 gives an AdverseEvent no status: one marked entered-in-error
 * (R5's status, as its cross-version extension) does not exist; actual events and potential ones (near misses, the
 * product's malfunctions) count alike, since both are reported (§4 ②). Reported: extension adverse-event-reported
 * with a date, of any precision (a month is still a report).
 */
final class AdverseEvents {
	private static final String ENTERED_IN_ERROR = "entered-in-error";
	private final Resources all;
	private final FhirTime time;

	AdverseEvents(Resources all, FhirTime time) {
		this.all = all;
		this.time = time;
	}

	List<AdverseEventFact> facts() {
		return all.of(AdverseEvent.class).stream()
				.filter(event -> !enteredInError(event))
				.map(event -> new AdverseEventFact(FactsAssembler.id(event), time.instant(event.getDateElement()), reported(event)))
				.toList();
	}

	private static boolean enteredInError(AdverseEvent event) {
		Extension status = event.getExtensionByUrl(FhirCodes.ADVERSE_EVENT_R5_STATUS_EXTENSION);
		return status != null && status.getValue() instanceof CodeType code && ENTERED_IN_ERROR.equals(code.getValue());
	}

	private static boolean reported(AdverseEvent event) {
		return event.getExtensionsByUrl(FhirCodes.ADVERSE_EVENT_REPORTED_EXTENSION).stream()
				.anyMatch(e -> e.getValue() instanceof DateTimeType date && date.hasValue()
						|| e.getValue() instanceof PrimitiveType<?> other && other.hasValue());
	}
}
