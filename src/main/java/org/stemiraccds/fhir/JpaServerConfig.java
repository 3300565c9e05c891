package org.stemiraccds.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.jpa.config.HapiJpaConfig;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import ca.uhn.fhir.jpa.subscription.match.config.SubscriptionProcessorConfig;
import ca.uhn.fhir.jpa.subscription.submit.config.SubscriptionSubmitterConfig;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import ca.uhn.fhir.jpa.model.entity.StorageSettings;
import jakarta.persistence.EntityManagerFactory;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.orm.jpa.JpaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.stemiraccds.subscriptions.SubscriptionProperties;
import org.stemiraccds.registry.RegistrySettings;

/**
 * HAPI FHIR's JPA server (R4) on the Spring Boot data source. Hibernate, Hibernate Search and the database
 * are configured in application.yaml under spring.jpa / spring.datasource, as in hapi-fhir-jpaserver-starter.
 */
@Configuration
@Import({
	JpaR4Config.class,
	HapiJpaConfig.class,
	JpaBatch2Config.class,
	Batch2JobsConfig.class,
	ThreadPoolFactoryConfig.class,
	// in-memory message broker that HAPI's batch jobs ($reindex, terminology) run on
	SubscriptionChannelConfig.class,
	// FHIR R4 Subscriptions: matching each write (submitter) and delivering to rest-hook endpoints (processor)
	SubscriptionSubmitterConfig.class,
	SubscriptionProcessorConfig.class
})
public class JpaServerConfig {

	@Bean
	public JpaStorageSettings jpaStorageSettings(FhirServerProperties properties, FullTextIndexProperties fullTextIndex,
			RegistrySettings registry) {
		JpaStorageSettings settings = new JpaStorageSettings();
		// Also refused earlier, in the request's language and for batches too, by BundleSizeLimit
		settings.setMaximumTransactionBundleSize(properties.maxBundleEntries());
		// _content / _text search through Hibernate Search (Lucene beside the database by default)
		settings.setHibernateSearchIndexFullText(true);
		// on a search cluster (profile opensearch), read by HAPI's IndexNamePrefixLayoutStrategy
		settings.setHSearchIndexPrefix(fullTextIndex.indexPrefix());
		settings.setAllowExternalReferences(false);
		settings.setEnforceReferentialIntegrityOnWrite(true);
		settings.setEnforceReferentialIntegrityOnDelete(true);
		settings.setAutoCreatePlaceholderReferenceTargets(false);
		settings.setIndexMissingFields(StorageSettings.IndexEnabledEnum.DISABLED);
		settings.setDefaultSearchParamsCanBeOverridden(true);
		// $validate and writes resolve our profiles from the stored StructureDefinitions
		settings.setAllowInlineMatchUrlReferences(true);
		// A search reflects every write before it (e.g. the DetectedIssues of an administration just corrected);
		// HAPI's default reuses a search's results for 60 s.
		settings.setReuseCachedSearchResultsForMillis(null);
		// Our SearchParameters are installed at start, before HAPI's batch jobs exist; resources written
		// earlier are indexed by an explicit $reindex (docs/decisions.md).
		settings.setMarkResourcesForReindexingUponSearchParameterChange(false);
		registryExport(settings, registry);
		return settings;
	}

	/**
	 * FHIR Bulk Data export (the registry's data set, docs/decisions.md "Issue 12"): HAPI's Batch2 job, its files
	 * stored as Binary resources. Fast tracking moves a job on as each step ends instead of at the next one-minute
	 * maintenance pass, so a registry-sized export takes seconds.
	 */
	private static void registryExport(JpaStorageSettings settings, RegistrySettings registry) {
		settings.setEnableTaskBulkExportJobExecution(true);
		settings.setJobFastTrackingEnabled(true);
		settings.setBulkExportFileRetentionPeriodHours((int) registry.exportFileRetention().toHours());
	}

	@Bean
	public PartitionSettings partitionSettings() {
		return new PartitionSettings();
	}

	/**
	 * Rest-hook Subscriptions only (no websocket, email or message channels), matched in memory only: criteria such
	 * as Task?status=requested are decided on the written resource, with no database search per write.
	 */
	@Bean
	public SubscriptionSettings subscriptionSettings(SubscriptionProperties subscriptions) {
		SubscriptionSettings settings = new SubscriptionSettings();
		if (subscriptions.enabled()) {
			settings.addSupportedSubscriptionType(org.hl7.fhir.dstu2.model.Subscription.SubscriptionChannelType.RESTHOOK);
			settings.setOnlyAllowInMemorySubscriptions(true);
		}
		return settings;
	}

	@Primary
	@Bean
	public LocalContainerEntityManagerFactoryBean entityManagerFactory(
			ConfigurableListableBeanFactory beanFactory,
			FhirContext fhirContext,
			JpaStorageSettings storageSettings,
			JpaProperties jpaProperties,
			DataSource dataSource) {
		LocalContainerEntityManagerFactoryBean factory =
				HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, storageSettings);
		factory.setPersistenceUnitName("HAPI_PU");
		factory.setJpaPropertyMap(jpaProperties.getProperties());
		factory.setDataSource(dataSource);
		return factory;
	}

	@Primary
	@Bean
	public JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
		return new JpaTransactionManager(entityManagerFactory);
	}
}
