package org.stemiraccds.reminders;

import jakarta.annotation.PreDestroy;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Runs the reminder job every {@code stemirac.reminders.interval}, first {@code initial-delay} after the server is
 * ready, on one thread of its own (a run never overlaps the next). Off with {@code stemirac.reminders.enabled=false}.
 */
@Component
public class ReminderSchedule {
	private static final Logger log = LoggerFactory.getLogger(ReminderSchedule.class);

	private final ReminderJob job;
	private final ReminderSettings settings;
	private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

	public ReminderSchedule(ReminderJob job, ReminderSettings settings) {
		this.job = job;
		this.settings = settings;
	}

	@EventListener(ApplicationReadyEvent.class)
	public void start() {
		if (!settings.enabled()) return;
		scheduler.setPoolSize(1);
		scheduler.setThreadNamePrefix("reminders-");
		scheduler.initialize();
		scheduler.scheduleWithFixedDelay(this::runOnce, Instant.now().plus(settings.initialDelay()), settings.interval());
	}

	private void runOnce() {
		try {
			ReminderJob.Outcome outcome = job.run(Instant.now());
			log.info("Reminders: {} created, {} completed, {} cancelled, {} patients failed", outcome.created().size(),
					outcome.completed().size(), outcome.cancelled().size(), outcome.failedPatients().size());
		} catch (RuntimeException e) {
			// e.g. the database out of reach: the next run tries again
			log.warn("Reminder run failed: {}", e.toString());
		}
	}

	@PreDestroy
	public void stop() {
		scheduler.shutdown();
	}
}
