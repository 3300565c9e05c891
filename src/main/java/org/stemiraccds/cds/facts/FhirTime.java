package org.stemiraccds.cds.facts;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Optional;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Type;

/**
 * FHIR dates and times as the rules count them (the rule catalogue's Revision 2, time): a date-only value is that calendar day in
 * the configured zone; a year or a year-month says no day, so it is no point in time at all.
 */
public final class FhirTime {
	private final ZoneId zone;

	public FhirTime(ZoneId zone) {
		this.zone = zone;
	}

	/** The instant; a date-only value is the start of that day in the zone; empty when coarser than a day. */
	Optional<Instant> instant(BaseDateTimeType value) {
		if (value == null || !value.hasValue() || !knownToTheDay(value)) return Optional.empty();
		if (value.getPrecision() == TemporalPrecisionEnum.DAY) return day(value).map(d -> d.atStartOfDay(zone).toInstant());
		return Optional.of(value.getValue().toInstant());
	}

	/** The calendar day in the zone; empty when only a year or a year-month is known (never the 1st of the month). */
	Optional<LocalDate> day(BaseDateTimeType value) {
		if (value == null || !value.hasValue() || !knownToTheDay(value)) return Optional.empty();
		if (value.getPrecision() == TemporalPrecisionEnum.DAY) return Optional.of(LocalDate.parse(value.getValueAsString().substring(0, 10)));
		return Optional.of(value.getValue().toInstant().atZone(zone).toLocalDate());
	}

	/** effective[x] / performed[x] / occurrence[x]: a dateTime or instant, or the start of a period. */
	public Optional<Instant> effective(Type effective) {
		if (effective instanceof BaseDateTimeType dateTime) return instant(dateTime);
		if (effective instanceof Period period) return instant(period.getStartElement());
		return Optional.empty();
	}

	/** onset[x] as a day: a dateTime or the start of a period known to the day; an age, range or string says none. */
	Optional<LocalDate> onsetDay(Type onset) {
		if (onset instanceof BaseDateTimeType dateTime) return day(dateTime);
		if (onset instanceof Period period) return day(period.getStartElement());
		return Optional.empty();
	}

	/**
	 * A birth date; a partial one (a year or a year-month) is taken at its last possible day, the youngest age it
	 * allows, so a patient who may be a child is treated as one (§4 ①-4).
	 */
	Optional<LocalDate> birthDate(BaseDateTimeType value) {
		if (value == null || !value.hasValue()) return Optional.empty();
		if (knownToTheDay(value)) return day(value);
		String text = value.getValueAsString();
		if (value.getPrecision() == TemporalPrecisionEnum.YEAR) return Optional.of(Year.parse(text.substring(0, 4)).atMonth(12).atEndOfMonth());
		return Optional.of(YearMonth.parse(text.substring(0, 7)).atEndOfMonth());
	}

	private static boolean knownToTheDay(BaseDateTimeType value) {
		return value.getPrecision() != null && value.getPrecision().ordinal() >= TemporalPrecisionEnum.DAY.ordinal();
	}
}
