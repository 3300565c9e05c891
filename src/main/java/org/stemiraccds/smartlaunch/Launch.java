package org.stemiraccds.smartlaunch;

import java.util.Optional;

/** A registered EHR launch: its opaque id, the patient in context and the EHR's appContext (a string), who launched it. */
public record Launch(String id, String patient, Optional<String> appContext, String launchedBy) {}
