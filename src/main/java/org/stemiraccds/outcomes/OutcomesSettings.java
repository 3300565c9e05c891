package org.stemiraccds.outcomes;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * stemirac.outcomes.*: the defaults of {@code $stemirac-outcomes}, as in the guideline's §3 trial (follow-up to day
 * 220 after injury, 95 % intervals). A request may choose another follow-up day and window.
 */
@ConfigurationProperties("stemirac.outcomes")
public record OutcomesSettings(
		/** The follow-up day (days after injury) when the request names none (§3: day 220). */
		@DefaultValue("220") int followUpDay,
		/** The follow-up assessment is the one nearest the follow-up day within this many days either side. */
		@DefaultValue("30") int windowDays,
		/** The widest window a request may ask for (a wider one is 400): beyond it "follow-up" means little. */
		@DefaultValue("180") int maxWindowDays,
		/** Confidence level of every interval (§3 tables: 95 %). */
		@DefaultValue("0.95") double confidence) {}
