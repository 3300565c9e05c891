package org.stemiraccds.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.stemiraccds.fhir.FhirHttp;
import org.stemiraccds.fhir.ServerTestBase;
import org.stemiraccds.reminders.ReminderTasks;

/**
 * A rest-hook Subscription on Task: the reminder job creates a Task, the local receiver gets it (PUT of the Task, as
 * HAPI delivers a payload), with no Authorization header the Subscription did not name; an endpoint that redirects is
 * not followed.
 */
class SubscriptionDeliveryIT extends ServerTestBase {
	private final String run = UUID.randomUUID().toString().substring(0, 8);

	@Test
	void aReminderTaskIsDeliveredToTheRestHookAndRedirectsAreNotFollowed() throws Exception {
		String p = "sub-" + run;
		try (HookReceiver receiver = new HookReceiver()) {
			// only this test's patient: the job also writes Tasks for every other patient the shared server holds
			String hook = subscribe(receiver.url("/hook"), p);
			String redirecting = subscribe(receiver.url("/redirect"), p);
			awaitActive(hook);
			awaitActive(redirecting);

			put(new Patient().setGender(Enumerations.AdministrativeGender.FEMALE).setId(p));
			Condition sci = new Condition();
			sci.setId(p + "-sci");
			sci.getCode().addCoding().setSystem("http://hl7.org/fhir/sid/icd-10").setCode("S24.1");
			sci.getClinicalStatus().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/condition-clinical").setCode("active");
			sci.setSubject(new Reference("Patient/" + p)).setOnset(new DateTimeType(LocalDate.parse("2026-11-25").minusDays(26).toString()));
			put(sci);
			FhirHttp.Response run = http.post("/fhir/$stemirac-reminders",
					"{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"now\",\"valueDateTime\":\"2026-11-25T10:00:00+09:00\"}]}");
			assertThat(run.status()).as(run.body()).isEqualTo(200);
			assertThat(run.body()).contains("Patient/" + p);

			HookReceiver.Received delivered = receiver.await(r -> r.path().startsWith("/hook/Task/") && r.body().contains("Patient/" + p),
					Duration.ofSeconds(60));
			assertThat(delivered.method()).isEqualTo("PUT");
			Task task = FhirHttp.R4.newJsonParser().parseResource(Task.class, delivered.body());
			assertThat(task.getIdentifierFirstRep().getSystem()).isEqualTo(ReminderTasks.SYSTEM);
			assertThat(task.getFor().getReference()).isEqualTo("Patient/" + p);
			assertThat(delivered.authorization()).isNull();

			receiver.await(r -> r.path().startsWith("/redirect") && r.body().contains("Patient/" + p), Duration.ofSeconds(60));
			Thread.sleep(1000);
			assertThat(receiver.received).noneMatch(r -> r.path().startsWith("/stolen"));
		}
	}

	private String subscribe(String endpoint, String patient) {
		Subscription subscription = new Subscription();
		subscription.setStatus(Subscription.SubscriptionStatus.REQUESTED);
		subscription.setReason("reminder Tasks");
		subscription.setCriteria("Task?status=requested&subject=Patient/" + patient);
		subscription.getChannel().setType(Subscription.SubscriptionChannelType.RESTHOOK).setEndpoint(endpoint)
				.setPayload("application/fhir+json");
		FhirHttp.Response created = http.post("/fhir/Subscription", FhirHttp.R4.newJsonParser().encodeResourceToString(subscription));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.resource(Subscription.class).getIdElement().getIdPart();
	}

	private void awaitActive(String id) throws InterruptedException {
		Instant end = Instant.now().plusSeconds(60);
		while (Instant.now().isBefore(end)) {
			if (http.get("/fhir/Subscription/" + id).resource(Subscription.class).getStatus() == Subscription.SubscriptionStatus.ACTIVE) return;
			Thread.sleep(250);
		}
		throw new AssertionError("Subscription/" + id + " not active");
	}

	private void put(Resource resource) {
		FhirHttp.Response response = http.put("/fhir/" + resource.fhirType() + "/" + resource.getIdElement().getIdPart(),
				FhirHttp.R4.newJsonParser().encodeResourceToString(resource));
		assertThat(response.status()).as(response.body()).isIn(200, 201);
	}
}
