package org.stemiraccds.fhir;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * stemirac.search.*: the full-text index on a search cluster (profile opensearch). The cluster's address and
 * credentials (hosts, protocol, username, password, version) go straight into Hibernate Search's settings in
 * application-opensearch.yaml; this is what HAPI reads itself.
 */
@ConfigurationProperties("stemirac.search")
public record FullTextIndexProperties(
		/** Put before every index name, so that several deployments share one cluster; empty: none. */
		@DefaultValue("") String indexPrefix) {}
