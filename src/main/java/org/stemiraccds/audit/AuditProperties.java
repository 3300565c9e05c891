package org.stemiraccds.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * stemirac.audit.*: the audit trail (FHIR AuditEvents following IHE Basic Audit Log Patterns). Events are
 * written by one background thread from a bounded queue, so auditing never fails a request and slows one only
 * when the queue is full (it waits up to fullQueueWait for room); past that the event is dropped, logged and
 * counted.
 */
@ConfigurationProperties("stemirac.audit")
public record AuditProperties(
		@DefaultValue("true") boolean enabled,
		/** Events waiting to be written; beyond this a request waits for room (fullQueueWait). */
		@DefaultValue("10000") int queueCapacity,
		/** How long a request whose event finds the queue full waits for room before the event is dropped (and counted). */
		@DefaultValue("5s") Duration fullQueueWait,
		/** Whether reads and searches are audited too (BALP Read / Query); writes, CDS calls and failures always are. */
		@DefaultValue("true") boolean reads,
		/** At shutdown, how long the writer may take to store what is still queued. */
		@DefaultValue("5s") Duration shutdownDrain,
		/** At most this many queued events are stored in one database transaction (1: each in its own). */
		@DefaultValue("100") int writeBatchSize) {}
