package org.stemiraccds.fhir;

import ca.uhn.fhir.batch2.jobs.export.BulkDataExportProvider;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.jpa.provider.JpaSystemProvider;
import ca.uhn.fhir.jpa.provider.ValueSetOperationProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.narrative.INarrativeGenerator;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.openapi.OpenApiInterceptor;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.stemiraccds.errors.SuccessOnlyResponseHighlighter;

/**
 * The FHIR REST endpoint at /fhir: JPA resource providers, operations, paging, CORS and OpenAPI; request bodies
 * bounded (RequestSizeLimitFilter) before HAPI reads them.
 */
@Configuration
public class RestfulServerConfig {

	public static final String FHIR_PATH = "/fhir";

	@Bean
	public RestfulServer restfulServer(
			IFhirSystemDao<?, ?> systemDao,
			ResourceProviderFactory resourceProviders,
			JpaSystemProvider<?, ?> systemProvider,
			ValueSetOperationProvider valueSetOperations,
			DatabaseBackedPagingProvider pagingProvider,
			JpaStorageSettings storageSettings,
			ISearchParamRegistry searchParamRegistry,
			IValidationSupport validationSupport,
			FhirServerProperties properties,
			CorsPolicy cors,
			List<FhirServerInterceptor> interceptors,
			List<FhirServerOperation> operations,
			BulkDataExportProvider bulkExport) {
		RestfulServer server = new RestfulServer(systemDao.getContext());
		server.registerProviders(resourceProviders.createProviders());
		server.registerProviders(systemProvider, valueSetOperations);
		operations.forEach(server::registerProvider);
		// FHIR Bulk Data Access $export (the registry export: Group/{id}/$export)
		server.registerProvider(bulkExport);
		JpaCapabilityStatementProvider capabilities = new JpaCapabilityStatementProvider(
				server, systemDao, storageSettings, searchParamRegistry, validationSupport);
		capabilities.setImplementationDescription(properties.implementationDescription());
		server.setServerConformanceProvider(capabilities);
		server.setServerName("stemirac-cds");
		server.setDefaultResponseEncoding(EncodingEnum.JSON);
		server.setDefaultPrettyPrint(false);
		pagingProvider.setDefaultPageSize(properties.defaultPageSize());
		pagingProvider.setMaximumPageSize(properties.maximumPageSize());
		server.setPagingProvider(pagingProvider);
		server.getFhirContext().setNarrativeGenerator((INarrativeGenerator) null);
		server.registerInterceptor(new SuccessOnlyResponseHighlighter());
		server.registerInterceptor(new OpenApiInterceptor());
		server.registerInterceptor(new CrossOriginInterceptor(cors.fhir(), server.getFhirContext()));
		interceptors.forEach(server::registerInterceptor);
		return server;
	}

	@Bean
	public ServletRegistrationBean<RestfulServer> fhirServlet(RestfulServer server) {
		ServletRegistrationBean<RestfulServer> registration = new ServletRegistrationBean<>(server, FHIR_PATH + "/*");
		registration.setName("fhir");
		registration.setLoadOnStartup(1);
		return registration;
	}

	@Bean
	public FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimit(
			RestfulServer server, FhirServerProperties properties) {
		FilterRegistrationBean<RequestSizeLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestSizeLimitFilter(server.getFhirContext(), properties.maxRequestBytes()));
		registration.addUrlPatterns(FHIR_PATH + "/*");
		return registration;
	}
}
