package org.stemiraccds.guideline;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * stemirac.guideline.*: every threshold of the guideline, with the guideline's value as default, so a
 * revised guideline is a configuration change. (The annotations only let Spring bind it; the rules use
 * it as a plain record, see {@link #defaults()}.)
 */
@ConfigurationProperties("stemirac.guideline")
public record GuidelineSettings(
		/** Day counts are calendar days from the injury date (day 0) in this zone. */
		@DefaultValue("Asia/Tokyo") ZoneId zone,
		/** The AIS that decides eligibility is the latest final one within this many days before now (§5 note). */
		@DefaultValue("7") int aisWindowDays,
		/** Bone marrow is collected by about this day after injury (box, §6④). */
		@DefaultValue("31") int boneMarrowLastDay,
		/** The trial infused on these days after injury (§3 table 6: 40 ± 14, days 43 to 54 observed). */
		@DefaultValue("43") int trialInfusionFirstDay,
		@DefaultValue("54") int trialInfusionLastDay,
		/** Below this age the patient is a child: no experience, extreme care (§5). */
		@DefaultValue("18") int adultAge) {

	public static GuidelineSettings defaults() {
		return new GuidelineSettings(ZoneId.of("Asia/Tokyo"), 7, 31, 43, 54, 18);
	}
}
