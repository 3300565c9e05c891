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
		@DefaultValue("18") int adultAge,
		/** One infusion of 0.5×10⁸ to 2.0×10⁸ cells (box). */
		@DefaultValue("0.5e8") double minDoseCells,
		@DefaultValue("2.0e8") double maxDoseCells,
		/** At most 3.34×10⁶ cells per kg of body weight (box). */
		@DefaultValue("3.34e6") double maxCellsPerKg,
		/** The weight the per-kg dose uses is the latest within this many days. */
		@DefaultValue("30") int weightWindowDays,
		/** Diluted at least this many-fold with normal saline (box). */
		@DefaultValue("3") double minDilution,
		/** Infused at about 0.7 to 1.0 mL/min (box). */
		@DefaultValue("0.7") double minRateMlPerMin,
		@DefaultValue("1.0") double maxRateMlPerMin) {

	public static GuidelineSettings defaults() {
		return new GuidelineSettings(ZoneId.of("Asia/Tokyo"), 7, 31, 43, 54, 18, 0.5e8, 2.0e8, 3.34e6, 30, 3, 0.7, 1.0);
	}

	public GuidelineSettings withAisWindowDays(int days) {
		return new GuidelineSettings(zone, days, boneMarrowLastDay, trialInfusionFirstDay, trialInfusionLastDay, adultAge,
				minDoseCells, maxDoseCells, maxCellsPerKg, weightWindowDays, minDilution, minRateMlPerMin, maxRateMlPerMin);
	}

	public GuidelineSettings withBoneMarrowLastDay(int day) {
		return new GuidelineSettings(zone, aisWindowDays, day, trialInfusionFirstDay, trialInfusionLastDay, adultAge,
				minDoseCells, maxDoseCells, maxCellsPerKg, weightWindowDays, minDilution, minRateMlPerMin, maxRateMlPerMin);
	}

	public GuidelineSettings withMaxCellsPerKg(double cellsPerKg) {
		return new GuidelineSettings(zone, aisWindowDays, boneMarrowLastDay, trialInfusionFirstDay, trialInfusionLastDay,
				adultAge, minDoseCells, maxDoseCells, cellsPerKg, weightWindowDays, minDilution, minRateMlPerMin,
				maxRateMlPerMin);
	}
}
