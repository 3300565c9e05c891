package org.stemiraccds.cds.hooks;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.MatchUrlService;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.util.UrlUtil;
import ca.uhn.hapi.fhir.cdshooks.svc.prefetch.CdsPrefetchDaoSvc;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/**
 * HAPI's prefetch from this server's database, keeping a template's _include and _revinclude: HAPI 8.6.1
 * translates the template without MatchUrlService.processIncludes(), and our record template is one
 * _revinclude search.
 */
public class DatabasePrefetch extends CdsPrefetchDaoSvc {
	private final DaoRegistry daoRegistry;
	private final MatchUrlService matchUrls;
	private final FhirContext fhirContext;

	public DatabasePrefetch(DaoRegistry daoRegistry, MatchUrlService matchUrls, FhirContext fhirContext) {
		super(daoRegistry, matchUrls, fhirContext);
		this.daoRegistry = daoRegistry;
		this.matchUrls = matchUrls;
		this.fhirContext = fhirContext;
	}

	@Override
	public IBaseResource resourceFromUrl(String url) {
		UrlUtil.UrlParts parts = UrlUtil.parseUrl(url);
		if (parts.getResourceType() == null || parts.getParams() == null || !daoRegistry.isResourceTypeSupported(parts.getResourceType())) {
			return super.resourceFromUrl(url);
		}
		SearchParameterMap search = matchUrls.translateMatchUrl(
				parts.getParams(), fhirContext.getResourceDefinition(parts.getResourceType()), MatchUrlService.processIncludes());
		search.setLoadSynchronous(true);
		Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
		daoRegistry.getResourceDao(parts.getResourceType()).search(search, new SystemRequestDetails()).getAllResources()
				.forEach(resource -> bundle.addEntry().setResource((Resource) resource));
		return bundle;
	}
}
