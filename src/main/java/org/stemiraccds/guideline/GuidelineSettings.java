package org.stemiraccds.guideline;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * stemirac.guideline.*: every threshold of the guideline, with the guideline's value as default (in the
 * annotations below, nowhere else), so a revised guideline is a configuration change. Outside Spring,
 * {@link #defaults()} and {@link #bind(Map)} bind it the same way Spring does.
 */
@ConfigurationProperties(GuidelineSettings.PREFIX)
public record GuidelineSettings(
		/** Day counts are calendar days from the injury date (day 0) in this zone. */
		@DefaultValue("Asia/Tokyo") ZoneId zone,
		/**
		 * The AIS that decides eligibility is the latest final one within this many calendar days before now (§5
		 * patient selection, note ※: the AIS immediately before administration).
		 */
		@DefaultValue("7") int aisWindowDays,
		/** Bone marrow is collected by about this day after injury (box: the label's 31 days; §6④). */
		@DefaultValue("31") int boneMarrowLastDay,
		/** The trial collected bone marrow on these days after injury (§3 table 6: days 11 to 25). */
		@DefaultValue("11") int trialMarrowFirstDay,
		@DefaultValue("25") int trialMarrowLastDay,
		/** The trial planned infusion at this day after injury, give or take the margin (§3: 40 ± 14 days). */
		@DefaultValue("40") int trialInfusionPlannedDay,
		@DefaultValue("14") int trialInfusionMarginDays,
		/** The trial infused on these days after injury (§3 table 6: days 43 to 54 observed). */
		@DefaultValue("43") int trialInfusionFirstDay,
		@DefaultValue("54") int trialInfusionLastDay,
		/**
		 * patient-view shows findings for a traumatic SCI patient with nothing of STEMIRAC on record only while the
		 * injury is at most this many days old (the end of the trial's infusion window, §3: 40 + 14).
		 */
		@DefaultValue("54") int candidateDays,
		/** Below this age the patient is a child: no experience, extreme care (§5). */
		@DefaultValue("18") int adultAge,
		/** One infusion of 0.5×10⁸ to 2.0×10⁸ cells (box). */
		@DefaultValue("0.5e8") double minDoseCells,
		@DefaultValue("2.0e8") double maxDoseCells,
		/** At most 3.34×10⁶ cells per kg of body weight (box). */
		@DefaultValue("3.34e6") double maxCellsPerKg,
		/** The weight the per-kg dose uses is the latest within this many calendar days. */
		@DefaultValue("30") int weightWindowDays,
		/** Diluted at least this many-fold with normal saline (box). */
		@DefaultValue("3") double minDilution,
		/** Infused at about 0.7 to 1.0 mL/min (box). */
		@DefaultValue("0.7") double minRateMlPerMin,
		@DefaultValue("1.0") double maxRateMlPerMin,
		/**
		 * Anaemia (§5 safety ②, which names no value): haemoglobin below these g/dL (male, otherwise), the WHO
		 * definition for adults.
		 */
		@DefaultValue("13.0") double minHaemoglobinMale,
		@DefaultValue("12.0") double minHaemoglobinOther,
		/** Before any blood collection the haemoglobin judged is the latest within this many calendar days. */
		@DefaultValue("30") int haemoglobinWindowDays,
		/** Low body weight in adults (§5 safety ②, which names no value): BMI below this, the WHO definition. */
		@DefaultValue("18.5") double minBmi,
		/**
		 * Blood pressure must be controllable to at most 140/90 mmHg (§5 safety ②); the readings judged are those
		 * of the last 7 calendar days.
		 */
		@DefaultValue("140") double maxSystolic,
		@DefaultValue("90") double maxDiastolic,
		@DefaultValue("7") int bloodPressureWindowDays,
		/** The trial followed patients to this day after injury (§3). */
		@DefaultValue("220") int followUpDay) {

	static final String PREFIX = "stemirac.guideline";

	public static GuidelineSettings defaults() {
		return bind(Map.of());
	}

	/** The defaults with these properties (names without the prefix, e.g. "ais-window-days") overriding them. */
	public static GuidelineSettings bind(Map<String, String> properties) {
		Map<String, String> prefixed = new HashMap<>();
		properties.forEach((name, value) -> prefixed.put(PREFIX + "." + name, value));
		return new Binder(new MapConfigurationPropertySource(prefixed)).bindOrCreate(PREFIX, GuidelineSettings.class);
	}
}
