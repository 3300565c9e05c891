package org.stemiraccds.reminders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stemiraccds.reminders.ReminderRecords.ROLE;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.MedicationRequest.MedicationRequestStatus;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stemiraccds.fhir.FhirHttp;
import org.stemiraccds.fhir.ServerTestBase;
import org.stemiraccds.guideline.rules.facility.FacRegistry;
import org.stemiraccds.guideline.rules.indication.IndAisMissing;
import org.stemiraccds.guideline.rules.process.OutFollowup;
import org.stemiraccds.guideline.rules.timing.TimBmCountdown;
import org.stemiraccds.guideline.RuleDefinition;

/**
 * $stemirac-reminders with a pinned clock (2026-11-25 10:00 JST) on patients at each deadline, created through
 * /fhir in our profiles' shapes: Tasks are created once with rule, section, owner, due date and patient; a change
 * of the record completes or cancels them; an out-of-scope patient gets none; bad input is 400.
 */
class RemindersIT extends ServerTestBase {
	private static final String NOW = "2026-11-25T10:00:00+09:00";
	private static final LocalDate TODAY = LocalDate.parse("2026-11-25");
	private final String run = UUID.randomUUID().toString().substring(0, 8);

	@BeforeEach
	void loadDemo() {
		loadDemoBundle(); // the demo physician's PractitionerRole, Practitioner and Organization
	}

	@Test
	void marrowTaskAppearsSevenDaysBeforeDay31OnceAndIsCompletedByTheCollection() {
		String p = "rem-bm-" + run;
		LocalDate injury = TODAY.minusDays(26);
		put(ReminderRecords.patient(p), ReminderRecords.injury(p, injury), ReminderRecords.marrowOrder(p, "2026-11-28T10:00:00+09:00"));

		assertThat(tasks(reminders("2026-11-18T10:00:00+09:00"), "created", p)).as("day 19: before the 7 days").isEmpty();
		List<Task> created = tasks(reminders(NOW), "created", p);
		assertThat(created).hasSize(1);
		Task task = created.get(0);
		assertRule(task, TimBmCountdown.class);
		assertThat(task.getFor().getReference()).isEqualTo("Patient/" + p);
		assertThat(task.getOwner().getReference()).isEqualTo(ROLE);
		assertThat(task.getFocus().getReference()).isEqualTo("Condition/" + p + "-sci");
		assertThat(task.getRestriction().getPeriod().getEndElement().getValueAsString()).isEqualTo(injury.plusDays(31).toString());
		assertThat(task.getStatus()).isEqualTo(Task.TaskStatus.REQUESTED);
		assertThat(task.getDescription()).contains("骨髄液採取", injury.plusDays(31).toString(), "box; §6④");
		assertThat(english(task.getDescriptionElement())).contains("bone-marrow collection target", "day 31");

		assertThat(tasks(reminders(NOW), "created", p)).as("second run").isEmpty();
		assertThat(stored(p)).hasSize(1);

		put(ReminderRecords.marrowDone(p, "2026-11-25T09:00:00+09:00"));
		List<Task> completed = tasks(reminders(NOW), "completed", p);
		assertThat(completed).extracting(t -> t.getIdElement().getIdPart()).containsExactly(task.getIdElement().getIdPart());
		assertThat(stored(p)).singleElement().satisfies(t -> {
			assertThat(t.getStatus()).isEqualTo(Task.TaskStatus.COMPLETED);
			assertThat(t.getStatusReason().getText()).contains("完了");
		});
		Parameters after = reminders(NOW);
		assertThat(tasks(after, "created", p)).isEmpty();
		assertThat(tasks(after, "completed", p)).isEmpty();
	}

	@Test
	void aisTaskBeforeAPlannedAdministrationIsDueAtThePlannedMomentAndCompletedByAnAis() {
		String p = "rem-ais-" + run;
		put(ReminderRecords.patient(p), ReminderRecords.injury(p, TODAY.minusDays(45)), ReminderRecords.marrowDone(p, "2026-10-31T10:00:00+09:00"),
				ReminderRecords.ais(p + "-ais-old", p, "A", "2026-11-10T09:00:00+09:00"), ReminderRecords.lot(p),
				ReminderRecords.order(p, MedicationRequestStatus.ACTIVE, "2026-11-28T10:00:00+09:00"));

		List<Task> created = tasks(reminders(NOW), "created", p);
		assertThat(created).singleElement().satisfies(task -> {
			assertRule(task, IndAisMissing.class);
			assertThat(task.getOwner().getReference()).isEqualTo(ROLE);
			assertThat(task.getFocus().getReference()).isEqualTo("MedicationRequest/" + p + "-order");
			assertThat(task.getRestriction().getPeriod().getEndElement().getValue())
					.isEqualTo(new DateTimeType("2026-11-28T10:00:00+09:00").getValue());
			assertThat(task.getRestriction().getPeriod().getStartElement().getValueAsString()).isEqualTo("2026-11-21");
			assertThat(english(task.getDescriptionElement())).contains("No AIS", "7 days before the planned STEMIRAC administration");
		});
		assertThat(tasks(reminders(NOW), "created", p)).isEmpty();

		put(ReminderRecords.ais(p + "-ais-pre", p, "A", "2026-11-25T09:00:00+09:00"));
		assertThat(tasks(reminders(NOW), "completed", p)).hasSize(1);
		assertThat(stored(p)).extracting(Task::getStatus).containsExactly(Task.TaskStatus.COMPLETED);
	}

	@Test
	void treatedPatientGetsTheFollowUpAndRegistryTasksAndTheRegistryEpisodeCompletesOne() {
		String p = "rem-tx-" + run;
		LocalDate injury = TODAY.minusDays(210);
		put(ReminderRecords.patient(p), ReminderRecords.injury(p, injury), ReminderRecords.marrowDone(p, "2026-05-10T10:00:00+09:00"),
				ReminderRecords.lot(p), ReminderRecords.order(p, MedicationRequestStatus.COMPLETED, "2026-06-05T10:00:00+09:00"),
				ReminderRecords.given(p, "2026-06-05T10:00:00+09:00"));

		List<Task> created = tasks(reminders(NOW), "created", p);
		assertThat(created).extracting(t -> t.getReasonCode().getCodingFirstRep().getCode())
				.containsExactlyInAnyOrder(id(OutFollowup.class), id(FacRegistry.class));
		Task followUp = byRule(created, OutFollowup.class);
		assertThat(followUp.getRestriction().getPeriod().getEndElement().getValueAsString()).isEqualTo(injury.plusDays(220 + 14).toString());
		assertThat(followUp.getOwner().getReference()).isEqualTo(ROLE);
		assertThat(followUp.getDescription()).contains("220");
		Task registry = byRule(created, FacRegistry.class);
		assertThat(registry.getRestriction().getPeriod().getEndElement().getValueAsString()).isEqualTo("2026-07-05");
		assertThat(registry.getFocus().getReference()).isEqualTo("MedicationAdministration/" + p + "-given");

		assertThat(tasks(reminders(NOW), "created", p)).isEmpty();
		put(ReminderRecords.registry(p));
		Parameters after = reminders(NOW);
		assertThat(tasks(after, "completed", p)).extracting(t -> t.getIdElement().getIdPart())
				.containsExactly(registry.getIdElement().getIdPart());
		assertThat(tasks(after, "cancelled", p)).isEmpty();
		assertThat(stored(p)).filteredOn(t -> t.getStatus() == Task.TaskStatus.REQUESTED)
				.extracting(t -> t.getReasonCode().getCodingFirstRep().getCode()).containsExactly(id(OutFollowup.class));
	}

	@Test
	void outOfScopePatientGetsNoTaskAndAnIneligibleAisCancelsTheMarrowTask() {
		String old = "rem-old-" + run;
		// a recent fracture brings the job to them (the candidate search); the injury 400 days ago puts them out of scope
		put(ReminderRecords.patient(old), ReminderRecords.injury(old, TODAY.minusDays(400)), ReminderRecords.fracture(old, TODAY.minusDays(3)));
		String p = "rem-d-" + run;
		put(ReminderRecords.patient(p), ReminderRecords.injury(p, TODAY.minusDays(27)));

		Parameters first = reminders(NOW);
		assertThat(tasks(first, "created", old)).isEmpty();
		assertThat(stored(old)).isEmpty();
		Task marrow = tasks(first, "created", p).get(0);
		assertThat(marrow.hasOwner()).as("no physician and no organisation on record").isFalse();

		put(ReminderRecords.ais(p + "-ais", p, "D", "2026-11-24T09:00:00+09:00"));
		assertThat(tasks(reminders(NOW), "cancelled", p)).extracting(t -> t.getIdElement().getIdPart())
				.containsExactly(marrow.getIdElement().getIdPart());
		assertThat(stored(p)).singleElement().satisfies(t -> {
			assertThat(t.getStatus()).isEqualTo(Task.TaskStatus.CANCELLED);
			assertThat(english(t.getStatusReason().getTextElement())).contains("no longer applies");
		});
	}

	@Test
	void twoRunsAtOnceStoreOneTask() throws Exception {
		String p = "rem-race-" + run;
		put(ReminderRecords.patient(p), ReminderRecords.injury(p, TODAY.minusDays(25)));
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
		try {
			List<java.util.concurrent.Future<Parameters>> runs = pool.invokeAll(List.of(() -> reminders(NOW), () -> reminders(NOW)));
			int created = 0;
			for (java.util.concurrent.Future<Parameters> result : runs) {
				created += tasks(result.get(), "created", p).size();
				assertThat(result.get().getParameter()).noneMatch(part -> part.getName().equals("failed")
						&& ((org.hl7.fhir.r4.model.Reference) part.getValue()).getReference().contains(p));
			}
			assertThat(created).isEqualTo(1);
		} finally {
			pool.shutdownNow();
		}
		assertThat(stored(p)).hasSize(1);
	}

	@Test
	void badInputIs400WithAnOperationOutcome() {
		FhirHttp.Response dayOnly = http.post("/fhir/$stemirac-reminders", parameters("now", "2026-11-25"));
		assertThat(dayOnly.status()).isEqualTo(400);
		assertThat(dayOnly.diagnostics()).contains("now must be a date-time");
		FhirHttp.Response garbage = http.post("/fhir/$stemirac-reminders", parameters("now", "tomorrow"));
		assertThat(garbage.status()).isEqualTo(400);
		assertThat(garbage.body()).contains("OperationOutcome");
		FhirHttp.Response unknown = http.post("/fhir/$stemirac-reminders", parameters("when", NOW));
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.diagnostics()).contains("unknown parameter: when");
		assertThat(http.post("/fhir/$stemirac-reminders", parameters("now", NOW)).status()).isEqualTo(200);
	}

	private Parameters reminders(String now) {
		FhirHttp.Response response = http.post("/fhir/$stemirac-reminders", parameters("now", now));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.resource(Parameters.class);
	}

	private static String parameters(String name, String value) {
		return "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"" + name + "\",\"valueDateTime\":\"" + value + "\"}]}";
	}

	private static List<Task> tasks(Parameters result, String name, String patient) {
		return result.getParameter().stream().filter(p -> p.getName().equals(name))
				.map(p -> (Task) p.getResource())
				.filter(t -> t.getFor().getReference().equals("Patient/" + patient))
				.toList();
	}

	private List<Task> stored(String patient) {
		FhirHttp.Response response = http.get("/fhir/Task?subject=Patient/" + patient);
		assertThat(response.status()).isEqualTo(200);
		return response.resource(Bundle.class).getEntry().stream().map(e -> (Task) e.getResource()).toList();
	}

	private void put(Resource... resources) {
		for (Resource resource : resources) {
			FhirHttp.Response response = http.put("/fhir/" + resource.fhirType() + "/" + resource.getIdElement().getIdPart(),
					FhirHttp.R4.newJsonParser().encodeResourceToString(resource));
			assertThat(response.status()).as(response.body()).isIn(200, 201);
		}
	}

	private static void assertRule(Task task, Class<?> rule) {
		RuleDefinition definition = rule.getAnnotation(RuleDefinition.class);
		assertThat(task.getReasonCode().getCodingFirstRep().getSystem()).isEqualTo("https://stemirac-cds.org/fhir/CodeSystem/guideline-rule");
		assertThat(task.getReasonCode().getCodingFirstRep().getCode()).isEqualTo(definition.id());
		assertThat(task.getReasonCode().getText()).isEqualTo(definition.section());
		assertThat(task.getIdentifierFirstRep().getSystem()).isEqualTo(ReminderTasks.SYSTEM);
	}

	private static Task byRule(List<Task> tasks, Class<?> rule) {
		return tasks.stream().filter(t -> t.getReasonCode().getCodingFirstRep().getCode().equals(id(rule))).findFirst().orElseThrow();
	}

	private static String id(Class<?> rule) {
		return rule.getAnnotation(RuleDefinition.class).id();
	}

	private static String english(StringType element) {
		return element.getExtensionsByUrl("http://hl7.org/fhir/StructureDefinition/translation").stream()
				.flatMap(t -> t.getExtensionsByUrl("content").stream())
				.map(Extension::getValue).map(v -> v.primitiveValue())
				.findFirst().orElse("");
	}
}
