package org.stemiraccds.cds;

import java.util.List;
import org.springframework.stereotype.Component;
import org.stemiraccds.cds.facts.FactsAssembler;
import org.stemiraccds.conformance.ValueSetIndex;
import org.stemiraccds.guideline.Finding;
import org.stemiraccds.guideline.Guideline;
import org.stemiraccds.guideline.GuidelineSettings;
import org.stemiraccds.guideline.PatientFacts;

/**
 * The one evaluation pipeline every entry point shares (the CDS Hooks services, Patient/$stemirac-evaluate and
 * the administration write hook): the patient's record → facts → findings. Where the record comes from
 * (prefetch, this server's database, the EHR's FHIR server) is the entry point's business; what it means is
 * decided here once.
 */
@Component
public class GuidelineEvaluation {
	private final FactsAssembler assembler;
	private final GuidelineSettings settings;
	private final Guideline guideline = Guideline.standard();

	public GuidelineEvaluation(ValueSetIndex codeSets, GuidelineSettings settings) {
		this.assembler = new FactsAssembler(codeSets, settings.zone());
		this.settings = settings;
	}

	public Result evaluate(FactsAssembler.Input input) {
		PatientFacts facts = assembler.assemble(input);
		return new Result(facts, guideline.evaluate(facts, settings));
	}

	/** The facts the rules read and what they found. */
	public record Result(PatientFacts facts, List<Finding> findings) {}
}
