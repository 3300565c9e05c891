package org.stemiraccds.cds.facts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Optional;
import org.fhir.ucum.Decimal;
import org.fhir.ucum.UcumEssenceService;
import org.fhir.ucum.UcumException;
import org.fhir.ucum.UcumService;
import org.hl7.fhir.r4.model.Quantity;

/**
 * UCUM unit conversion with the maintained UCUM library (org.fhir:ucum, the one HAPI's validator uses), so
 * that no unit factor is written by hand. Only linear units matter here (mass, length, concentration, rate,
 * pressure, counts): none of them has an offset, so the factor of 1 unit is the whole conversion.
 */
final class Ucum {
	static final String SYSTEM = "http://unitsofmeasure.org";
	private static final UcumService SERVICE = load();

	private Ucum() {}

	private static UcumService load() {
		try (InputStream essence = UcumEssenceService.class.getResourceAsStream("/ucum-essence.xml")) {
			return new UcumEssenceService(essence);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (UcumException e) {
			throw new IllegalStateException("the UCUM essence shipped with org.fhir:ucum cannot be read", e);
		}
	}

	/**
	 * The unit of a quantity: its code when the system is UCUM, else the human-readable unit (EHRs often write
	 * a UCUM unit there without a system). Empty string when neither is given.
	 */
	static String unitAsWritten(Quantity quantity) {
		if (SYSTEM.equals(quantity.getSystem()) && quantity.hasCode()) return quantity.getCode();
		return quantity.hasUnit() ? quantity.getUnit().trim() : "";
	}

	/**
	 * value × (how many {@code to} one {@code from} is), or empty when UCUM does not know the unit or the two
	 * measure different things. The factor is taken from converting exactly 1: the library rounds a converted
	 * value to the significant digits of the unit definitions (70 [in_i] would give 178 cm, not 177.8).
	 */
	static Optional<BigDecimal> convert(BigDecimal value, String from, String to) {
		if (value == null || from == null || from.isBlank()) return Optional.empty();
		try {
			return Optional.of(value.multiply(new BigDecimal(SERVICE.convert(new Decimal(1), from, to).asDecimal())));
		} catch (UcumException | RuntimeException e) {
			// an unknown or incompatible unit is data, not an error: the caller counts the quantity as unreadable
			return Optional.empty();
		}
	}
}
