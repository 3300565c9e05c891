package org.stemiraccds.reminders;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.api.model.DaoMethodOutcome;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.springframework.stereotype.Component;
import org.stemiraccds.cds.cards.RuleTexts;
import org.stemiraccds.cds.facts.FhirCodes;
import org.stemiraccds.conformance.ConformanceResources;
import org.stemiraccds.guideline.GuidelineSettings;

/**
 * Reminder Tasks in this server's database. A reminder is known by its identifier (system {@link #SYSTEM}, value
 * {@link Reminder#identity()}); it is created with a conditional create on that identifier (If-None-Exist), so
 * two runs, or two instances on one database, never store it twice: HAPI keeps the match URL of a conditional
 * create in a uniquely indexed table, and the second of two concurrent creates fails instead of duplicating.
 */
@Component
public class ReminderTasks {
	/** The identifier system of reminder Tasks. */
	public static final String SYSTEM = ConformanceResources.CANONICAL_BASE + "/sid/reminder";
	/** A Task the physician (or the job) has not closed yet. */
	static final Set<TaskStatus> OPEN = EnumSet.of(TaskStatus.REQUESTED, TaskStatus.RECEIVED, TaskStatus.ACCEPTED,
			TaskStatus.READY, TaskStatus.INPROGRESS, TaskStatus.ONHOLD, TaskStatus.DRAFT);
	private static final String TRANSLATION = "http://hl7.org/fhir/StructureDefinition/translation";

	private final DaoRegistry daos;
	private final RuleTexts ruleTexts;
	private final ZoneId zone;

	public ReminderTasks(DaoRegistry daos, RuleTexts ruleTexts, GuidelineSettings guideline) {
		this.daos = daos;
		this.ruleTexts = ruleTexts;
		this.zone = guideline.zone();
	}

	/** The Task for the reminder unless one with its identifier exists: the stored Task when this call created it. */
	Optional<Task> create(Reminder reminder, Optional<Reference> owner, Instant now) {
		Task task = task(reminder, owner, now);
		String match = "Task?identifier=" + SYSTEM + "|" + reminder.identity();
		try {
			DaoMethodOutcome outcome = dao().create(task, match, new SystemRequestDetails());
			return Boolean.TRUE.equals(outcome.getCreated()) ? Optional.of((Task) outcome.getResource()) : Optional.empty();
		} catch (ResourceVersionConflictException e) {
			// another run (another instance) stored the same reminder at the same moment: the unique match URL kept one
			return Optional.empty();
		}
	}

	/** Completes or cancels an open Task, saying why in both languages. */
	Task close(Task task, TaskStatus status, Instant now) {
		String key = status == TaskStatus.COMPLETED ? "closed.completed" : "closed.cancelled";
		task.setStatus(status);
		task.setLastModified(Date.from(now));
		task.setStatusReason(bilingual(new CodeableConcept(), key, Map.of()));
		return (Task) dao().update(task, new SystemRequestDetails()).getResource();
	}

	static Optional<String> identity(Task task) {
		return task.getIdentifier().stream().filter(i -> SYSTEM.equals(i.getSystem()) && i.hasValue())
				.map(Identifier::getValue).findFirst();
	}

	private Task task(Reminder reminder, Optional<Reference> owner, Instant now) {
		Deadline deadline = reminder.deadline();
		Task task = new Task();
		task.addIdentifier().setSystem(SYSTEM).setValue(reminder.identity());
		task.setStatus(TaskStatus.REQUESTED);
		task.setIntent(Task.TaskIntent.ORDER);
		task.setPriority(Task.TaskPriority.ROUTINE);
		task.setFor(new Reference(reminder.patient()));
		reminder.focus().ifPresent(focus -> task.setFocus(new Reference(focus)));
		owner.ifPresent(task::setOwner);
		task.setAuthoredOn(Date.from(now));
		task.setLastModified(Date.from(now));
		Coding rule = new Coding(FhirCodes.RULE_SYSTEM, deadline.ruleId(), ruleTexts.display(FhirCodes.RULE_SYSTEM, deadline.ruleId(), ReminderTexts.JAPANESE));
		task.setReasonCode(new CodeableConcept(rule).setText(deadline.section()));
		DateTimeType due = due(reminder);
		task.getRestriction().setPeriod(new Period().setStartElement(day(reminder.opens())).setEndElement(due));
		Map<String, String> values = Map.of("section", deadline.section(), "due", due.getValueAsString());
		task.setDescription(ReminderTexts.text(deadline.name() + ".description", ReminderTexts.JAPANESE, values));
		translate(task.getDescriptionElement(), ReminderTexts.text(deadline.name() + ".description", ReminderTexts.ENGLISH, values));
		return task;
	}

	/** The due moment when the deadline is one (a planned administration), else the due day. */
	private DateTimeType due(Reminder reminder) {
		if (reminder.dueAt().isEmpty()) return day(reminder.dueDay());
		return new DateTimeType(Date.from(reminder.dueAt().get()), TemporalPrecisionEnum.SECOND, TimeZone.getTimeZone(zone));
	}

	private static DateTimeType day(java.time.LocalDate day) {
		return new DateTimeType(day.toString());
	}

	private static CodeableConcept bilingual(CodeableConcept concept, String key, Map<String, String> values) {
		concept.setText(ReminderTexts.text(key, ReminderTexts.JAPANESE, values));
		translate(concept.getTextElement(), ReminderTexts.text(key, ReminderTexts.ENGLISH, values));
		return concept;
	}

	/** The English words as a translation extension (the Japanese ones are the element's value). */
	private static void translate(StringType element, String english) {
		Extension translation = element.addExtension().setUrl(TRANSLATION);
		translation.addExtension("lang", new org.hl7.fhir.r4.model.CodeType("en"));
		translation.addExtension("content", new StringType(english));
	}

	@SuppressWarnings("unchecked")
	private IFhirResourceDao<Task> dao() {
		return daos.getResourceDao(Task.class);
	}

	static List<String> openStatusCodes() {
		return OPEN.stream().map(TaskStatus::toCode).sorted().toList();
	}
}
