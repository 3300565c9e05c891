package org.stemiraccds.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.api.model.DaoMethodOutcome;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The audit trail never fails or holds up the request that produced an event. */
class AuditTrailTest {
	@SuppressWarnings("unchecked")
	private final IFhirResourceDao<AuditEvent> dao = mock(IFhirResourceDao.class);
	private AuditTrail trail;

	@AfterEach
	void stop() {
		if (trail != null) trail.stop();
	}

	@Test
	void aFailingDatabaseIsCountedNotThrown() {
		when(dao.create(any(AuditEvent.class), any(RequestDetails.class))).thenThrow(new InternalErrorException("database down"));
		trail = new AuditTrail(dao, reference -> true, 100, Duration.ofSeconds(1));
		trail.start();
		for (int i = 0; i < 5; i++) {
			assertThatCode(() -> trail.recordAuditEvent(new AuditEvent())).doesNotThrowAnyException();
		}
		await(() -> trail.failed() == 5);
		assertThat(trail.written()).isZero();
		assertThat(trail.dropped()).isZero();
	}

	@Test
	void aFullQueueDropsAndCountsWithoutBlocking() {
		trail = new AuditTrail(dao, reference -> true, 2, Duration.ofSeconds(1));
		long started = System.nanoTime();
		for (int i = 0; i < 5; i++) {
			assertThatCode(() -> trail.recordAuditEvent(new AuditEvent())).doesNotThrowAnyException();
		}
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
		assertThat(trail.queued()).isEqualTo(2);
		assertThat(trail.dropped()).isEqualTo(3);
		verify(dao, never()).create(any(AuditEvent.class), any(RequestDetails.class));
	}

	@Test
	void aFullQueueMakesTheRequestWaitForRoomRatherThanLoseTheEvent() throws InterruptedException {
		trail = new AuditTrail(dao, reference -> true, 1, Duration.ofSeconds(1), Duration.ofSeconds(10), null, 1);
		trail.recordAuditEvent(new AuditEvent());
		Thread request = new Thread(() -> trail.recordAuditEvent(new AuditEvent()));
		request.start();
		request.join(300);
		assertThat(request.isAlive()).as("the second request waits while the queue is full").isTrue();
		trail.start(); // the writer makes room
		request.join(5000);
		assertThat(request.isAlive()).isFalse();
		await(() -> trail.written() == 2);
		assertThat(trail.dropped()).isZero();
	}

	@Test
	void pastTheFullQueueWaitTheEventIsDroppedAndCounted() {
		trail = new AuditTrail(dao, reference -> true, 1, Duration.ofSeconds(1), Duration.ofMillis(200), null, 1);
		trail.recordAuditEvent(new AuditEvent());
		long started = System.nanoTime();
		trail.recordAuditEvent(new AuditEvent());
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
		assertThat(trail.dropped()).isEqualTo(1);
		assertThat(trail.queued()).isEqualTo(1);
	}

	@Test
	void aRequestWhoseAuditFailsIsAnsweredAsUsual() {
		trail = new AuditTrail(dao, reference -> true, 1, Duration.ofSeconds(1));
		trail.recordAuditEvent(new AuditEvent());
		AuditCaptureInterceptor interceptor = new AuditCaptureInterceptor(trail, true);
		ServletRequestDetails request = new ServletRequestDetails();
		request.setFhirServerBase("http://localhost/fhir");
		request.setResourceName("Patient");
		request.setId(new IdType("Patient/x"));
		assertThat(interceptor.failed(request, new ResourceNotFoundException("Patient/x"))).as("HAPI goes on").isTrue();
		assertThatCode(() -> interceptor.hookStoragePrecommitResourceCreated(new org.hl7.fhir.r4.model.Patient(), null))
				.as("an event that cannot be built is skipped").doesNotThrowAnyException();
		assertThat(trail.dropped()).as("the failure event found the queue full").isEqualTo(1);
	}

	@Test
	void aReferenceTheServerRefusesIsKeptAsAnIdentifierAndTheWriteRetried() {
		when(dao.create(any(AuditEvent.class), any(RequestDetails.class)))
				.thenThrow(new InvalidRequestException("Resource Observation/1 is deleted"))
				.thenReturn(new DaoMethodOutcome());
		trail = new AuditTrail(dao, reference -> reference.startsWith("Patient/"), 10, Duration.ofSeconds(1));
		AuditEvent event = new AuditEvent();
		AuditCodes.addPatient(event, "Patient/1");
		AuditCodes.addData(event).getWhat().setReference("Observation/1");
		trail.start();
		trail.recordAuditEvent(event);
		await(() -> trail.written() == 1);
		verify(dao, times(2)).create(any(AuditEvent.class), any(RequestDetails.class));
		assertThat(event.getEntity().get(0).getWhat().getReference()).isEqualTo("Patient/1");
		assertThat(event.getEntity().get(1).getWhat().hasReference()).isFalse();
		assertThat(event.getEntity().get(1).getWhat().getIdentifier().getValue()).isEqualTo("Observation/1");
		assertThat(event.getEntity().get(1).getName()).isEqualTo("Observation/1");
	}

	@Test
	void whatIsQueuedAtShutdownIsStored() {
		when(dao.create(any(AuditEvent.class), any(RequestDetails.class))).thenReturn(new DaoMethodOutcome());
		trail = new AuditTrail(dao, reference -> true, 10, Duration.ofSeconds(2));
		trail.recordAuditEvent(new AuditEvent());
		trail.recordAuditEvent(new AuditEvent());
		trail.start();
		trail.stop();
		assertThat(trail.written()).isEqualTo(2);
		assertThat(trail.queued()).isZero();
	}

	@Test
	void eventsQueuedWhileTheWriterWasBusyAreStoredTogether() {
		List<List<AuditEvent>> batches = new CopyOnWriteArrayList<>();
		trail = new AuditTrail(dao, reference -> true, 100, Duration.ofSeconds(1), Duration.ZERO, batch -> batches.add(List.copyOf(batch)), 4);
		for (int i = 0; i < 10; i++) trail.recordAuditEvent(new AuditEvent());
		trail.start();
		await(() -> trail.written() == 10);
		assertThat(batches).extracting(List::size).as("at most the batch size each").containsExactly(4, 4, 2);
		verify(dao, never()).create(any(AuditEvent.class), any(RequestDetails.class));
		assertThat(trail.failed()).isZero();
	}

	@Test
	void aBatchThatFailsIsStoredEventByEventSoOneRefusalLosesNothingElse() {
		AuditEvent refused = new AuditEvent();
		List<List<AuditEvent>> attempts = new CopyOnWriteArrayList<>();
		trail = new AuditTrail(dao, reference -> true, 100, Duration.ofSeconds(1), Duration.ZERO, batch -> {
			attempts.add(List.copyOf(batch));
			if (batch.contains(refused)) throw new InternalErrorException("one entry refused: the whole transaction rolled back");
		}, 10);
		trail.recordAuditEvent(new AuditEvent());
		trail.recordAuditEvent(refused);
		trail.recordAuditEvent(new AuditEvent());
		trail.start();
		await(() -> trail.written() + trail.failed() == 3);
		assertThat(trail.written()).isEqualTo(2);
		assertThat(trail.failed()).isEqualTo(1);
		assertThat(attempts).extracting(List::size).as("the batch, then each event alone, the same way").containsExactly(3, 1, 1, 1);
		verify(dao, never()).create(any(AuditEvent.class), any(RequestDetails.class));
	}

	@Test
	void whatIsQueuedAtShutdownIsStoredInBatches() {
		List<Integer> batches = new CopyOnWriteArrayList<>();
		trail = new AuditTrail(dao, reference -> true, 100, Duration.ofSeconds(2), Duration.ZERO, batch -> batches.add(batch.size()), 3);
		for (int i = 0; i < 5; i++) trail.recordAuditEvent(new AuditEvent());
		trail.start();
		trail.stop();
		assertThat(trail.written()).isEqualTo(5);
		assertThat(trail.queued()).isZero();
	}

	private static void await(BooleanSupplier condition) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
			try {
				Thread.sleep(20);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(e);
			}
		}
	}

	@Test
	void theHealthIndicatorReportsTheBacklogAndTheLosses() {
		when(dao.create(any(AuditEvent.class), any(RequestDetails.class))).thenReturn(new DaoMethodOutcome());
		trail = new AuditTrail(dao, reference -> true, 2, Duration.ofSeconds(1));
		for (int i = 0; i < 3; i++) trail.recordAuditEvent(new AuditEvent());
		AuditTrailHealth health = new AuditTrailHealth(trail);
		assertThat(health.health().getStatus()).isEqualTo(org.springframework.boot.actuate.health.Status.UP);
		assertThat(health.health().getDetails()).containsEntry("queued", 2).containsEntry("dropped", 1L).containsEntry("written", 0L);
		trail.start();
		await(() -> trail.written() == 2);
		assertThat(health.health().getDetails()).containsEntry("queued", 0).containsEntry("written", 2L).containsEntry("failed", 0L);
	}
}
