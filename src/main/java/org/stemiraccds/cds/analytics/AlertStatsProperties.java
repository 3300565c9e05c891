package org.stemiraccds.cds.analytics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** stemirac.cds.alert-stats.*: the alert statistics ($stemirac-alert-stats). */
@ConfigurationProperties("stemirac.cds.alert-stats")
public record AlertStatsProperties(
		/**
		 * A rule's override rate ranks it only with at least this many feedback items in the range: one override
		 * out of one is no reason to tune a rule. Rules with fewer are listed after the ranked ones (the
		 * operation's minFeedback parameter overrides this per request).
		 */
		@DefaultValue("5") int minFeedback,
		/** AuditEvents read per page while counting (memory per page, not a limit on the range). */
		@DefaultValue("500") int pageSize) {
	public AlertStatsProperties {
		if (minFeedback < 0) throw new IllegalArgumentException("stemirac.cds.alert-stats.min-feedback must not be negative");
		if (pageSize < 1) throw new IllegalArgumentException("stemirac.cds.alert-stats.page-size must be at least 1");
	}
}
