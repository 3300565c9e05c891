package org.stemiraccds.guideline;

/**
 * The mechanical fix a rule's card offers (the capped dose, or a Task), declared by the rule itself; the card
 * layer turns it into CDS Hooks suggestion actions.
 */
public sealed interface Suggestion {
	/** A Task to do what the rule found missing; {@code label} is the message key of its wording. */
	record CreateTask(String label) implements Suggestion {}

	/** Update the draft order's dose to the finding's value named {@code value} (cells). */
	record UpdateDose(String value) implements Suggestion {}
}
