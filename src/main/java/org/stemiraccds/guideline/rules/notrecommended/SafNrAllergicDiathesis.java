package org.stemiraccds.guideline.rules.notrecommended;

import java.util.List;
import org.stemiraccds.guideline.Hook;
import org.stemiraccds.guideline.PatientFacts;
import org.stemiraccds.guideline.PatientFacts.AllergyFact;
import org.stemiraccds.guideline.RuleDefinition;
import org.stemiraccds.guideline.Severity;
import org.stemiraccds.guideline.rules.safety.SafHypersensitivity;

// §5 safety ②: not recommended in patients with an allergic diathesis: a Condition, or a medication allergy of any
// clinical status (a drug allergy history), except one to the product itself (a contraindication, SafHypersensitivity).
@RuleDefinition(id = "SAF-NR-ALLERGIC-DIATHESIS", severity = Severity.WARNING,
		hooks = {Hook.PATIENT_VIEW, Hook.ORDER_SELECT, Hook.ORDER_SIGN, Hook.ADMINISTRATION}, section = "§5 安全性 ②")
public class SafNrAllergicDiathesis extends NotRecommended {
	public SafNrAllergicDiathesis() {
		super("nr-allergic-diathesis", false);
	}

	@Override
	List<String> alsoFound(PatientFacts facts) {
		List<AllergyFact> contraindicated = facts.allergiesIn(SafHypersensitivity.VALUE_SET);
		return facts.allergies().stream()
				.filter(AllergyFact::medication)
				.filter(a -> !contraindicated.contains(a))
				.map(AllergyFact::id)
				.toList();
	}
}
