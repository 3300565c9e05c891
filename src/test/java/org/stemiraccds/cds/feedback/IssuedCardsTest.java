package org.stemiraccds.cds.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceResponseCardJson;
import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceResponseCardSourceJson;
import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceResponseCodingJson;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.stemiraccds.cds.CdsHooksError;

/** Issued cards live stemirac.cds.issued-card-lifetime: then feedback on them is refused and their rows go. */
class IssuedCardsTest {
	private static final Duration LIFETIME = Duration.ofDays(30);
	private final MovableClock clock = new MovableClock(Instant.parse("2026-11-01T00:00:00Z"));
	private JdbcTemplate jdbc;
	private IssuedCards issued;

	@BeforeEach
	void database() {
		jdbc = new JdbcTemplate(new DriverManagerDataSource("jdbc:h2:mem:issued-cards-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
		issued = new IssuedCards(jdbc, LIFETIME, clock);
		issued.createTable();
	}

	@Test
	void aCardIsKnownForItsLifetimeAndNotAfter() {
		String uuid = issue();
		clock.advance(LIFETIME);
		assertThat(issued.find(uuid)).as("on the last instant of its lifetime").isPresent();
		clock.advance(Duration.ofSeconds(1));
		assertThat(issued.find(uuid)).isEmpty();
	}

	@Test
	void expiredRowsArePurgedWhenCardsAreIssued() {
		String old = issue();
		clock.advance(LIFETIME.plusDays(1));
		String fresh = issue();
		assertThat(jdbc.queryForList("SELECT card_uuid FROM stemirac_issued_card", String.class)).containsExactly(fresh);
		assertThat(old).isNotEqualTo(fresh);
	}

	@Test
	@SuppressWarnings("unchecked")
	void feedbackOnAnExpiredCardIsRefusedAsUnknownAndNothingIsStored() {
		String uuid = issue();
		clock.advance(LIFETIME.plusMinutes(1));
		IFhirSystemDao<Bundle, ?> systemDao = mock(IFhirSystemDao.class);
		CardFeedback feedback = new CardFeedback(issued, systemDao);
		ArrayNode items = new ObjectMapper().createArrayNode();
		items.addObject().put("card", uuid).put("outcome", "overridden").put("outcomeTimestamp", "2026-12-01T10:00:00+09:00");
		CdsHooksError refused = catchThrowableOfType(() -> feedback.record("stemirac-order-sign", items), CdsHooksError.class);
		assertThat(refused.status()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(refused.code()).isEqualTo("unknown-card");
		verify(systemDao, never()).transaction(any(), any());
	}

	@Test
	void theLifetimeMustBePositive() {
		assertThat(catchThrowableOfType(() -> new IssuedCards(jdbc, Duration.ZERO, clock), IllegalArgumentException.class))
				.hasMessageContaining("stemirac.cds.issued-card-lifetime");
	}

	private String issue() {
		CdsServiceResponseCardJson card = new CdsServiceResponseCardJson();
		card.setUuid(UUID.randomUUID().toString());
		CdsServiceResponseCardSourceJson source = new CdsServiceResponseCardSourceJson();
		source.setTopic(new CdsServiceResponseCodingJson().setCode("IND-AIS-NOT-ELIGIBLE"));
		card.setSource(source);
		issued.record("stemirac-order-sign", "Patient/p1", "hook-1", List.of(card));
		return card.getUuid();
	}

	/** A clock the test moves forward. */
	private static final class MovableClock extends Clock {
		private Instant now;

		MovableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			now = now.plus(duration);
		}

		@Override
		public Instant instant() {
			return now;
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}
	}
}
