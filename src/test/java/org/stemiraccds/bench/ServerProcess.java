package org.stemiraccds.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One server under test as a child process of its own (so its pid is known for jcmd, and a SIGKILL is a real
 * one), started in its data directory (the working directory too, so that nothing it writes relative to it
 * outlives the run), its output in server.log there. Our jar gets --stemirac.data-dir, the starter's war
 * --spring.datasource.url. Also used by the fault tests (org.stemiraccds.faults).
 */
public final class ServerProcess implements AutoCloseable {
	private static final ObjectMapper JSON = new ObjectMapper();
	private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)");

	final String label;
	public final String fhirBase;
	final String root;
	private final Process process;
	private final long startedNanos;
	private final Path javaHome;
	private final Path dataDir;
	private int histograms;

	private ServerProcess(String label, Process process, long startedNanos, int port, Path javaHome, Path dataDir) {
		this.label = label;
		this.process = process;
		this.startedNanos = startedNanos;
		this.root = "http://localhost:" + port;
		this.fhirBase = root + "/fhir";
		this.javaHome = javaHome;
		this.dataDir = dataDir;
	}

	/** Our server (as shipped, or the packaged jar: BenchOptions.oursLaunch) on this data directory, with these extra arguments. */
	static ServerProcess ours(BenchOptions options, Path dataDir, List<String> arguments) throws IOException {
		int port = options.port(); 
		List<String> command = new ArrayList<>(options.oursLaunch());
		command.addAll(List.of("--server.port=" + port, "--stemirac.data-dir=" + dataDir.resolve("data"),
				"--management.endpoint.health.show-details=always")); // the audit trail's backlog: awaitAuditIdle
		command.addAll(options.oursArgs());
		command.addAll(arguments);
		return start("ours", options.javaHome(), options.jvmArgs(), dataDir, port, command);
	}

	/** The stock HAPI starter's war on an H2 file database in this directory. */
	static ServerProcess starter(BenchOptions options, Path dataDir, List<String> arguments) throws IOException {
		int port = options.port();
		List<String> command = new ArrayList<>(List.of("-jar", options.starter().orElseThrow().toString(), "--server.port=" + port,
				"--spring.datasource.url=jdbc:h2:file:" + dataDir.resolve("h2")));
		command.addAll(options.starterArgs());
		command.addAll(arguments);
		return start("starter", options.javaHome(), options.jvmArgs(), dataDir, port, command);
	}

	/**
	 * Our packaged jar as an operator starts it ({@code java -jar JAR ARGUMENTS}, on the JDK running this code, on a
	 * free port), its data under dataDir/data.
	 */
	public static ServerProcess packagedJar(Path jar, Path dataDir, List<String> arguments) throws IOException {
		int port = freePort();
		List<String> command = new ArrayList<>(List.of("-jar", jar.toAbsolutePath().toString(), "--server.port=" + port,
				"--stemirac.data-dir=" + dataDir.resolve("data")));
		command.addAll(arguments);
		return start("ours", Path.of(System.getProperty("java.home")), List.of(), dataDir, port, command);
	}

	private static ServerProcess start(String label, Path javaHome, List<String> jvmArgs, Path dataDir, int port,
			List<String> arguments) throws IOException {
		Files.createDirectories(dataDir);
		List<String> command = new ArrayList<>();
		command.add(javaHome.resolve("bin").resolve("java").toString());
		command.addAll(jvmArgs);
		command.addAll(arguments);
		long started = System.nanoTime();
		Process process = new ProcessBuilder(command).directory(dataDir.toFile()).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("server.log").toFile())).start();
		// A benchmark stopped half-way (Ctrl-C, a timeout) must not leave its server running.
		Runtime.getRuntime().addShutdownHook(new Thread(() -> process.destroyForcibly()));
		return new ServerProcess(label, process, started, port, javaHome, dataDir);
	}

	/** Seconds from the process start to the first 200 of /fhir/metadata. */
	public double secondsToMetadata() throws Exception {
		HttpRequest metadata = HttpRequest.newBuilder(URI.create(fhirBase + "/metadata")).build();
		while (process.isAlive()) {
			try {
				if (Load.CLIENT.send(metadata, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return (System.nanoTime() - startedNanos) / 1e9;
				}
			} catch (IOException notYet) {
				// not listening yet
			}
			Thread.sleep(50);
		}
		throw new IllegalStateException(label + " exited with " + process.exitValue() + " (see its server.log)");
	}

	/**
	 * Seconds until the audit writer has stored everything queued so far (/actuator/health/auditTrail says
	 * queued 0), at most the timeout; 0 for a server without an audit trail (the starter). The heap is weighed
	 * after this, so that a backlog of events is not mistaken for a leak.
	 */
	double secondsToAuditIdle(Duration timeout) throws Exception {
		HttpRequest health = HttpRequest.newBuilder(URI.create(root + "/actuator/health/auditTrail")).build();
		long started = System.nanoTime();
		while (System.nanoTime() - started < timeout.toNanos()) {
			HttpResponse<String> answer = Load.CLIENT.send(health, HttpResponse.BodyHandlers.ofString());
			if (answer.statusCode() == 404) return 0;
			if (answer.statusCode() != 200) throw new IllegalStateException(label + ": audit health answered " + answer.statusCode());
			if (JSON.readTree(answer.body()).path("details").path("queued").asInt(-1) == 0) break;
			Thread.sleep(200);
		}
		return (System.nanoTime() - started) / 1e9;
	}

	/**
	 * Live heap, in MB: the total of jcmd's class histogram, which collects the whole heap first (GC.heap_info's
	 * "used" after a GC.run counts whole G1 regions and moved by ±75 MB between identical runs). The histogram is
	 * kept beside server.log (heap-histogram-N.txt), so that growth between two weighings can be traced to its
	 * classes.
	 */
	double liveHeapMb() throws Exception {
		String histogram = jcmd("GC.class_histogram");
		Files.writeString(dataDir.resolve("heap-histogram-" + (++histograms) + ".txt"), histogram);
		Matcher total = HISTOGRAM_TOTAL.matcher(histogram);
		if (!total.find()) throw new IllegalStateException("no total in jcmd's class histogram");
		return Long.parseLong(total.group(1)) / (1024.0 * 1024.0);
	}

	private String jcmd(String command) throws Exception {
		Process jcmd = new ProcessBuilder(javaHome.resolve("bin").resolve("jcmd").toString(), String.valueOf(process.pid()), command)
				.redirectErrorStream(true).start();
		String output = new String(jcmd.getInputStream().readAllBytes());
		if (jcmd.waitFor() != 0) throw new IllegalStateException("jcmd " + command + ": " + output);
		return output;
	}

	/** CPU time the server process has used so far (all its threads), in seconds. */
	public double cpuSeconds() {
		return process.info().totalCpuDuration().orElseThrow().toNanos() / 1e9;
	}

	/** SIGKILL (Process.destroyForcibly on Linux): no shutdown hook, no flush, no close runs. Returns once it is dead. */
	public void kill() throws InterruptedException {
		process.destroyForcibly();
		process.waitFor();
	}

	@Override
	public void close() throws InterruptedException {
		process.destroy();
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			process.waitFor();
		}
	}

	public static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	public static void deleteRecursively(Path dir) throws IOException {
		if (!Files.exists(dir)) return;
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
		}
	}
}
