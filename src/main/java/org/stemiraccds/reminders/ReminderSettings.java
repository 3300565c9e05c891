package org.stemiraccds.reminders;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * stemirac.reminders.*: the reminder job (Tasks before a deadline of the guideline closes). The guideline's own
 * thresholds (day 31, the 7-day AIS window, day 220) stay in stemirac.guideline.*; these say when a reminder
 * appears and how often the job runs.
 */
@ConfigurationProperties("stemirac.reminders")
public record ReminderSettings(
		/** Run the job on a schedule (the operation $stemirac-reminders runs it on demand either way). */
		@DefaultValue("true") boolean enabled,
		/** Time between the end of one run and the start of the next. */
		@DefaultValue("1h") Duration interval,
		/** Time from start-up to the first run (a start-up does not wait for a run). */
		@DefaultValue("1h") Duration initialDelay,
		/**
		 * A Task appears this many days before its deadline: the day-31 marrow target (box; §6④) and a planned
		 * administration without an AIS in the 7 days before it (§5 ① note ※).
		 */
		@DefaultValue("7") int leadDays,
		/**
		 * The follow-up AIS (§3: day 220 after injury) is due from this many days before day 220 to this many days
		 * after it; an AIS in that window counts.
		 */
		@DefaultValue("14") int followUpWindowDays,
		/** A treated patient is to be in the registry (§4 ①-1(6), which names no deadline) this many days after administration. */
		@DefaultValue("30") int registryDueDays) {}
