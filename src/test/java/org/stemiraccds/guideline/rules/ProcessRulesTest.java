package org.stemiraccds.guideline.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stemiraccds.guideline.RuleAssert.doesNotFire;
import static org.stemiraccds.guideline.RuleAssert.fires;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stemiraccds.guideline.Facts;
import org.stemiraccds.guideline.Finding;
import org.stemiraccds.guideline.Hook;
import org.stemiraccds.guideline.rules.facility.FacFacilityRequirements;
import org.stemiraccds.guideline.rules.facility.FacPhysicianRequirement;
import org.stemiraccds.guideline.rules.facility.FacPhysicianUnknown;
import org.stemiraccds.guideline.rules.process.MonCollection;
import org.stemiraccds.guideline.rules.process.MonInfusion;
import org.stemiraccds.guideline.rules.process.ProClaimRemarks;
import org.stemiraccds.guideline.rules.process.ProRehabTransfer;
import org.stemiraccds.guideline.rules.safety.SafPediatricAntibiotics;

/** Facility and physician (§4), claim remarks (insurance notice (3)), monitoring (§6 ③). */
class ProcessRulesTest {
	private static final String[] ALL_FACILITY_ITEMS = {"1-1-1", "1-1-2", "1-1-3", "1-1-4a", "1-1-4b", "1-1-4c",
			"1-1-5", "1-1-6", "1-3", "1-4", "1-5", "2", "3-1", "3-2", "3-3"};

	private static Facts signing() {
		return Facts.in(Hook.ORDER_SIGN).injuredOn("2026-10-20").orderingStemirac();
	}

	@Test
	void physicianNeedsTrainingAndRequirementAOrI() {
		assertThat(fires(new FacPhysicianRequirement(), signing().physician("req-a")).values()).containsEntry("trained", false);
		fires(new FacPhysicianRequirement(), signing().physician("manufacturer-training", "rehab-7-2"));
		doesNotFire(new FacPhysicianRequirement(), signing().physician("manufacturer-training", "req-i"));
	}

	@Test
	void unknownPhysician() {
		fires(new FacPhysicianUnknown(), signing());
		doesNotFire(new FacPhysicianUnknown(), signing().physician("req-a"));
	}

	@Test
	void facilityListsTheItemsItDoesNotMeet() {
		Finding finding = fires(new FacFacilityRequirements(), signing().facilityMeeting(
				"1-1-1", "1-1-2", "1-1-3", "1-1-4a", "1-1-4b", "1-1-4c", "1-1-5", "1-1-6", "1-3", "1-4", "1-5", "2", "3-1", "3-2"));
		assertThat(finding.values()).containsEntry("missing", List.of("3-3"));
		doesNotFire(new FacFacilityRequirements(), signing().facilityMeeting(ALL_FACILITY_ITEMS));
	}

	@Test
	void facilityItem15IsNotRequired() {
		doesNotFire(new FacFacilityRequirements(), signing().facilityMeeting(
				"1-1-1", "1-1-2", "1-1-3", "1-1-4a", "1-1-4b", "1-1-4c", "1-1-5", "1-1-6", "1-3", "1-4", "2", "3-1", "3-2", "3-3"));
	}

	@Test
	void theResponsiblePhysicianIsTheFactsPhysician() {
		assertThat(fires(new FacPhysicianRequirement(), signing().physician("req-a")).implicated())
				.containsExactly("PractitionerRole/responsible", "MedicationRequest/draft");
		assertThat(fires(new ProClaimRemarks(), signing().physician("req-i")).values()).containsEntry("physicianRequirement", "req-i");
	}

	@Test
	void rehabilitationTransferToAFacilityNotNamedAsPartner() {
		Facts given = Facts.in(Hook.PATIENT_VIEW).injuredOn("2026-10-20").givenBefore("2026-12-05").now("2027-01-10");
		Finding finding = fires(new ProRehabTransfer(), given.referredTo("Organization/rehab").facilityMeeting(ALL_FACILITY_ITEMS));
		assertThat(finding.values()).containsEntry("organizations", List.of("Organization/rehab")).containsEntry("partners", List.of());
		assertThat(finding.implicated()).containsExactly("ServiceRequest/referral-1", "MedicationAdministration/earlier");
	}

	@Test
	void rehabilitationTransferToAPartnerOrBeforeStemiracIsFine() {
		doesNotFire(new ProRehabTransfer(), Facts.in(Hook.PATIENT_VIEW).injuredOn("2026-10-20").givenBefore("2026-12-05")
				.now("2027-01-10").referredTo("Organization/rehab").partner("Organization/rehab").facilityMeeting(ALL_FACILITY_ITEMS));
		doesNotFire(new ProRehabTransfer(), Facts.in(Hook.PATIENT_VIEW).injuredOn("2026-10-20").now("2026-11-10")
				.referredTo("Organization/rehab").facilityMeeting(ALL_FACILITY_ITEMS));
		doesNotFire(new ProRehabTransfer(), Facts.in(Hook.PATIENT_VIEW).injuredOn("2026-10-20").givenBefore("2026-12-05")
				.now("2027-01-10").facilityMeeting(ALL_FACILITY_ITEMS));
	}

	@Test
	void claimRemarksCarryRequirementAndBothAisGrades() {
		Finding complete = fires(new ProClaimRemarks(), signing().physician("req-a", "manufacturer-training")
				.bloodCollected("2026-10-28").ais("A", "2026-10-28", "first-blood-collection").ais("B", "2026-11-24"));
		assertThat(complete.values())
				.containsEntry("physicianRequirement", "req-a")
				.containsEntry("firstBloodAis", "A")
				.containsEntry("preAdministrationAis", "B")
				.containsEntry("missing", List.of());
		Finding incomplete = fires(new ProClaimRemarks(), signing());
		assertThat(incomplete.values()).containsEntry("missing",
				List.of("physicianRequirement", "firstBloodAis", "preAdministrationAis"));
	}

	@Test
	void monitoringCards() {
		fires(new MonInfusion(), signing());
		doesNotFire(new MonInfusion(), Facts.in(Hook.ORDER_SIGN).injuredOn("2026-10-20").orderingMarrowCollection("2026-11-01"));
		fires(new MonCollection(), Facts.in(Hook.ORDER_SELECT).injuredOn("2026-10-20").orderingMarrowCollection("2026-11-01"));
		doesNotFire(new MonCollection(), signing());
	}

	@Test
	void childMarrowCollectionSuggestsProphylacticAntibiotics() {
		fires(new SafPediatricAntibiotics(), Facts.in(Hook.ORDER_SIGN).bornOn("2012-05-01").injuredOn("2026-10-20")
				.orderingMarrowCollection("2026-11-01"));
		doesNotFire(new SafPediatricAntibiotics(), Facts.in(Hook.ORDER_SIGN).bornOn("1990-05-01").injuredOn("2026-10-20")
				.orderingMarrowCollection("2026-11-01"));
	}
}
