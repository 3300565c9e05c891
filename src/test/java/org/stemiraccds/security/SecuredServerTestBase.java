package org.stemiraccds.security;

import com.nimbusds.jose.jwk.JWKSet;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.stemiraccds.Application;
import org.stemiraccds.conformance.Examples;
import org.stemiraccds.fhir.FhirHttp;
import org.stemiraccds.security.cdsclient.JwksServer;

/**
 * The whole server with security on, one Spring context shared by the security tests: the FHIR API trusts
 * {@link #AUTH_SERVER}'s tokens, /cds-services trusts the EHR {@link #EHR} (whose calls may name
 * {@link #EHR_FHIR_SERVER} as fhirServer) and the narrowly registered {@link #NARROW_EHR}. Subclasses must not add properties of their own, so that they share
 * this context.
 */
@SpringBootTest(classes = Application.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class SecuredServerTestBase {
	public static final TestIssuer AUTH_SERVER = new TestIssuer("https://auth.example.org", "auth-key-1");
	public static final TestIssuer EHR = new TestIssuer("https://ehr.example.org", "ehr-key-1");
	public static final String EHR_FHIR_SERVER = "https://ehr.example.org/fhir";
	/** A second EHR whose registration grants only reading Patient resources of this server. */
	public static final TestIssuer NARROW_EHR = new TestIssuer("https://narrow-ehr.example.org", "narrow-key-1");
	/** A local key server, for the keys a token's jku header points at. */
	public static final JwksServer KEY_SERVER = JwksServer.start();
	/** A second key pair of EHR, published only at {@link #EHR_JKU}, the one jku EHR's registration allows. */
	public static final TestIssuer EHR_JKU_KEY = new TestIssuer(EHR.issuer(), "ehr-jku-key-1");
	public static final String EHR_JKU = KEY_SERVER.publish("/ehr/jwks.json", new JWKSet(EHR_JKU_KEY.key().toPublicJWK()).toString());

	@LocalServerPort
	protected int port;

	protected FhirHttp http;

	@DynamicPropertySource
	static void security(DynamicPropertyRegistry registry) {
		// A Spring context of its own: its own database too, or resources written here would sit in the other
		// contexts' database without being in their full-text index (each context has its own Lucene heap).
		registry.add("spring.datasource.url", () -> "jdbc:h2:mem:stemirac-secured;DB_CLOSE_DELAY=-1");
		registry.add("stemirac.security.enabled", () -> "true");
		registry.add("stemirac.security.fhir.issuer", AUTH_SERVER::issuer);
		registry.add("stemirac.security.fhir.jwks-file", () -> AUTH_SERVER.jwksFile().toString());
		registry.add("stemirac.security.cds.clients[0].issuer", EHR::issuer);
		registry.add("stemirac.security.cds.clients[0].jwks-file", () -> EHR.jwksFile().toString());
		registry.add("stemirac.security.cds.clients[0].fhir-servers[0]", () -> EHR_FHIR_SERVER);
		registry.add("stemirac.security.cds.clients[0].jku-allowed[0]", () -> EHR_JKU);
		registry.add("stemirac.security.cds.clients[1].issuer", NARROW_EHR::issuer);
		registry.add("stemirac.security.cds.clients[1].jwks-file", () -> NARROW_EHR.jwksFile().toString());
		registry.add("stemirac.security.cds.clients[1].scopes[0]", () -> "system/Patient.rs");
		// the demo page as EHR and its user (DemoPageSecuredIT)
		registry.add("stemirac.demo.tokens.enabled", () -> "true");
		registry.add("stemirac.demo.tokens.fhir-key", () -> AUTH_SERVER.privateKeyFile().toString());
		registry.add("stemirac.demo.tokens.fhir-issuer", AUTH_SERVER::issuer);
		registry.add("stemirac.demo.tokens.ehr-key", () -> EHR.privateKeyFile().toString());
		registry.add("stemirac.demo.tokens.ehr-issuer", EHR::issuer);
	}

	@Autowired
	private IFhirSystemDao<Bundle, ?> systemDao;

	@BeforeEach
	void connect() {
		http = new FhirHttp(port);
	}

	/** The demo patients, loaded as the system (PUT by id: loading them again changes nothing). */
	protected void loadDemoPatients() {
		systemDao.transaction(new SystemRequestDetails(),
				FhirHttp.R4.newJsonParser().parseResource(Bundle.class, Examples.read(Examples.DEMO_BUNDLE)));
	}

	/** A URL under /cds-services of this server, as a CDS client's JWT names it in aud. */
	protected String cdsUrl(String path) {
		return "http://localhost:" + port + "/cds-services" + path;
	}

	/** A valid CDS client JWT of this EHR for one call to this URL (fresh jti). */
	protected static String cdsToken(TestIssuer ehr, String url) {
		return ehr.sign(ehr.claims("ehr-client").audience(url).build());
	}
}
