package org.stemiraccds.cds.facts;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Ratio;
import org.stemiraccds.guideline.PatientFacts.QuantityKind;
import org.stemiraccds.guideline.PatientFacts.Unreadable;

/**
 * Quantities read into the units the rules use (the rule catalogue's Revision 2, units): a quantity whose unit UCUM cannot convert
 * counts as missing and is remembered as unreadable, so the -MISSING card can say why.
 */
final class Quantities {
	/**
	 * Haemoglobin in mmol/L (per haem monomer, molar mass about 16 114 g/mol, as some laboratories report it) to g/dL:
	 * a molar-to-mass conversion UCUM cannot do without the molar mass, so this one factor is stated here.
	 */
	private static final BigDecimal HAEMOGLOBIN_G_PER_DL_PER_MMOL_PER_L = new BigDecimal("1.611");
	/** UCUM annotations are unity, so any {…} would convert to {cells}: a dose must say that it counts cells. */
	private static final Pattern CELLS_ANNOTATION = Pattern.compile("\\{cells?\\}");

	private final List<Unreadable> unreadable = new ArrayList<>();

	/** The quantity in the kind's unit; empty when it has no value, or (and then listed) no convertible unit. */
	Optional<Double> read(String resourceId, Quantity quantity, QuantityKind kind) {
		if (quantity == null || !quantity.hasValue()) return Optional.empty();
		String unit = Ucum.unitAsWritten(quantity);
		Optional<BigDecimal> value = convert(quantity.getValue(), unit, kind);
		if (value.isEmpty()) unreadable.add(new Unreadable(resourceId, kind, unit));
		return value.map(BigDecimal::doubleValue);
	}

	/** A rate given as a ratio (e.g. 48 mL per 1 h), in mL/min. */
	Optional<Double> readRate(String resourceId, Ratio ratio) {
		if (ratio == null || !ratio.getNumerator().hasValue()) return Optional.empty();
		Quantity numerator = ratio.getNumerator();
		Quantity denominator = ratio.getDenominator();
		String unit = Ucum.unitAsWritten(numerator) + "/" + Ucum.unitAsWritten(denominator);
		BigDecimal per = denominator.hasValue() ? denominator.getValue() : BigDecimal.ONE;
		Optional<BigDecimal> millilitres = Ucum.convert(numerator.getValue(), Ucum.unitAsWritten(numerator), "mL");
		Optional<BigDecimal> minutes = Ucum.convert(per, Ucum.unitAsWritten(denominator), "min").filter(m -> m.signum() != 0);
		if (millilitres.isEmpty() || minutes.isEmpty()) {
			unreadable.add(new Unreadable(resourceId, QuantityKind.RATE, unit));
			return Optional.empty();
		}
		return Optional.of(millilitres.get().doubleValue() / minutes.get().doubleValue());
	}

	List<Unreadable> unreadable() {
		return List.copyOf(unreadable);
	}

	private static Optional<BigDecimal> convert(BigDecimal value, String unit, QuantityKind kind) {
		switch (kind) {
			case WEIGHT: return Ucum.convert(value, unit, "kg");
			case HEIGHT: return Ucum.convert(value, unit, "cm");
			case BLOOD_PRESSURE: return Ucum.convert(value, unit, "mm[Hg]");
			case RATE: return Ucum.convert(value, unit, "mL/min");
			case HAEMOGLOBIN: return Ucum.convert(value, unit, "g/dL")
					.or(() -> Ucum.convert(value, unit, "mmol/L").map(HAEMOGLOBIN_G_PER_DL_PER_MMOL_PER_L::multiply));
			case DOSE: return countsCells(unit) ? Ucum.convert(value, unit, FhirCodes.CELLS_UNIT) : Optional.empty();
			default: return Optional.empty();
		}
	}

	private static boolean countsCells(String unit) {
		return CELLS_ANNOTATION.matcher(unit.toLowerCase(Locale.ROOT)).find();
	}
}
