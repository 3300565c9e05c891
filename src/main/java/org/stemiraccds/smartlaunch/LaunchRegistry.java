package org.stemiraccds.smartlaunch;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The launches the EHR has registered, by opaque id (128 random bits, SMART App Launch 2.x § launch: opaque
 * to the app), each usable for stemirac.smart.launch-lifetime. In memory: one instance serves the demo; a
 * launch does not survive a restart (the EHR launches again).
 */
public class LaunchRegistry {
	private static final SecureRandom RANDOM = new SecureRandom();
	private final Cache<String, Launch> launches;

	public LaunchRegistry(SmartLaunchProperties properties) {
		this.launches = Caffeine.newBuilder()
				.expireAfterWrite(properties.launchLifetime())
				.maximumSize(properties.maxLaunches())
				.build();
	}

	public Launch register(String patient, Optional<String> appContext, String launchedBy) {
		Launch launch = new Launch(newId(), patient, appContext, launchedBy);
		launches.put(launch.id(), launch);
		return launch;
	}

	public Optional<Launch> find(String id) {
		return id == null ? Optional.empty() : Optional.ofNullable(launches.getIfPresent(id));
	}

	private static String newId() {
		byte[] bytes = new byte[16];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}
}
