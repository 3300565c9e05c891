package org.stemiraccds.cds;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.stemiraccds.conformance.ConformanceResources;

/** Draft orders for the demo patients. */
public final class DemoOrders {
	private DemoOrders() {}

	/** A standard STEMIRAC order of the patient's own lot: 1×10⁸ cells, 0.8 mL/min, 3-fold, IV, by the demo physician. */
	public static MedicationRequest stemirac(String patientId) {
		MedicationRequest order = new MedicationRequest();
		order.setStatus(MedicationRequest.MedicationRequestStatus.DRAFT);
		order.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
		order.setSubject(new Reference("Patient/" + patientId));
		order.setMedication(new Reference("Medication/" + patientId + "-lot"));
		order.setRequester(new Reference("PractitionerRole/demo-role"));
		order.addDosageInstruction()
				.setRoute(new CodeableConcept().addCoding(new Coding("http://snomed.info/sct", "47625008", null)))
				.addDoseAndRate()
				.setDose(new Quantity().setValue(1.0e8).setSystem("http://unitsofmeasure.org").setCode("{cells}"))
				.setRate(new Quantity().setValue(0.8).setSystem("http://unitsofmeasure.org").setCode("mL/min"));
		order.getDosageInstructionFirstRep().addExtension(ConformanceResources.PROFILE_BASE + "dilution-factor", new DecimalType(3));
		return order;
	}
}
