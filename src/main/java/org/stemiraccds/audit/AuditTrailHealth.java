package org.stemiraccds.audit;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * /actuator/health/auditTrail: the audit writer's backlog and losses, for operators (a growing queue means
 * the database does not keep up; dropped or failed events are gaps in the trail) and for the benchmark, which
 * waits for the queue to empty before it weighs the heap. Always UP: the trail never fails a request, so it
 * never takes the instance out of service either. Details are shown as management.endpoint.health.show-details
 * says (never, by default).
 */
public class AuditTrailHealth implements HealthIndicator {
	private final AuditTrail trail;

	public AuditTrailHealth(AuditTrail trail) {
		this.trail = trail;
	}

	@Override
	public Health health() {
		return Health.up()
				.withDetail("queued", trail.queued())
				.withDetail("written", trail.written())
				.withDetail("dropped", trail.dropped())
				.withDetail("failed", trail.failed())
				.build();
	}
}
