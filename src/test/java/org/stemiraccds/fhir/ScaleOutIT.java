package org.stemiraccds.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.stemiraccds.conformance.Examples;
import org.stemiraccds.security.TestIssuer;

/**
 * Several instances behind one endpoint (issue 10, scale-out): two instances of the server, each in a JVM of its own
 * as two replicas are, on one PostgreSQL database and one OpenSearch node, with security on: the profiles
 * postgres,opensearch,prod of docker-compose.yml's scaleout profile. Whatever one instance issued or wrote, the other
 * knows: a card issued by one takes feedback through the other, a CDS client token accepted by one is a replay at the
 * other, a resource written through one is found by _content through the other, a search paged on one goes on through
 * the other. The full-text tests run here on OpenSearch ({@link FullTextSearchOnOpenSearch}).
 * <p>
 * JVMs of their own, not two Spring contexts in this one: all they share must go through the database and the search
 * node, never through a static field that two contexts in one JVM would both see. They run this JVM's classpath (what
 * was just compiled, packaged or not).
 */
class ScaleOutIT {
	private static final Path DIRECTORY = Path.of("target", "scaleout");
	/** The load balancer's address as the instances see it (X-Forwarded-*); a CDS client's token names it as aud. */
	private static final Map<String, String> THROUGH_THE_LOAD_BALANCER = Map.of("X-Forwarded-Proto", "https",
			"X-Forwarded-Host", "cds.hospital.example", "Accept-Language", "en");
	private static final String PUBLIC_CDS = "https://cds.hospital.example/cds-services";
	private static final TestIssuer AUTH_SERVER = new TestIssuer("https://auth.example.org", "auth-key-1");
	private static final TestIssuer EHR = new TestIssuer("https://ehr.example.org", "ehr-key-1");
	private static OpenSearchNode searchNode;
	private static Instance first;
	private static Instance second;

	@BeforeAll
	static void deploy() {
		searchNode = OpenSearchNode.start(DIRECTORY.resolve("opensearch"));
		TestPostgres.Database database = TestPostgres.freshDatabase("stemirac_scaleout");
		searchNode.awaitReady(Duration.ofMinutes(5));
		// One after the other, as docker-compose.yml starts them: the first creates the schema and installs the
		// conformance content, which two instances starting at once on an empty database would both try.
		first = Instance.start("first", database, searchNode);
		second = Instance.start("second", database, searchNode);
	}

	@AfterAll
	static void stop() {
		for (AutoCloseable running : new AutoCloseable[] {second, first, searchNode}) {
			try {
				if (running != null) running.close();
			} catch (Exception e) {
				// the others are stopped all the same
			}
		}
	}

	@Test
	void aCardIssuedByOneInstanceTakesFeedbackThroughTheOther() {
		assertThat(first.fhir().post("/fhir", Examples.read(Examples.DEMO_BUNDLE)).status()).isEqualTo(200);
		FhirHttp.Response cards = first.cds("POST", "/stemirac-patient-view", """
				{"hook":"patient-view","hookInstance":"scale-out-1","context":{"userId":"PractitionerRole/demo-role","patientId":"demo-contraindicated"}}""");
		assertThat(cards.status()).as(cards.body()).isEqualTo(200);
		assertThat(cards.body()).contains("SAF-HYPERSENSITIVITY");
		String card = firstCardUuid(cards.body());

		FhirHttp.Response feedback = second.cds("POST", "/stemirac-patient-view/feedback", feedback(card));
		assertThat(feedback.status()).as(feedback.body()).isEqualTo(200);
		assertThat(first.fhir().get("/fhir/AuditEvent?entity-name=" + card).resource(Bundle.class).getEntry()).hasSize(1);
		// the other instance does check: a card nobody issued is unknown there
		FhirHttp.Response unknown = second.cds("POST", "/stemirac-patient-view/feedback", feedback(UUID.randomUUID().toString()));
		assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
	}

	@Test
	void aTokenAcceptedByOneInstanceIsAReplayAtTheOther() {
		String token = cdsToken(PUBLIC_CDS);
		assertThat(first.cds("GET", "", null, token).status()).isEqualTo(200);
		FhirHttp.Response replayed = second.cds("GET", "", null, token);
		assertThat(replayed.status()).as(replayed.body()).isEqualTo(401);
		assertThat(replayed.body()).contains("already used");
		assertThat(second.cds("GET", "", null, cdsToken(PUBLIC_CDS)).status()).as("a fresh token").isEqualTo(200);
	}

	@Test
	void aResourceWrittenThroughOneInstanceIsFoundByContentThroughTheOther() {
		String word = FullTextSearchContract.uniqueWord();
		String id = create(first, "urn:test:scale-out", "written", word);
		assertThat(ids(second, "/fhir/Basic?_content=" + word)).containsExactly(id);
		// the word is in OpenSearch, not in a directory of the first instance's (the audit of the search has it too)
		FhirHttp.Response inTheNode = new FhirHttp(0).get(searchNode.url()
				+ "/scaleout-resourcetable-read/_search?q=myResourceType:Basic+AND+myContentText:" + word);
		assertThat(inTheNode.body()).contains("\"hits\":{\"total\":{\"value\":1,").contains("\"_id\":\"" + id + "\"");

		String replacement = FullTextSearchContract.uniqueWord();
		Basic updated = basic("urn:test:scale-out", "written", replacement);
		updated.setId(id);
		assertThat(second.fhir().put("/fhir/Basic/" + id, FhirHttp.R4.newJsonParser().encodeResourceToString(updated))
				.status()).isEqualTo(200);
		assertThat(ids(first, "/fhir/Basic?_content=" + replacement)).containsExactly(id);
		assertThat(ids(first, "/fhir/Basic?_content=" + word)).isEmpty();
	}

	@Test
	void aSearchPagedOnOneInstanceGoesOnThroughTheOther() {
		List<String> written = new ArrayList<>();
		for (int i = 0; i < 5; i++) written.add(create(first, "urn:test:scale-out-paging", "page", "page " + i));
		Bundle page = first.fhir().get("/fhir/Basic?code=urn:test:scale-out-paging|page&_count=2").resource(Bundle.class);
		List<String> read = new ArrayList<>(idsOf(page));
		Instance next = second;
		int pagesFollowed = 0;
		while (page.getLink(Bundle.LINK_NEXT) != null) {
			pagesFollowed++;
			String link = page.getLink(Bundle.LINK_NEXT).getUrl();
			FhirHttp.Response answer = next.fhir().get(link.substring(link.indexOf("/fhir")));
			assertThat(answer.status()).as(next.name + ": " + link + "\n" + answer.body()).isEqualTo(200);
			page = answer.resource(Bundle.class);
			read.addAll(idsOf(page));
			next = next == first ? second : first;
		}
		assertThat(pagesFollowed).as("pages 2 and 3, through the second instance and back").isEqualTo(2);
		assertThat(read).containsExactlyInAnyOrderElementsOf(written);
	}

	/** The full-text tests, on the OpenSearch node through the first instance. */
	@Nested
	class FullTextSearchOnOpenSearch implements FullTextSearchContract {
		@Override
		public FhirHttp fullTextHttp() {
			return first.fhir();
		}
	}

	private static String feedback(String card) {
		return "{\"feedback\":[{\"card\":\"" + card + "\",\"outcome\":\"overridden\",\"outcomeTimestamp\":\"2026-11-25T10:00:00+09:00\"}]}";
	}

	private static String firstCardUuid(String cards) {
		Matcher uuid = Pattern.compile("\"uuid\"\\s*:\\s*\"([0-9a-f-]{36})\"").matcher(cards);
		assertThat(uuid.find()).as(cards).isTrue();
		return uuid.group(1);
	}

	/** A CDS client JWT of the EHR for one call to this URL (fresh jti). */
	private static String cdsToken(String url) {
		return EHR.sign(EHR.claims("ehr-client").audience(url).build());
	}

	private static Basic basic(String system, String code, String text) {
		Basic basic = new Basic();
		basic.getCode().addCoding().setSystem(system).setCode(code);
		basic.getCode().setText(text);
		return basic;
	}

	private static String create(Instance instance, String system, String code, String text) {
		FhirHttp.Response created = instance.fhir().post("/fhir/Basic",
				FhirHttp.R4.newJsonParser().encodeResourceToString(basic(system, code, text)));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.resource(Basic.class).getIdElement().getIdPart();
	}

	private static List<String> ids(Instance instance, String search) {
		FhirHttp.Response found = instance.fhir().get(search);
		assertThat(found.status()).as(found.body()).isEqualTo(200);
		return idsOf(found.resource(Bundle.class));
	}

	private static List<String> idsOf(Bundle bundle) {
		return bundle.getEntry().stream().map(e -> e.getResource().getIdElement().getIdPart()).toList();
	}

	/** One instance of the server: a JVM of its own on a port of its own. */
	private static final class Instance implements AutoCloseable {
		private final String name;
		private final ChildJvm jvm;
		private final int port;

		private Instance(String name, ChildJvm jvm, int port) {
			this.name = name;
			this.jvm = jvm;
			this.port = port;
		}

		/** Started and ready: its readiness probe answers once the conformance content is installed. */
		static Instance start(String name, TestPostgres.Database database, OpenSearchNode searchNode) {
			int port = ChildJvm.freePort();
			ChildJvm jvm = ChildJvm.start(name, DIRECTORY,
					// C1 only and one GC thread: it starts sooner on a CI machine's few cores
					List.of("-Xmx1g", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"),
					System.getProperty("java.class.path"), "org.stemiraccds.Application",
					List.of("--server.port=" + port,
							"--spring.profiles.active=postgres,opensearch,prod",
							"--spring.datasource.url=" + database.url(),
							"--spring.datasource.username=" + database.user(),
							"--spring.datasource.password=" + database.password(),
							"--stemirac.search.hosts=" + searchNode.hosts(),
							"--stemirac.search.index-prefix=scaleout",
							"--stemirac.data-dir=" + DIRECTORY.resolve(name + "-data").toAbsolutePath(),
							"--server.forward-headers-strategy=framework",
							"--stemirac.security.fhir.issuer=" + AUTH_SERVER.issuer(),
							"--stemirac.security.fhir.jwks-file=" + AUTH_SERVER.jwksFile(),
							"--stemirac.security.cds.clients[0].issuer=" + EHR.issuer(),
							"--stemirac.security.cds.clients[0].jwks-file=" + EHR.jwksFile(),
							// the demo record is dated
							"--stemirac.cds.fixed-time=2026-11-25T10:00:00+09:00"));
			Instance instance = new Instance(name, jvm, port);
			jvm.await("readiness", Duration.ofMinutes(10),
					() -> ChildJvm.answers200("http://localhost:" + port + "/actuator/health/readiness"));
			return instance;
		}

		/** /fhir as an integrator with every right (SMART system/*.*). */
		FhirHttp fhir() {
			return new FhirHttp(port).withBearer(AUTH_SERVER.sign(AUTH_SERVER.claims("integrator").claim("scope", "system/*.*").build()));
		}

		/** A call to /cds-services{path} through the load balancer, with a fresh token of the EHR. */
		FhirHttp.Response cds(String method, String path, String body) {
			return cds(method, path, body, cdsToken(PUBLIC_CDS + path));
		}

		FhirHttp.Response cds(String method, String path, String body, String token) {
			Map<String, String> headers = new java.util.HashMap<>(THROUGH_THE_LOAD_BALANCER);
			headers.put("Authorization", "Bearer " + token);
			return new FhirHttp(port).send(method, "/cds-services" + path, body, "application/json", headers);
		}

		@Override
		public void close() {
			jvm.close();
		}
	}
}
