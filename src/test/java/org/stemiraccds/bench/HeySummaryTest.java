package org.stemiraccds.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The load run's reading of hey's summary: its error count decides whether the run fails. */
class HeySummaryTest {
	private static final String ALL_ANSWERED = """

			Summary:
			  Total:	60.0104 secs
			  Slowest:	0.9120 secs
			  Fastest:	0.0021 secs
			  Average:	0.0310 secs
			  Requests/sec:	193.2331

			Response time histogram:
			  0.002 [1]	|
			  0.093 [11582]	|■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■■

			Latency distribution:
			  10% in 0.0081 secs
			  50% in 0.0234 secs
			  99% in 0.1507 secs

			Status code distribution:
			  [200]	11596 responses
			""";

	@Test
	void allAnsweredWith200IsNoError() {
		HeySummary summary = HeySummary.parse(ALL_ANSWERED);
		assertThat(summary.seconds()).isEqualTo(60.0104);
		assertThat(summary.p50Millis()).isEqualTo(23.4, org.assertj.core.data.Offset.offset(1e-9));
		assertThat(summary.p99Millis()).isEqualTo(150.7, org.assertj.core.data.Offset.offset(1e-9));
		assertThat(summary.statuses()).isEqualTo(Map.of(200, 11596L));
		assertThat(summary.requests()).isEqualTo(11596);
		assertThat(summary.errors()).isZero();
	}

	@Test
	void non2xxAnswersAndUnansweredRequestsAreErrors() {
		HeySummary summary = HeySummary.parse(ALL_ANSWERED.replace("  [200]	11596 responses\n", """
				  [201]	11000 responses
				  [422]	3 responses
				  [500]	2 responses

				Error distribution:
				  [5]	Post "http://localhost:8080/fhir": dial tcp 127.0.0.1:8080: connect: connection refused
				  [1]	Post "http://localhost:8080/fhir": context deadline exceeded (Client.Timeout exceeded while awaiting headers)
				"""));
		assertThat(summary.failedStatuses()).isEqualTo(5);
		assertThat(summary.unanswered()).isEqualTo(6);
		assertThat(summary.errors()).isEqualTo(11);
		assertThat(summary.requests()).isEqualTo(11011);
		assertThat(summary.errorMessages()).hasSize(2).first().asString().startsWith("5× Post").contains("connection refused");
	}

	@Test
	void p99OfFewerThan100AnswersIsTheSlowest() {
		HeySummary summary = HeySummary.parse(ALL_ANSWERED.replace("  99% in 0.1507 secs\n", "").replace("11596 responses", "28 responses"));
		assertThat(summary.p99Millis()).isEqualTo(912.0, org.assertj.core.data.Offset.offset(1e-9));
		assertThat(summary.p50Millis()).isEqualTo(23.4, org.assertj.core.data.Offset.offset(1e-9));
	}

	@Test
	void nothingAnsweredHasNoPercentiles() {
		HeySummary summary = HeySummary.parse("""
				Summary:
				  Total:	1.0014 secs

				Status code distribution:

				Error distribution:
				  [5596]	Get "http://localhost:18766/": dial tcp 127.0.0.1:18766: connect: connection refused
				""");
		assertThat(summary.p50Millis()).isNaN();
		assertThat(summary.errors()).isEqualTo(5596);
	}

	@Test
	void notASummaryIsRefused() {
		assertThatThrownBy(() -> HeySummary.parse("flag provided but not defined: -z")).hasMessageContaining("not a hey summary");
	}
}
