package org.stemiraccds.cds.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stemiraccds.cds.facts.Fhir.*;

import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.stemiraccds.guideline.PatientFacts;
import org.stemiraccds.guideline.PatientFacts.AdverseEventFact;

/** AdverseEvents as R4 writes them: no status of its own (R5's as an extension), reported by our extension. */
class FactsAssemblerAdverseEventsTest {
	@Test
	void anAdverseEventIsReportedWhenItsReportIsDated() {
		PatientFacts facts = record(event("open", null), event("reported", "2026-11-26T09:00:00+09:00"), event("month", "2026-11"));
		assertThat(facts.adverseEvents()).extracting(AdverseEventFact::id, AdverseEventFact::reported).containsExactly(
				org.assertj.core.groups.Tuple.tuple("AdverseEvent/open", false),
				org.assertj.core.groups.Tuple.tuple("AdverseEvent/reported", true),
				org.assertj.core.groups.Tuple.tuple("AdverseEvent/month", true));
	}

	@Test
	void anAdverseEventEnteredInErrorDoesNotExistOtherStatusesDo() {
		AdverseEvent mistaken = event("mistaken", null);
		mistaken.addExtension(FhirCodes.ADVERSE_EVENT_R5_STATUS_EXTENSION, new CodeType("entered-in-error"));
		AdverseEvent completed = event("completed", null);
		completed.addExtension(FhirCodes.ADVERSE_EVENT_R5_STATUS_EXTENSION, new CodeType("completed"));
		AdverseEvent nearMiss = event("near-miss", null).setActuality(AdverseEvent.AdverseEventActuality.POTENTIAL);
		assertThat(record(mistaken, completed, nearMiss).adverseEvents()).extracting(AdverseEventFact::id)
				.containsExactly("AdverseEvent/completed", "AdverseEvent/near-miss");
	}

	@Test
	void theDateIsReadToTheDayAndAPartialOneIsUnknown() {
		AdverseEvent day = event("day", null).setDateElement(new DateTimeType("2026-11-20"));
		AdverseEvent year = event("year", null).setDateElement(new DateTimeType("2026"));
		assertThat(record(day, year).adverseEvents()).extracting(e -> e.date().isPresent()).containsExactly(true, false);
	}

	private static AdverseEvent event(String id, String reported) {
		AdverseEvent event = withId(new AdverseEvent(), id);
		event.setActuality(AdverseEvent.AdverseEventActuality.ACTUAL).setSubject(new Reference("Patient/p"));
		if (reported != null) event.addExtension(FhirCodes.ADVERSE_EVENT_REPORTED_EXTENSION, new DateTimeType(reported));
		return event;
	}
}
