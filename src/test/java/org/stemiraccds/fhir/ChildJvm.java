package org.stemiraccds.fhir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A Java program the tests run in a JVM of their own (a server instance, a search node): its output in a log file,
 * killed when the test JVM ends if no test closed it.
 */
final class ChildJvm implements AutoCloseable {
	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
	private final String name;
	private final Process process;
	private final Path log;

	private ChildJvm(String name, Process process, Path log) {
		this.name = name;
		this.process = process;
		this.log = log;
	}

	/** Runs mainClass on this classpath with these JVM options and arguments; its output goes to directory/name.log. */
	static ChildJvm start(String name, Path directory, List<String> jvmOptions, String classpath, String mainClass,
			List<String> arguments) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.addAll(List.of("-cp", classpath, mainClass));
		command.addAll(arguments);
		try {
			Files.createDirectories(directory);
			Path log = directory.resolve(name + ".log");
			Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
					.redirectOutput(log.toFile()).start();
			// a test run stopped half-way must not leave it running
			Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
			return new ChildJvm(name, process, log);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** A port nobody listens on now. */
	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Waits until the condition holds; fails with the end of the log when the JVM ends first or time runs out. */
	void await(String what, Duration limit, BooleanSupplier condition) {
		Instant deadline = Instant.now().plus(limit);
		while (!condition.getAsBoolean()) {
			if (!process.isAlive()) throw new IllegalStateException(name + " ended before " + what + ":\n" + logTail());
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException(name + ": no " + what + " after " + limit + ":\n" + logTail());
			}
			try {
				// the JVM gives no signal of its own: ask again shortly
				process.waitFor(250, TimeUnit.MILLISECONDS);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(e);
			}
		}
	}

	/** True when a GET of this URL answers 200 now. */
	static boolean answers200(String url) {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build();
			return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		} catch (IOException notYet) {
			return false;
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	String log() {
		try {
			return Files.readString(log, StandardCharsets.UTF_8);
		} catch (IOException e) {
			return "";
		}
	}

	/** The last lines of the log, for a failure message. */
	String logTail() {
		List<String> lines = log().lines().toList();
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
	}

	/** Asks the JVM to stop (its shutdown hooks run), and kills it if it has not within 30 s. */
	@Override
	public void close() {
		process.destroy();
		try {
			if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
