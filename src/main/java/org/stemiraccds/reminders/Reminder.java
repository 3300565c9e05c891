package org.stemiraccds.reminders;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * One deadline of one patient as the record stands: open (the Task should exist) or done (an open Task is
 * completed). From {@code opens} (a day in the guideline's zone) the Task exists; it is due on {@code dueDay}, or
 * at {@code dueAt} when the deadline is a moment (a planned administration). The identity names the deadline, the
 * patient, what it concerns and the due day, so the same deadline is one Task however often the job runs, and a
 * deadline that moves (a corrected injury date, a new planned day) is another Task while the old one is cancelled.
 */
public record Reminder(Deadline deadline, String patient, Optional<String> focus, LocalDate opens, LocalDate dueDay,
		Optional<Instant> dueAt, boolean done) {

	public String identity() {
		return deadline.ruleId() + ":" + patient + focus.map(f -> ":" + f).orElse("") + ":" + dueDay;
	}
}
