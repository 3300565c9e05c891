package org.stemiraccds.security.smart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stemiraccds.security.Caller;
import org.stemiraccds.security.smart.SmartScopes.Context;
import org.stemiraccds.security.smart.SmartScopes.Grant;
import org.stemiraccds.security.smart.SmartScopes.Reach;

class SmartScopesTest {
	private static SmartScopes scopes(String patient, String... scopes) {
		return SmartScopes.of(new Caller("iss", "sub", Set.of(scopes), Optional.ofNullable(patient), List.of(), false));
	}

	@Test
	void version2AndVersion1FormsAreParsed() {
		assertThat(SmartScopes.parse(List.of("patient/*.rs"))).containsExactly(new Grant(Context.PATIENT, "*", "rs"));
		assertThat(SmartScopes.parse(List.of("user/Observation.cruds"))).containsExactly(new Grant(Context.USER, "Observation", "cruds"));
		assertThat(SmartScopes.parse(List.of("system/*.read"))).containsExactly(new Grant(Context.SYSTEM, "*", "rs"));
		assertThat(SmartScopes.parse(List.of("user/Patient.write"))).containsExactly(new Grant(Context.USER, "Patient", "cud"));
		assertThat(SmartScopes.parse(List.of("system/*.*"))).containsExactly(new Grant(Context.SYSTEM, "*", "cruds"));
	}

	@Test
	void scopesThatAreNotResourceGrantsGrantNothing() {
		assertThat(SmartScopes.parse(List.of("openid", "fhirUser", "launch/patient", "offline_access", "stemirac/admin",
				"patient/Observation.rs?category=laboratory", "user/*.", "user/*.sr", "user/*.rr", "admin/*.cruds",
				"user/observation.rs", "patient/*.x"))).isEmpty();
	}

	@Test
	void userAndSystemScopesReachEveryResourceOfTheirTypes() {
		SmartScopes user = scopes(null, "user/Observation.rs", "user/Patient.r");
		assertThat(user.reach("Observation", 's')).isEqualTo(Reach.ALL);
		assertThat(user.reach("Patient", 'r')).isEqualTo(Reach.ALL);
		assertThat(user.reach("Patient", 's')).isEqualTo(Reach.NONE);
		assertThat(user.reach("Observation", 'c')).isEqualTo(Reach.NONE);
		assertThat(user.reach("Condition", 'r')).isEqualTo(Reach.NONE);
	}

	@Test
	void patientScopesReachOnlyTheTokensPatientAndNothingWithoutOne() {
		assertThat(scopes("A", "patient/*.rs").reach("Observation", 'r')).isEqualTo(Reach.PATIENT);
		assertThat(scopes(null, "patient/*.rs").reach("Observation", 'r')).isEqualTo(Reach.NONE);
		assertThat(scopes("A", "patient/*.rs", "user/Observation.rs").reach("Observation", 'r')).isEqualTo(Reach.ALL);
	}

	@Test
	void theLocalDeveloperMayDoEverythingAndNobodyNothing() {
		assertThat(SmartScopes.of(Caller.LOCAL).reach("Patient", 'd')).isEqualTo(Reach.ALL);
		assertThat(SmartScopes.of(Caller.LOCAL).unrestricted()).isTrue();
		assertThat(SmartScopes.of(Caller.NOBODY).reach("Patient", 'r')).isEqualTo(Reach.NONE);
	}

	@Test
	void searchesAndReadsNeedTheirOwnLetter() {
		assertThat(SmartAuthorization.readLetters(ca.uhn.fhir.rest.api.RestOperationTypeEnum.SEARCH_TYPE)).isEqualTo("s");
		assertThat(SmartAuthorization.readLetters(ca.uhn.fhir.rest.api.RestOperationTypeEnum.READ)).isEqualTo("r");
	}
}
