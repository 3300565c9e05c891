package org.stemiraccds.security.cdsclient;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.stemiraccds.security.SecurityProperties.CdsClient;

/**
 * The CDS clients of stemirac.security.cds.clients, by issuer, with their keys. A jwks-file is read once at
 * start-up (a bad file stops the start, not the first call); a jwks-uri or allowed jku is fetched when first
 * needed, through Nimbus' JWKSourceBuilder (cached, rate-limited refresh on an unknown kid) with a retriever
 * bounded by {@link CdsClientKeyFetching}.
 */
final class TrustedClients {
	private final Map<String, TrustedClient> byIssuer;

	private TrustedClients(Map<String, TrustedClient> byIssuer) {
		this.byIssuer = byIssuer;
	}

	static TrustedClients of(List<CdsClient> registrations, CdsClientKeyFetching fetching) {
		Map<String, TrustedClient> clients = new LinkedHashMap<>();
		for (CdsClient registration : registrations) {
			if (registration.issuer() == null || registration.issuer().isBlank()) {
				throw new IllegalStateException("stemirac.security.cds.clients: a client without issuer");
			}
			if (clients.put(registration.issuer(), trusted(registration, fetching)) != null) {
				throw new IllegalStateException("stemirac.security.cds.clients: issuer registered twice: " + registration.issuer());
			}
		}
		return new TrustedClients(Map.copyOf(clients));
	}

	Optional<TrustedClient> find(String issuer) {
		return issuer == null ? Optional.empty() : Optional.ofNullable(byIssuer.get(issuer));
	}

	private static TrustedClient trusted(CdsClient registration, CdsClientKeyFetching fetching) {
		Map<String, JWKSource<CallContext>> jkuKeys = registration.jkuAllowed().stream().distinct()
				.collect(Collectors.toUnmodifiableMap(Function.identity(), jku -> remote(jku, fetching)));
		return new TrustedClient(registration, keys(registration, fetching), jkuKeys);
	}

	private static JWKSource<CallContext> keys(CdsClient registration, CdsClientKeyFetching fetching) {
		boolean file = registration.jwksFile() != null && !registration.jwksFile().isBlank();
		boolean uri = registration.jwksUri() != null && !registration.jwksUri().isBlank();
		if (file == uri) {
			throw new IllegalStateException("stemirac.security.cds.clients: " + registration.issuer()
					+ " needs exactly one of jwks-file and jwks-uri");
		}
		return file ? fromFile(registration.jwksFile()) : remote(registration.jwksUri(), fetching);
	}

	private static JWKSource<CallContext> fromFile(String path) {
		try {
			return new ImmutableJWKSet<>(JWKSet.load(new File(path)).toPublicJWKSet());
		} catch (IOException | ParseException e) {
			throw new IllegalStateException("stemirac.security.cds.clients: cannot read the JWKS file " + path, e);
		}
	}

	private static JWKSource<CallContext> remote(String url, CdsClientKeyFetching fetching) {
		DefaultResourceRetriever retriever = new DefaultResourceRetriever((int) fetching.connectTimeout().toMillis(),
				(int) fetching.readTimeout().toMillis(), (int) fetching.sizeLimit().toBytes());
		long ttl = fetching.cacheTimeToLive().toMillis();
		long refreshTimeout = fetching.connectTimeout().plus(fetching.readTimeout()).toMillis();
		return JWKSourceBuilder.<CallContext>create(url(url), retriever).cache(ttl, refreshTimeout).rateLimited(true).build();
	}

	private static URL url(String url) {
		try {
			URI uri = URI.create(url);
			if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
				throw new IllegalStateException("stemirac.security.cds.clients: not an http(s) URL: " + url);
			}
			return uri.toURL();
		} catch (IllegalArgumentException | MalformedURLException e) {
			throw new IllegalStateException("stemirac.security.cds.clients: not a URL: " + url, e);
		}
	}
}
