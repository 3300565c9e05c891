package org.stemiraccds.smartlaunch;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * The user at the authorization endpoint, authenticated by the launch itself: the EHR registered the launch
 * for its signed-in user (POST /smart/launches), so presenting the launch id within its lifetime is the EHR's
 * word for who is launching and for which patient (docs/security.md, "SMART app launch").
 */
public class LaunchAuthentication extends AbstractAuthenticationToken {
	private final Launch launch;

	public LaunchAuthentication(Launch launch) {
		super(List.of());
		this.launch = launch;
		setAuthenticated(true);
	}

	public Launch launch() {
		return launch;
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public Object getPrincipal() {
		return launch.launchedBy();
	}

	@Override
	public String getName() {
		return launch.launchedBy();
	}
}
