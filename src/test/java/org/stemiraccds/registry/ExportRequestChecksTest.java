package org.stemiraccds.registry;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.api.server.bulk.BulkExportJobParameters;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The kick-off checks without a server: each refuses what it must, in Japanese or English, and lets the rest through. */
class ExportRequestChecksTest {
	private static final Instant NOW = Instant.parse("2026-11-25T01:00:00Z");
	private final ExportRequestChecks checks = new ExportRequestChecks(FhirContext.forR4Cached(), Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void aSinceAfterNowIsRefusedOneBeforeOrAtNowIsNot() {
		assertThatThrownBy(() -> checks.kickOff(since(NOW.plusSeconds(1)), request("ja")))
				.isInstanceOf(InvalidRequestException.class).hasMessageContaining("未来の日時");
		assertThatThrownBy(() -> checks.kickOff(since(NOW.plusSeconds(3600)), request("en")))
				.hasMessageContaining("lies in the future");
		assertThatCode(() -> checks.kickOff(since(NOW), request("ja"))).doesNotThrowAnyException();
		assertThatCode(() -> checks.kickOff(new BulkExportJobParameters(), request("ja"))).doesNotThrowAnyException();
	}

	@Test
	void aGroupExportOfATypeOutsideThePatientCompartmentIsRefused() {
		assertThatThrownBy(() -> checks.incoming(groupExport("Patient,Medication,NoSuchType", "en")))
				.isInstanceOf(InvalidRequestException.class).hasMessageContaining("Medication,NoSuchType cannot be exported");
		assertThatThrownBy(() -> checks.incoming(groupExport("Medication", "ja"))).hasMessageContaining("Patient コンパートメント");
		assertThatCode(() -> checks.incoming(groupExport("Patient,Observation,AdverseEvent,DetectedIssue,Group", "ja")))
				.doesNotThrowAnyException();
		SystemRequestDetails system = groupExport("Medication", "ja");
		system.setResourceName(null);
		assertThatCode(() -> checks.incoming(system)).as("a system export may name Medication").doesNotThrowAnyException();
	}

	private static BulkExportJobParameters since(Instant since) {
		BulkExportJobParameters parameters = new BulkExportJobParameters();
		parameters.setSince(Date.from(since));
		return parameters;
	}

	private static SystemRequestDetails request(String language) {
		SystemRequestDetails request = new SystemRequestDetails();
		request.addHeader("Accept-Language", language);
		return request;
	}

	private static SystemRequestDetails groupExport(String types, String language) {
		SystemRequestDetails request = request(language);
		request.setOperation(ExportRequestChecks.EXPORT);
		request.setResourceName("Group");
		request.setParameters(Map.of("_type", new String[] {types}));
		return request;
	}
}
