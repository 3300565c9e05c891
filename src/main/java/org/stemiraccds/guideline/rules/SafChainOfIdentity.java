package org.stemiraccds.guideline.rules;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stemiraccds.guideline.Finding;
import org.stemiraccds.guideline.GuidelineRule;
import org.stemiraccds.guideline.GuidelineSettings;
import org.stemiraccds.guideline.Hook;
import org.stemiraccds.guideline.PatientFacts;
import org.stemiraccds.guideline.RuleDefinition;
import org.stemiraccds.guideline.Severity;
import org.stemiraccds.guideline.PatientFacts.ProductLot;

// Box, §6④: the product is autologous: the lot must have been made from this patient's own cells.
@RuleDefinition(id = "SAF-CHAIN-OF-IDENTITY", severity = Severity.CRITICAL,
		hooks = {Hook.ORDER_SIGN, Hook.ADMINISTRATION}, section = "box; §6 ④")
public class SafChainOfIdentity implements GuidelineRule {
	@Override
	public Optional<Finding> evaluate(PatientFacts facts, GuidelineSettings settings) {
		String patient = facts.patient().id();
		List<ProductLot> foreign = facts.products().stream()
				.filter(lot -> lot.autologousSource().filter(source -> !source.equals(patient)).isPresent())
				.toList();
		if (!foreign.isEmpty()) {
			return fire(Map.of("madeFrom", foreign.get(0).autologousSource().get(), "patient", patient),
					Implicated.withStemirac(foreign.stream().map(ProductLot::id).toList(), facts));
		}
		List<ProductLot> unknown = facts.products().stream().filter(lot -> lot.autologousSource().isEmpty()).toList();
		if (unknown.isEmpty()) return Optional.empty();
		return fire(Severity.WARNING, Map.of("patient", patient), unknown.stream().map(ProductLot::id).toList());
	}
}
