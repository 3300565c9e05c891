package org.stemiraccds.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The benchmark's settings, all system properties (-Dbench.*, see README "Benchmark"). Request counts are the
 * defaults times bench.scale (e.g. -Dbench.scale=0.1 for a short run), unless given one by one.
 */
record BenchOptions(
		Path jar,
		boolean classArchive,
		Optional<Path> starter,
		Path javaHome,
		Set<String> sections,
		Load.Generator generator,
		int concurrency,
		int fixedPort,
		int readWarmup, int singleReads, int reads,
		int createWarmup, int singleCreates, int creates,
		int hookWarmup, int singleHooks, int hooks, int hooksNoPrefetch,
		int mixedSeconds,
		Path synthea,
		int ingestPatients,
		Path workDir,
		List<String> jvmArgs, List<String> oursArgs, List<String> starterArgs) {

	static final List<String> ALL_SECTIONS = List.of("startup", "read", "create", "ingest", "cds", "memory", "secured");

	static BenchOptions fromSystemProperties() {
		double scale = Double.parseDouble(System.getProperty("bench.scale", "1"));
		return new BenchOptions(
				path("bench.jar", "target/stemirac-cds.jar"),
				Boolean.parseBoolean(System.getProperty("bench.classArchive", "true")),
				Optional.ofNullable(System.getProperty("bench.starter")).filter(s -> !s.isBlank()).map(s -> Path.of(s).toAbsolutePath()),
				path("bench.javaHome", System.getProperty("java.home")),
				Set.copyOf(list("bench.sections", String.join(",", ALL_SECTIONS))),
				Load.defaultGenerator(),
				Integer.getInteger("bench.concurrency", 16),
				Integer.getInteger("bench.port", 0),
				count("bench.readWarmup", 2000, scale), count("bench.singleReads", 1000, scale), count("bench.reads", 4000, scale),
				count("bench.createWarmup", 300, scale), count("bench.singleCreates", 300, scale), count("bench.creates", 1500, scale),
				count("bench.hookWarmup", 2000, scale), count("bench.singleHooks", 1000, scale), count("bench.hooks", 4000, scale),
				count("bench.hooksNoPrefetch", 2000, scale),
				Integer.getInteger("bench.mixedSeconds", 300),
				path("bench.synthea", "target/synthea/fhir"),
				Integer.getInteger("bench.ingestPatients", Integer.MAX_VALUE),
				path("bench.dir", "target/bench"),
				list("bench.jvmArgs", ""), list("bench.oursArgs", ""), list("bench.starterArgs", ""));
	}

	/** Where our server is laid out as shipped (scripts/class-data-archive.sh): the jar extracted, its class archive. */
	Path shippedLayout() {
		return workDir.resolve("app");
	}

	/** How our server is started: as shipped (see {@link #shippedLayout()}), or with -Dbench.classArchive=false the jar. */
	List<String> oursLaunch() throws IOException {
		if (!classArchive) return List.of("-jar", jar.toString());
		List<String> launch = new java.util.ArrayList<>(List.of(
				java.nio.file.Files.readString(shippedLayout().resolve("java-options")).trim().split("\\s+")));
		launch.addAll(List.of("-jar", shippedLayout().resolve("stemirac-cds.jar").toString()));
		return launch;
	}

	boolean runs(String section) {
		return sections.contains(section);
	}

	/** bench.port, or a free port for each server. */
	int port() throws IOException {
		return fixedPort > 0 ? fixedPort : ServerProcess.freePort();
	}

	private static Path path(String property, String fallback) {
		return Path.of(System.getProperty(property, fallback)).toAbsolutePath();
	}

	private static int count(String property, int fallback, double scale) {
		return Integer.getInteger(property, (int) Math.round(fallback * scale));
	}

	/** A comma-separated list (spaces around the commas ignored). */
	private static List<String> list(String property, String fallback) {
		return Arrays.stream(System.getProperty(property, fallback).split(",")).map(String::trim).filter(s -> !s.isEmpty())
				.collect(Collectors.toList());
	}
}
