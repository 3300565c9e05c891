package org.stemiraccds.security.smart;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stemiraccds.fhir.FhirHttp;
import org.stemiraccds.security.SecuredServerTestBase;
import org.stemiraccds.security.TestIssuer;

/**
 * /fhir with security on: only the authorization server's valid tokens get in, and each gets what its SMART
 * scopes grant. Patients A and B (family names that appear nowhere else) each have an Observation.
 */
class SmartFhirApiIT extends SecuredServerTestBase {
	private static final String A = "smart-it-a";
	private static final String B = "smart-it-b";
	private static final String B_NAME = "Bsecretfamily";
	private static final TestIssuer STRANGER = new TestIssuer("https://auth.example.org", "auth-key-1");
	private static final HttpClient client = HttpClient.newHttpClient();

	@BeforeEach
	void twoPatients() {
		FhirHttp system = as("system/*.*", null);
		put(system, "Patient/" + A, "{\"resourceType\":\"Patient\",\"id\":\"" + A + "\",\"name\":[{\"family\":\"Afamily\"}]}");
		put(system, "Patient/" + B, "{\"resourceType\":\"Patient\",\"id\":\"" + B + "\",\"name\":[{\"family\":\"" + B_NAME + "\"}]}");
		put(system, "Observation/" + A + "-obs", observation(A + "-obs", A, "Aobservation"));
		put(system, "Observation/" + B + "-obs", observation(B + "-obs", B, B_NAME + "obs"));
	}

	// --- who gets in

	@Test
	void noTokenIs401WithAnOperationOutcomeInJapaneseAndNothingRead() throws Exception {
		HttpResponse<String> response = raw("/fhir/Patient/" + B, null, null);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/fhir+json");
		assertThat(diagnostics(response.body())).contains("アクセストークンが必要です");
		assertThat(response.body()).doesNotContain(B_NAME);
	}

	@Test
	void noTokenIsAnsweredInEnglishWhenPreferred() throws Exception {
		HttpResponse<String> response = raw("/fhir/Observation", null, "en-US,en;q=0.9");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(diagnostics(response.body())).contains("An access token is required");
		assertThat(response.body()).doesNotContain(B_NAME).doesNotContainIgnoringCase("exception");
	}

	@Test
	void tokenSignedByAnotherKeyIs401() throws Exception {
		String forged = STRANGER.sign(STRANGER.claims("mallory").claim("scope", "system/*.*").build());
		assertInvalidToken(forged);
	}

	@Test
	void expiredTokenIs401() throws Exception {
		Instant past = Instant.now().minusSeconds(3600);
		assertInvalidToken(AUTH_SERVER.sign(AUTH_SERVER.claims("alice").claim("scope", "system/*.*")
				.issueTime(Date.from(past.minusSeconds(300))).expirationTime(Date.from(past)).build()));
	}

	@Test
	void tokenOfAnotherIssuerIs401() throws Exception {
		assertInvalidToken(AUTH_SERVER.sign(AUTH_SERVER.claims("alice").issuer("https://evil.example.org")
				.claim("scope", "system/*.*").build()));
	}

	@Test
	void tokenWithoutExpiryIs401() throws Exception {
		assertInvalidToken(AUTH_SERVER.sign(AUTH_SERVER.claims("alice").expirationTime(null).claim("scope", "system/*.*").build()));
	}

	@Test
	void hmacTokenWithThePublicKeyAsSecretIs401() throws Exception {
		JWTClaimsSet claims = AUTH_SERVER.claims("mallory").claim("scope", "system/*.*").build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(AUTH_SERVER.key().getKeyID()).build(), claims);
		jwt.sign(new MACSigner(AUTH_SERVER.key().toPublicJWK().toRSAPublicKey().getEncoded()));
		assertInvalidToken(jwt.serialize());
	}

	@Test
	void metadataNeedsNoToken() {
		assertThat(http.get("/fhir/metadata").status()).isEqualTo(200);
	}

	// --- patient/ scopes

	@Test
	void patientTokenReadsItsPatientAndTheirObservations() {
		FhirHttp patientA = as("patient/*.rs", A);
		assertThat(patientA.get("/fhir/Patient/" + A).status()).isEqualTo(200);
		assertThat(patientA.get("/fhir/Observation/" + A + "-obs").status()).isEqualTo(200);
		FhirHttp.Response search = patientA.get("/fhir/Observation?subject=Patient/" + A);
		assertThat(search.status()).as(search.body()).isEqualTo(200);
		assertThat(search.resource(Bundle.class).getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart())
				.containsExactly(A + "-obs");
	}

	@Test
	void patientTokenReadingAnotherPatientIs403AndShowsNothingOfThem() {
		FhirHttp patientA = as("patient/*.rs", A);
		for (String path : new String[] {"/fhir/Patient/" + B, "/fhir/Observation/" + B + "-obs"}) {
			FhirHttp.Response response = patientA.get(path);
			assertThat(response.status()).as(path).isEqualTo(403);
			assertThat(response.diagnostics()).contains("権限がありません");
			assertThat(response.body()).doesNotContain(B_NAME);
		}
	}

	@Test
	void patientTokenSearchesAreNarrowedToItsPatient() {
		FhirHttp patientA = as("patient/*.rs", A);
		FhirHttp.Response all = patientA.get("/fhir/Observation");
		assertThat(all.status()).as(all.body()).isEqualTo(200);
		assertThat(all.resource(Bundle.class).getEntry()).isNotEmpty()
				.allSatisfy(e -> assertThat(((Observation) e.getResource()).getSubject().getReference()).isEqualTo("Patient/" + A));
		assertThat(all.body()).doesNotContain(B_NAME);
		FhirHttp.Response patients = patientA.get("/fhir/Patient");
		assertThat(patients.status()).isEqualTo(200);
		assertThat(patients.resource(Bundle.class).getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart())
				.containsExactly(A);
		FhirHttp.Response askingForB = patientA.get("/fhir/Observation?subject=Patient/" + B);
		assertThat(askingForB.body()).doesNotContain(B_NAME);
		if (askingForB.status() == 200) assertThat(askingForB.resource(Bundle.class).getEntry()).isEmpty();
		else assertThat(askingForB.status()).isEqualTo(403);
	}

	@Test
	void patientTokenReadsSharedReferenceDataButNoOtherTypeOutsideItsCompartment() {
		FhirHttp system = as("system/*.*", null);
		put(system, "Organization/smart-it-org", "{\"resourceType\":\"Organization\",\"id\":\"smart-it-org\",\"name\":\"Hospital\"}");
		put(system, "Binary/smart-it-bin", "{\"resourceType\":\"Binary\",\"id\":\"smart-it-bin\",\"contentType\":\"text/plain\","
				+ "\"data\":\"" + java.util.Base64.getEncoder().encodeToString(B_NAME.getBytes()) + "\"}");
		FhirHttp patientA = as("patient/*.rs", A);
		assertThat(patientA.get("/fhir/Organization/smart-it-org").status()).isEqualTo(200);
		FhirHttp.Response binary = patientA.get("/fhir/Binary/smart-it-bin");
		assertThat(binary.status()).isEqualTo(403);
		assertThat(binary.body()).doesNotContain(java.util.Base64.getEncoder().encodeToString(B_NAME.getBytes()));
	}

	@Test
	void patientTokenGetsEverythingOfItsPatientOnly() {
		FhirHttp patientA = as("patient/*.rs", A);
		FhirHttp.Response own = patientA.get("/fhir/Patient/" + A + "/$everything");
		assertThat(own.status()).as(own.body()).isEqualTo(200);
		assertThat(own.body()).contains(A + "-obs").doesNotContain(B_NAME);
		FhirHttp.Response other = patientA.get("/fhir/Patient/" + B + "/$everything");
		assertThat(other.status()).isEqualTo(403);
		assertThat(other.body()).doesNotContain(B_NAME);
	}

	@Test
	void patientReadTokenCannotWrite() {
		FhirHttp patientA = as("patient/*.rs", A);
		FhirHttp.Response create = patientA.post("/fhir/Observation", observation(null, A, "Anew"));
		assertThat(create.status()).isEqualTo(403);
		FhirHttp.Response update = patientA.put("/fhir/Patient/" + A,
				"{\"resourceType\":\"Patient\",\"id\":\"" + A + "\",\"name\":[{\"family\":\"Changed\"}]}");
		assertThat(update.status()).isEqualTo(403);
		assertThat(as("system/*.*", null).get("/fhir/Patient/" + A).body()).contains("Afamily").doesNotContain("Changed");
		assertThat(as("system/*.*", null).get("/fhir/Observation?code=Anew").resource(Bundle.class).getEntry()).isEmpty();
	}

	@Test
	void patientWriteTokenWritesOnlyItsOwnPatient() {
		FhirHttp patientA = as("patient/*.cruds", A);
		assertThat(patientA.post("/fhir/Observation", observation(null, A, "Aown")).status()).isEqualTo(201);
		FhirHttp.Response forB = patientA.post("/fhir/Observation", observation(null, B, "Bforeign"));
		assertThat(forB.status()).isEqualTo(403);
		assertThat(as("system/*.*", null).get("/fhir/Observation?code=Bforeign").resource(Bundle.class).getEntry()).isEmpty();
	}

	@Test
	void patientTokenEvaluatesOnlyItsPatient() {
		FhirHttp patientA = as("patient/*.rs", A);
		FhirHttp.Response own = patientA.post("/fhir/Patient/" + A + "/$stemirac-evaluate", "{\"resourceType\":\"Parameters\"}");
		assertThat(own.status()).as(own.body()).isEqualTo(200);
		FhirHttp.Response other = patientA.post("/fhir/Patient/" + B + "/$stemirac-evaluate", "{\"resourceType\":\"Parameters\"}");
		assertThat(other.status()).isEqualTo(403);
		assertThat(other.body()).doesNotContain(B_NAME);
	}

	@Test
	void conformanceIsReadableByAnyToken() {
		FhirHttp patientA = as("patient/Observation.rs", A);
		assertThat(patientA.get("/fhir/ValueSet?_count=1").status()).isEqualTo(200);
		assertThat(patientA.get("/fhir/StructureDefinition?_count=1").status()).isEqualTo(200);
		FhirHttp.Response validate = patientA.post("/fhir/Patient/$validate", "{\"resourceType\":\"Patient\"}");
		assertThat(validate.status()).as(validate.body()).isEqualTo(200);
	}

	// --- user/ scopes and letters

	@Test
	void userTokenCreatesReadsSearchesAndUpdates() {
		FhirHttp user = as("user/*.cruds", null);
		FhirHttp.Response created = user.post("/fhir/Observation", observation(null, A, "Auser"));
		assertThat(created.status()).isEqualTo(201);
		String id = created.resource(Observation.class).getIdElement().getIdPart();
		assertThat(user.get("/fhir/Observation/" + id).status()).isEqualTo(200);
		assertThat(user.get("/fhir/Observation?code=Auser").resource(Bundle.class).getEntry()).hasSize(1);
		assertThat(user.put("/fhir/Observation/" + id, observation(id, A, "Auser2")).status()).isEqualTo(200);
		assertThat(user.delete("/fhir/Observation/" + id).status()).isEqualTo(200);
	}

	@Test
	void readWithoutSearchLetterCannotSearch() {
		FhirHttp reader = as("user/Patient.r", null);
		assertThat(reader.get("/fhir/Patient/" + A).status()).isEqualTo(200);
		FhirHttp.Response search = reader.get("/fhir/Patient?_id=" + B);
		assertThat(search.status()).isEqualTo(403);
		assertThat(search.body()).doesNotContain(B_NAME);
		assertThat(reader.get("/fhir/Observation/" + A + "-obs").status()).isEqualTo(403);
	}

	@Test
	void reverseChainingIntoATypeTheTokenCannotSearchIsRefused() {
		FhirHttp patientsOnly = as("user/Patient.rs", null);
		FhirHttp.Response probe = patientsOnly.get("/fhir/Patient?_has:Observation:subject:code=" + B_NAME + "obs");
		assertThat(probe.status()).isEqualTo(403);
		assertThat(probe.body()).doesNotContain(B_NAME);
		FhirHttp.Response allowed = as("user/Patient.rs user/Observation.rs", null)
				.get("/fhir/Patient?_has:Observation:subject:code=" + B_NAME + "obs");
		assertThat(allowed.status()).isEqualTo(200);
		assertThat(allowed.resource(Bundle.class).getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart())
				.containsExactly(B);
	}

	@Test
	void transactionEntriesAreCheckedEachAndNothingIsStoredWhenOneIsRefused() {
		FhirHttp observationsOnly = as("user/Observation.cruds", null);
		String transaction = """
				{"resourceType":"Bundle","type":"transaction","entry":[
				 {"resource":%s,"request":{"method":"POST","url":"Observation"}},
				 {"resource":{"resourceType":"Patient","name":[{"family":"Txrefused"}]},"request":{"method":"POST","url":"Patient"}}]}
				""".formatted(observation(null, A, "Txobs"));
		FhirHttp.Response response = observationsOnly.post("/fhir", transaction);
		assertThat(response.status()).as(response.body()).isEqualTo(403);
		FhirHttp system = as("system/*.*", null);
		assertThat(system.get("/fhir/Observation?code=Txobs").resource(Bundle.class).getEntry()).isEmpty();
		assertThat(system.get("/fhir/Patient?family=Txrefused").resource(Bundle.class).getEntry()).isEmpty();
	}

	// --- admin operations

	@Test
	void userTokenCannotCallAdminOperationsAndNothingChanges() {
		FhirHttp user = as("user/*.cruds", null);
		FhirHttp.Response reindex = user.post("/fhir/$mark-all-resources-for-reindexing", "{\"resourceType\":\"Parameters\"}");
		assertThat(reindex.status()).isEqualTo(403);
		assertThat(reindex.diagnostics()).contains("stemirac/admin");
		assertThat(user.post("/fhir/$reindex-terminology", "{\"resourceType\":\"Parameters\"}").status()).isEqualTo(403);
		String replace = """
				{"resourceType":"Parameters","parameter":[
				 {"name":"source-reference-id","valueString":"Patient/%s"},
				 {"name":"target-reference-id","valueString":"Patient/%s"}]}""".formatted(B, A);
		assertThat(user.post("/fhir/$hapi.fhir.replace-references", replace).status()).isEqualTo(403);
		assertThat(as("system/*.*", null).get("/fhir/Observation/" + B + "-obs").resource(Observation.class)
				.getSubject().getReference()).isEqualTo("Patient/" + B);
		for (String history : new String[] {"/fhir/_history", "/fhir/Patient/_history"}) {
			FhirHttp.Response response = user.get(history);
			assertThat(response.status()).as(history).isEqualTo(403);
			assertThat(response.body()).doesNotContain(B_NAME);
		}
	}

	@Test
	void adminScopeOpensHistoryAcrossResources() {
		FhirHttp admin = as("user/*.cruds stemirac/admin", null);
		FhirHttp.Response history = admin.get("/fhir/_history?_count=5");
		assertThat(history.status()).as(history.body()).isEqualTo(200);
		assertThat(admin.get("/fhir/Patient/_history?_count=5").status()).isEqualTo(200);
	}

	// --- system/ scopes

	@Test
	void systemTokenPassesEverywhere() {
		FhirHttp system = as("system/*.*", null);
		assertThat(system.get("/fhir/Patient/" + B).status()).isEqualTo(200);
		assertThat(system.get("/fhir/Observation?subject=Patient/" + B).resource(Bundle.class).getEntry()).hasSize(1);
		FhirHttp.Response created = system.post("/fhir/Patient", "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Sys\"}]}");
		assertThat(created.status()).isEqualTo(201);
		String id = created.resource(Patient.class).getIdElement().getIdPart();
		assertThat(system.delete("/fhir/Patient/" + id).status()).isEqualTo(200);
		assertThat(system.post("/fhir/Patient/" + B + "/$stemirac-evaluate", "{\"resourceType\":\"Parameters\"}").status())
				.isEqualTo(200);
		assertThat(system.get("/fhir/CodeSystem?_count=1").status()).isEqualTo(200);
		assertThat(system.get("/fhir/Patient/" + B + "/$everything").body()).contains(B + "-obs");
	}

	// --- helpers

	private FhirHttp as(String scope, String patient) {
		var claims = AUTH_SERVER.claims("test-user").claim("scope", scope);
		if (patient != null) claims.claim("patient", patient);
		return http.withBearer(AUTH_SERVER.sign(claims.build()));
	}

	private static void put(FhirHttp as, String path, String body) {
		FhirHttp.Response response = as.put("/fhir/" + path, body);
		assertThat(response.status()).as(response.body()).isIn(200, 201);
	}

	private static String observation(String id, String patient, String code) {
		return "{\"resourceType\":\"Observation\"," + (id == null ? "" : "\"id\":\"" + id + "\",")
				+ "\"status\":\"final\",\"code\":{\"coding\":[{\"system\":\"urn:test\",\"code\":\"" + code + "\"}]},"
				+ "\"subject\":{\"reference\":\"Patient/" + patient + "\"}}";
	}

	private void assertInvalidToken(String token) throws IOException, InterruptedException {
		HttpResponse<String> response = raw("/fhir/Patient/" + B, token, null);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
		assertThat(diagnostics(response.body())).contains("アクセストークンが無効です");
		assertThat(response.body()).doesNotContain(B_NAME).doesNotContainIgnoringCase("exception");
	}

	private HttpResponse<String> raw(String path, String token, String acceptLanguage) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
				.header("Accept", FhirHttp.FHIR_JSON);
		if (token != null) request.header("Authorization", "Bearer " + token);
		if (acceptLanguage != null) request.header("Accept-Language", acceptLanguage);
		return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String diagnostics(String body) {
		OperationOutcome outcome = FhirHttp.R4.newJsonParser().parseResource(OperationOutcome.class, body);
		return outcome.getIssueFirstRep().getDiagnostics();
	}
}
