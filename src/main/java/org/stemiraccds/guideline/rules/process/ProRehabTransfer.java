package org.stemiraccds.guideline.rules.process;

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
import org.stemiraccds.guideline.PatientFacts.Facility;
import org.stemiraccds.guideline.PatientFacts.Referral;
import org.stemiraccds.guideline.RuleDefinition;
import org.stemiraccds.guideline.Severity;

// §4 ①-5 and ②, insurance notice (2): a patient moving after STEMIRAC to another facility for convalescent
// rehabilitation goes to a partner facility (one holding the convalescent rehabilitation ward fee 1 filing), which
// the administering facility records as partner under its facility requirement 1-5.
@RuleDefinition(id = "PRO-REHAB-TRANSFER", severity = Severity.WARNING,
		hooks = {Hook.PATIENT_VIEW, Hook.ORDER_SELECT, Hook.ORDER_SIGN}, section = "§4 ①-5, ②; insurance notice (2)")
public class ProRehabTransfer implements GuidelineRule {
	/** The facility-requirement item naming the partner facilities for convalescent rehabilitation (§4 ①-5). */
	public static final String PARTNER_ITEM = "1-5";

	@Override
	public Optional<Finding> evaluate(PatientFacts facts, GuidelineSettings settings) {
		if (facts.administrations().isEmpty()) return Optional.empty();
		List<String> partners = facts.facility().map(Facility::partners).orElse(List.of());
		Optional<String> own = facts.facility().map(Facility::id);
		List<Referral> elsewhere = facts.referrals().stream()
				.filter(r -> !partners.contains(r.organization()) && own.filter(r.organization()::equals).isEmpty())
				.toList();
		if (elsewhere.isEmpty()) return Optional.empty();
		List<String> implicated = Stream.concat(elsewhere.stream().map(Referral::id),
				facts.administrations().stream().map(Administration::id)).toList();
		return fire(Map.of("organizations", elsewhere.stream().map(Referral::organization).distinct().toList(),
				"partners", partners), implicated);
	}
}
