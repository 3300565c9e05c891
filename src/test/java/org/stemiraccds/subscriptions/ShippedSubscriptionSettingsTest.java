package org.stemiraccds.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.stemiraccds.reminders.ReminderSettings;

/** The shipped settings: endpoint checks off by default and on in the prod profile; the reminder job's defaults. */
class ShippedSubscriptionSettingsTest {

	@Test
	void prodProfileRequiresHttpsAndReachableEndpoints() throws IOException {
		SubscriptionProperties plain = binder("application.yaml").bindOrCreate("stemirac.subscriptions", SubscriptionProperties.class);
		assertThat(plain.enabled()).isTrue();
		assertThat(plain.requireHttps()).isFalse();
		assertThat(plain.requireReachable()).isFalse();
		SubscriptionProperties prod = binder("application.yaml", "application-prod.yaml")
				.bindOrCreate("stemirac.subscriptions", SubscriptionProperties.class);
		assertThat(prod.requireHttps()).isTrue();
		assertThat(prod.requireReachable()).isTrue();
		assertThat(prod.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
	}

	@Test
	void reminderJobRunsHourlyWithTheGuidelinesLeadTimes() throws IOException {
		ReminderSettings reminders = binder("application.yaml").bindOrCreate("stemirac.reminders", ReminderSettings.class);
		assertThat(reminders.enabled()).isTrue();
		assertThat(reminders.interval()).isEqualTo(Duration.ofHours(1));
		assertThat(reminders.initialDelay()).isEqualTo(Duration.ofHours(1));
		assertThat(reminders.leadDays()).isEqualTo(7);
		assertThat(reminders.followUpWindowDays()).isEqualTo(14);
		assertThat(reminders.registryDueDays()).isEqualTo(30);
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
