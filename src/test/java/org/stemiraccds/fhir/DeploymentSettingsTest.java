package org.stemiraccds.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.yaml.snakeyaml.Yaml;

/**
 * The shipped settings: no CORS origin by default, security on in the prod profile, no database password in
 * the repository (compose takes it from the uncommitted .env), the container's runtime user not root, the full-text
 * index on a search cluster in the opensearch profile, compose's scale-out profile (no Docker engine runs it here).
 */
class DeploymentSettingsTest {

	@Test
	void noCorsOriginByDefault() throws IOException {
		FhirServerProperties fhir = binder("application.yaml").bind("stemirac.fhir", FhirServerProperties.class).get();
		assertThat(fhir.corsAllowedOrigins()).isEmpty();
		assertThat(fhir.maxBundleEntries()).isEqualTo(10_000);
	}

	@Test
	void prodProfileTurnsSecurityOnWithNoCorsOrigin() throws IOException {
		Binder prod = binder("application.yaml", "application-prod.yaml");
		assertThat(prod.bind("stemirac.security.enabled", Boolean.class).get()).isTrue();
		assertThat(prod.bind("stemirac.fhir", FhirServerProperties.class).get().corsAllowedOrigins()).isEmpty();
	}

	@Test
	void noDatabasePasswordInTheRepository() throws IOException {
		String postgres = new String(new ClassPathResource("application-postgres.yaml").getInputStream().readAllBytes());
		assertThat(postgres).contains("password: ${SPRING_DATASOURCE_PASSWORD}");
		String compose = Files.readString(Path.of("docker-compose.yml"));
		assertThat(compose).doesNotContainPattern("PASSWORD: [^$]")
				.contains("POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?").contains("env_file: .env")
				.contains("SPRING_PROFILES_ACTIVE: postgres,prod");
		assertThat(Files.readAllLines(Path.of(".gitignore"))).contains(".env");
		assertThat(Files.readString(Path.of(".env.example"))).contains("POSTGRES_PASSWORD=\n");
	}

	@Test
	void opensearchProfileMovesTheFullTextIndexToTheSearchCluster() throws IOException {
		Bindable<Map<String, String>> properties = Bindable.mapOf(String.class, String.class);
		assertThat(binder("application.yaml").bind("spring.jpa.properties", properties).get())
				.containsEntry("hibernate.search.backend.type", "lucene");
		assertThat(binder("application.yaml", "application-opensearch.yaml").bind("spring.jpa.properties", properties).get())
				.containsEntry("hibernate.search.backend.type", "elasticsearch")
				.containsEntry("hibernate.search.backend.hosts", "localhost:9200")
				.containsEntry("hibernate.search.backend.protocol", "http")
				.containsEntry("hibernate.search.backend.version", "opensearch:2")
				.containsEntry("hibernate.search.backend.analysis.configurer",
						"ca.uhn.fhir.jpa.search.HapiHSearchAnalysisConfigurers$HapiElasticsearchAnalysisConfigurer")
				// a write is searchable when it returns, on every instance
				.containsEntry("hibernate.search.indexing.plan.synchronization.strategy", "read-sync");
	}

	@Test
	@SuppressWarnings("unchecked")
	void composeScaleOutProfileRunsTwoReplicasBehindALoadBalancer() throws IOException {
		Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker-compose.yml")));
		Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
		for (String name : List.of("opensearch", "app1", "app2", "lb")) {
			assertThat(services.get(name)).as(name).containsEntry("profiles", List.of("scaleout")).containsKey("healthcheck");
		}
		assertThat(services.get("app")).doesNotContainKey("profiles");
		for (String replica : List.of("app1", "app2")) {
			assertThat((Map<String, Object>) services.get(replica).get("environment")).as(replica)
					.containsEntry("SPRING_PROFILES_ACTIVE", "postgres,opensearch,prod")
					.containsEntry("SERVER_FORWARD_HEADERS_STRATEGY", "framework");
		}
		Map<String, Object> healthy = Map.of("condition", "service_healthy");
		assertThat((Map<String, Object>) services.get("app1").get("depends_on")).containsEntry("db", healthy)
				.containsEntry("opensearch", healthy);
		assertThat((Map<String, Object>) services.get("app2").get("depends_on")).containsEntry("app1", healthy);
		assertThat((Map<String, Object>) services.get("lb").get("depends_on")).containsEntry("app1", healthy)
				.containsEntry("app2", healthy);
		String haproxy = (String) ((Map<String, Map<String, Object>>) compose.get("configs")).get("haproxy").get("content");
		assertThat(haproxy).contains("server app1 app1:8080", "server app2 app2:8080",
				"option httpchk GET /actuator/health/readiness");
	}

	@Test
	void containerRunsAsAnUnprivilegedUser() throws IOException {
		List<String> lines = Files.readAllLines(Path.of("Dockerfile"));
		String lastUser = lines.stream().filter(line -> line.startsWith("USER ")).reduce((a, b) -> b).orElse("");
		assertThat(lastUser).isEqualTo("USER stemirac:stemirac");
		assertThat(String.join("\n", lines)).contains("chown stemirac:stemirac /data");
	}

	private static Binder binder(String... files) throws IOException {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		for (String file : files) {
			for (PropertySource<?> source : new YamlPropertySourceLoader().load(file, new ClassPathResource(file))) {
				environment.getPropertySources().addFirst(source);
			}
		}
		return new Binder(ConfigurationPropertySources.get(environment), new PropertySourcesPlaceholdersResolver(environment));
	}
}
