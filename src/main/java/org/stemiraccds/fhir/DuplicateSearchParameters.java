package org.stemiraccds.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.model.api.IQueryParameterType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Drops a search parameter repeated with the very same value ({@code Patient?name=x&name=x}): repeated
 * parameters are ANDed (FHIR R4 § 3.1.1.5.5 "AND"), so a copy changes no result, only the cost of the query.
 * HAPI's search coordinator asserts there is none (a Java {@code assert}): with assertions on
 * ({@code -ea}, as the tests run) such a query was a 500.
 */
@Component
public class DuplicateSearchParameters implements FhirServerInterceptor {
	@Hook(Pointcut.STORAGE_PRESEARCH_REGISTERED)
	public void dropRepeats(SearchParameterMap parameters) {
		for (String name : new ArrayList<>(parameters.keySet())) {
			List<List<IQueryParameterType>> and = parameters.get(name);
			if (and == null || and.size() < 2) continue;
			Set<List<IQueryParameterType>> seen = new HashSet<>();
			List<List<IQueryParameterType>> distinct = new ArrayList<>();
			for (List<IQueryParameterType> or : and) {
				if (or.isEmpty() || seen.add(or)) distinct.add(or);
			}
			if (distinct.size() < and.size()) parameters.put(name, distinct);
		}
	}
}
