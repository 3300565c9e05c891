package org.stemiraccds.reminders;

import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.stemiraccds.cds.facts.FactsAssembler;
import org.stemiraccds.cds.facts.FhirCodes;
import org.stemiraccds.cds.record.PatientRecordLoader;
import org.stemiraccds.cds.record.ReferencedResources;
import org.stemiraccds.conformance.ValueSetIndex;
import org.stemiraccds.guideline.GuidelineSettings;
import org.stemiraccds.guideline.Hook;
import org.stemiraccds.guideline.PatientFacts;
import org.stemiraccds.security.Caller;

/**
 * One run of the reminder job at a moment: finds the patients a deadline may concern, reads each one's record
 * through the evaluation pipeline (record → facts), and brings their reminder Tasks in line with the deadlines:
 * creates the missing ones, completes those whose condition is met, cancels those that no longer apply.
 */
@Component
public class ReminderJob {
	private static final Logger log = LoggerFactory.getLogger(ReminderJob.class);
	/** The job reads and writes as the server itself, whoever (or no one: the schedule) started it. */
	static final Caller JOB = new Caller("stemirac-cds", "reminder-job", Set.of("system/*.*"), Optional.empty(), List.of(), false);

	private final PatientRecordLoader loader;
	private final FactsAssembler assembler;
	private final Deadlines deadlines;
	private final ReminderTasks tasks;
	private final GuidelineSettings guideline;

	public ReminderJob(PatientRecordLoader loader, ValueSetIndex codeSets, GuidelineSettings guideline, ReminderSettings settings,
			ReminderTasks tasks) {
		this.loader = loader;
		this.assembler = new FactsAssembler(codeSets, guideline.zone());
		this.deadlines = new Deadlines(guideline, settings);
		this.tasks = tasks;
		this.guideline = guideline;
	}

	/** What one run did. */
	public record Outcome(List<Task> created, List<Task> completed, List<Task> cancelled, List<String> failedPatients) {}

	public Outcome run(Instant now) {
		return asJob(() -> {
			Outcome outcome = new Outcome(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
			for (String patient : candidates(now)) {
				try {
					reconcile(patient, now, outcome);
				} catch (RuntimeException e) {
					// one unreadable record must not keep the other patients' reminders from being made
					log.warn("Reminders for {} failed: {}", patient, e.toString());
					outcome.failedPatients().add(patient);
				}
			}
			return outcome;
		});
	}

	private void reconcile(String patient, Instant now, Outcome outcome) {
		SystemRequestDetails request = new SystemRequestDetails();
		PatientRecordLoader.Record record = loader.load(new IdType(patient), List.of(), request);
		List<MedicationRequest> orders = stemiracOrders(record);
		Optional<Reference> requester = collectionRequester(record);
		List<Resource> resources = new ArrayList<>(record.resources());
		resources.addAll(ReferencedResources.missingFrom(record.resources(), List.of(), requester, loader.source(request)));
		PatientFacts facts = assembler.assemble(new FactsAssembler.Input(Hook.PATIENT_VIEW, now, record.patient(), resources,
				List.copyOf(orders), requester));
		Set<String> activeOrders = orders.stream().filter(o -> o.getStatus() == MedicationRequest.MedicationRequestStatus.ACTIVE)
				.map(FactsAssembler::id).collect(Collectors.toSet());
		List<Reminder> due = deadlines.of(facts, activeOrders);
		Map<String, Task> existing = existing(patient);
		Optional<Reference> owner = owner(facts);
		for (Reminder reminder : due) {
			Task task = existing.get(reminder.identity());
			if (!reminder.done() && task == null) tasks.create(reminder, owner, now).ifPresent(outcome.created()::add);
			if (reminder.done() && task != null && isOpen(task)) outcome.completed().add(tasks.close(task, TaskStatus.COMPLETED, now));
		}
		Set<String> stillDue = due.stream().map(Reminder::identity).collect(Collectors.toSet());
		existing.forEach((identity, task) -> {
			if (isOpen(task) && !stillDue.contains(identity)) outcome.cancelled().add(tasks.close(task, TaskStatus.CANCELLED, now));
		});
	}

	/**
	 * The patients to visit, found by cheap searches rather than a scan of every Patient: a traumatic SCI may be
	 * recent enough to be a candidate (any Condition with an onset in the trial's infusion window: the facts decide
	 * whether it is a traumatic SCI), STEMIRAC ordered or given (by the product code, on the order or its lot), a
	 * collection ordered or done, a registry episode, or an open reminder Task.
	 */
	private Set<String> candidates(Instant now) {
		LocalDate since = now.atZone(guideline.zone()).toLocalDate()
				.minusDays(Math.max(guideline.candidateDays(), guideline.trialInfusionLastDay()) + 1L);
		String product = FhirCodes.PRODUCT_SYSTEM + "|" + FhirCodes.PRODUCT_CODE;
		String collections = FhirCodes.PROCEDURE_SYSTEM + "|" + FhirCodes.BONE_MARROW + "," + FhirCodes.PROCEDURE_SYSTEM + "|"
				+ FhirCodes.PERIPHERAL_BLOOD;
		Set<String> patients = new TreeSet<>();
		Map<String, Function<Resource, Reference>> searches = Map.of(
				"Condition?onset-date=ge" + since, r -> ((Condition) r).getSubject(),
				"MedicationRequest?code=" + product, r -> ((MedicationRequest) r).getSubject(),
				"MedicationRequest?medication.code=" + product, r -> ((MedicationRequest) r).getSubject(),
				"MedicationAdministration?code=" + product, r -> ((MedicationAdministration) r).getSubject(),
				"MedicationAdministration?medication.code=" + product, r -> ((MedicationAdministration) r).getSubject(),
				"ServiceRequest?code=" + collections, r -> ((ServiceRequest) r).getSubject(),
				"Procedure?code=" + collections, r -> ((Procedure) r).getSubject(),
				"EpisodeOfCare?identifier=" + FhirCodes.REGISTRY_SYSTEM + "|", r -> ((EpisodeOfCare) r).getPatient(),
				"Task?identifier=" + ReminderTasks.SYSTEM + "|&status=" + String.join(",", ReminderTasks.openStatusCodes()),
				r -> ((Task) r).getFor());
		searches.forEach((search, patientOf) -> loader.search(search, new SystemRequestDetails()).stream()
				.map(patientOf)
				.map(FactsAssembler::referenceId)
				.filter(id -> id != null && id.startsWith("Patient/"))
				.forEach(patients::add));
		return patients;
	}

	/** The patient's reminder Tasks by identity. */
	private Map<String, Task> existing(String patient) {
		return loader.search("Task?subject=" + patient + "&identifier=" + ReminderTasks.SYSTEM + "|", new SystemRequestDetails()).stream()
				.map(Task.class::cast)
				.filter(t -> ReminderTasks.identity(t).isPresent())
				.collect(Collectors.toMap(t -> ReminderTasks.identity(t).get(), t -> t, (a, b) -> a));
	}

	/**
	 * The STEMIRAC orders on record (active or completed): read as the orders the treatment follows, so that the
	 * responsible physician is their requester when there is no registry care manager (Revision 2, responsible
	 * physician), and their planned moment is known.
	 */
	private static List<MedicationRequest> stemiracOrders(PatientRecordLoader.Record record) {
		return record.resources().stream()
				.filter(MedicationRequest.class::isInstance)
				.map(MedicationRequest.class::cast)
				.filter(o -> o.getStatus() == MedicationRequest.MedicationRequestStatus.ACTIVE
						|| o.getStatus() == MedicationRequest.MedicationRequestStatus.COMPLETED)
				.toList();
	}

	/** Before any STEMIRAC order: whoever requested the patient's latest collection stands for the physician. */
	private static Optional<Reference> collectionRequester(PatientRecordLoader.Record record) {
		return record.resources().stream()
				.filter(ServiceRequest.class::isInstance)
				.map(ServiceRequest.class::cast)
				.filter(s -> s.hasRequester() && s.getCode().getCoding().stream().anyMatch(c -> FhirCodes.PROCEDURE_SYSTEM.equals(c.getSystem())))
				.reduce((first, later) -> later)
				.map(ServiceRequest::getRequester);
	}

	/** The responsible physician (Revision 2), else the ordering organisation. */
	private static Optional<Reference> owner(PatientFacts facts) {
		return facts.physician().map(p -> new Reference(p.id()))
				.or(() -> facts.facility().map(f -> new Reference(f.id())));
	}

	private static boolean isOpen(Task task) {
		return ReminderTasks.OPEN.contains(task.getStatus());
	}

	private static <T> T asJob(Supplier<T> work) {
		SecurityContext previous = SecurityContextHolder.getContext();
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(new UsernamePasswordAuthenticationToken(JOB, null, List.of()));
		SecurityContextHolder.setContext(context);
		try {
			return work.get();
		} finally {
			SecurityContextHolder.setContext(previous);
		}
	}
}
