package org.stemiraccds.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Binary;
import org.junit.jupiter.api.Test;

class CsvAnswerTest {

	@Test
	void quotesOnlyWhereRfc4180NeedsItAndWritesUtf8() {
		Binary answer = CsvAnswer.table(List.of("a", "b"),
				List.of(List.of("1", "x,y"), Arrays.asList("say \"hi\"", null), List.of("改善", "")));
		assertThat(answer.getContentType()).isEqualTo("text/csv; charset=utf-8");
		assertThat(new String(answer.getData(), StandardCharsets.UTF_8))
				.isEqualTo("a,b\r\n1,\"x,y\"\r\n\"say \"\"hi\"\"\",\r\n改善,\r\n");
	}

	@Test
	void csvIsWantedByFormatOrAccept() {
		assertThat(CsvAnswer.wanted(request(Map.of("_format", new String[] {"text/csv"}), null))).isTrue();
		assertThat(CsvAnswer.wanted(request(Map.of("_format", new String[] {"csv"}), null))).isTrue();
		assertThat(CsvAnswer.wanted(request(Map.of(), "text/csv"))).isTrue();
		assertThat(CsvAnswer.wanted(request(Map.of("_format", new String[] {"json"}), null))).isFalse();
		assertThat(CsvAnswer.wanted(request(Map.of(), "application/fhir+json"))).isFalse();
		assertThat(CsvAnswer.wanted(request(Map.of(), null))).isFalse();
	}

	private static SystemRequestDetails request(Map<String, String[]> parameters, String accept) {
		SystemRequestDetails request = new SystemRequestDetails();
		request.setParameters(parameters);
		if (accept != null) request.addHeader("Accept", accept);
		return request;
	}
}
