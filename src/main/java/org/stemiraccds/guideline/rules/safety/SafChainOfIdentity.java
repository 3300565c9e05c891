package org.stemiraccds.guideline.rules.safety;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.stemiraccds.guideline.Finding;
import org.stemiraccds.guideline.GuidelineRule;
import org.stemiraccds.guideline.GuidelineSettings;
import org.stemiraccds.guideline.Hook;
import org.stemiraccds.guideline.PatientFacts;
import org.stemiraccds.guideline.PatientFacts.Administration;
import org.stemiraccds.guideline.PatientFacts.ProductLot;
import org.stemiraccds.guideline.PatientFacts.StemiracOrder;
import org.stemiraccds.guideline.RuleDefinition;
import org.stemiraccds.guideline.Severity;
import org.stemiraccds.guideline.rules.Implicated;

// Box, §6 ④: the product is autologous, made from this patient's own marrow and blood. Critical when the lot was
// made from another patient; a warning when the order or administration names no lot (a code only), or the lot
// does not record whose cells it was made from. The value "reason" tells the cases apart.
@RuleDefinition(id = "SAF-CHAIN-OF-IDENTITY", severity = Severity.CRITICAL,
		hooks = {Hook.ORDER_SIGN, Hook.ADMINISTRATION}, section = "box; §6 ④")
public class SafChainOfIdentity implements GuidelineRule {
	static final String OTHER_PATIENT = "lot-from-other-patient";
	static final String NO_LOT = "lot-not-identified";
	static final String SOURCE_UNRECORDED = "lot-source-not-recorded";

	@Override
	public Optional<Finding> evaluate(PatientFacts facts, GuidelineSettings settings) {
		String patient = facts.patient().id();
		List<ProductLot> foreign = facts.products().stream()
				.filter(lot -> lot.autologousSource().filter(source -> !source.equals(patient)).isPresent())
				.toList();
		if (!foreign.isEmpty()) {
			return fire(Map.of("reason", OTHER_PATIENT, "madeFrom", foreign.get(0).autologousSource().get(), "patient", patient),
					Implicated.withStemirac(lotIds(foreign), facts));
		}
		List<String> unnamed = withoutLot(facts);
		if (!unnamed.isEmpty()) return fire(Severity.WARNING, Map.of("reason", NO_LOT, "patient", patient), unnamed);
		List<ProductLot> unknown = facts.products().stream().filter(lot -> lot.autologousSource().isEmpty()).toList();
		if (unknown.isEmpty()) return Optional.empty();
		return fire(Severity.WARNING, Map.of("reason", SOURCE_UNRECORDED, "patient", patient), lotIds(unknown));
	}

	/** The orders being decided and the administrations being recorded that name no Medication lot. */
	private static List<String> withoutLot(PatientFacts facts) {
		Stream<String> orders = facts.draftOrders().stream().filter(o -> o.lot().isEmpty()).map(StemiracOrder::id);
		Stream<String> given = facts.administrationsBeingRecorded().stream().filter(a -> a.lot().isEmpty())
				.map(Administration::id);
		return Stream.concat(orders, given).toList();
	}

	private static List<String> lotIds(List<ProductLot> lots) {
		return lots.stream().map(ProductLot::id).toList();
	}
}
