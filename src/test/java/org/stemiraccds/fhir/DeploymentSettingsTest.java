package org.stemiraccds.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The shipped settings: no CORS origin by default, security on in the prod profile, no database password in
 * the repository (compose takes it from the uncommitted .env), the container's runtime user not root.
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
		return new Binder(ConfigurationPropertySources.get(environment));
	}
}
