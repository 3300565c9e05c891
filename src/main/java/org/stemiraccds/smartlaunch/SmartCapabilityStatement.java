package org.stemiraccds.smartlaunch;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestSecurityComponent;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.UriType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.stemiraccds.fhir.FhirServerInterceptor;

/**
 * rest.security of the CapabilityStatement (SMART App Launch 2.x § Conformance, the oauth-uris extension and
 * the SMART-on-FHIR service), for clients that discover by /metadata rather than smart-configuration.
 */
@Component
@ConditionalOnProperty(name = "stemirac.smart.enabled", havingValue = "true", matchIfMissing = true)
public class SmartCapabilityStatement implements FhirServerInterceptor {
	static final String OAUTH_URIS = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";
	static final String SERVICE_SYSTEM = "http://terminology.hl7.org/CodeSystem/restful-security-service";

	private final SmartConfiguration configuration;

	public SmartCapabilityStatement(SmartConfiguration configuration) {
		this.configuration = configuration;
	}

	@Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
	public void addSecurity(IBaseConformance generated, RequestDetails request) {
		if (!(request instanceof ServletRequestDetails servlet)) return;
		CapabilityStatement capabilities = (CapabilityStatement) generated;
		capabilities.getRest().forEach(rest -> {
			CapabilityStatementRestSecurityComponent security = rest.getSecurity();
			security.getExtension().removeIf(extension -> OAUTH_URIS.equals(extension.getUrl()));
			Extension uris = security.addExtension().setUrl(OAUTH_URIS);
			uris.addExtension("authorize", new UriType(configuration.authorizeEndpoint(servlet.getServletRequest())));
			uris.addExtension("token", new UriType(configuration.tokenEndpoint(servlet.getServletRequest())));
			if (security.getService().stream().noneMatch(service -> service.hasCoding(SERVICE_SYSTEM, "SMART-on-FHIR"))) {
				security.addService().addCoding().setSystem(SERVICE_SYSTEM).setCode("SMART-on-FHIR").setDisplay("SMART-on-FHIR");
			}
		});
	}
}
