package org.stemiraccds.cds.cards;

import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceResponseSuggestionActionJson;
import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceResponseSuggestionJson;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.springframework.stereotype.Component;
import org.stemiraccds.guideline.Finding;
import org.stemiraccds.guideline.Suggestion;
import org.stemiraccds.cds.facts.FactsAssembler;
import org.stemiraccds.cds.facts.FhirCodes;

/**
 * The mechanical fixes rules declare ({@link Suggestion}), as CDS Hooks suggestions with FHIR actions: an
 * update of the draft order (the capped dose) or a Task (record the AIS, obtain consent, weigh the patient).
 */
@Component
public class CardSuggestions {
	private final CardTexts texts;

	public CardSuggestions(CardTexts texts) {
		this.texts = texts;
	}

	/**
	 * What a card needs from the request: the patient, the draft orders (not stored), the time, and the searches
	 * of the record whose later pages could not be read (the card says so: its rules saw part of the record).
	 */
	public record Context(String patient, List<Resource> draftOrders, Instant now, List<String> unreadPages) {
		public Context {
			unreadPages = List.copyOf(unreadPages);
		}
	}

	/** The suggestion the finding's rule declares, as CDS Hooks actions. */
	public List<CdsServiceResponseSuggestionJson> forFinding(Finding finding, Context context, Locale locale) {
		Optional<Suggestion> declared = finding.rule().suggestion();
		if (declared.orElse(null) instanceof Suggestion.UpdateDose dose) return updatedDose(finding, dose, context, locale).stream().toList();
		if (declared.orElse(null) instanceof Suggestion.CreateTask task) return List.of(createTask(finding, task, context, locale));
		return List.of();
	}

	private CdsServiceResponseSuggestionJson createTask(Finding finding, Suggestion.CreateTask task, Context context, Locale locale) {
		String label = texts.message(task.label(), locale);
		return suggestion(label, action("create", label, task(finding, context, label)));
	}

	private Optional<CdsServiceResponseSuggestionJson> updatedDose(
			Finding finding, Suggestion.UpdateDose dose, Context context, Locale locale) {
		Object capped = finding.values().get(dose.value());
		if (!(capped instanceof Number)) return Optional.empty();
		return context.draftOrders().stream()
				.filter(MedicationRequest.class::isInstance)
				.map(MedicationRequest.class::cast)
				.filter(order -> finding.implicated().contains(FactsAssembler.id(order)))
				.findFirst()
				.map(order -> {
					MedicationRequest updated = order.copy();
					updated.getDosageInstructionFirstRep().getDoseAndRateFirstRep().getDoseQuantity()
							.setValue(BigDecimal.valueOf(((Number) capped).doubleValue()).setScale(0, java.math.RoundingMode.DOWN));
					String label = texts.message("suggestion.dose", locale, Map.of(dose.value(), capped));
					return suggestion(label, action("update", label, updated));
				});
	}

	private static Task task(Finding finding, Context context, String label) {
		Task task = new Task();
		task.setStatus(Task.TaskStatus.REQUESTED);
		task.setIntent(Task.TaskIntent.ORDER);
		task.setCode(new CodeableConcept().setText(label));
		task.setDescription(label);
		task.setFor(new Reference(context.patient()));
		task.setAuthoredOn(Date.from(context.now()));
		task.setReasonCode(new CodeableConcept(new Coding(FhirCodes.RULE_SYSTEM, finding.ruleId(), null)));
		finding.implicated().stream().filter(id -> id.startsWith("MedicationRequest/")).findFirst()
				.ifPresent(order -> task.setFocus(new Reference(order)));
		return task;
	}

	private static CdsServiceResponseSuggestionJson suggestion(String label, CdsServiceResponseSuggestionActionJson action) {
		CdsServiceResponseSuggestionJson suggestion = new CdsServiceResponseSuggestionJson()
				.setLabel(label)
				.setUuid(UUID.randomUUID().toString())
				.setRecommended(true);
		suggestion.addAction(action);
		return suggestion;
	}

	private static CdsServiceResponseSuggestionActionJson action(String type, String description, Resource resource) {
		return new CdsServiceResponseSuggestionActionJson().setType(type).setDescription(description).setResource(resource);
	}
}
