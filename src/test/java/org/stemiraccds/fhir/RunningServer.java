package org.stemiraccds.fhir;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.stemiraccds.Application;

/** The application started in-process as a user would start it (given arguments, no test profile). */
public final class RunningServer implements AutoCloseable {
	private final ConfigurableApplicationContext context;

	private RunningServer(ConfigurableApplicationContext context) {
		this.context = context;
	}

	public static RunningServer start(String... arguments) {
		List<String> args = new ArrayList<>(List.of(arguments));
		args.add("--server.port=0");
		return new RunningServer(new SpringApplicationBuilder(Application.class).run(args.toArray(String[]::new)));
	}

	public FhirHttp http() {
		return new FhirHttp(port());
	}

	public String fhirBase() {
		return "http://localhost:" + port() + "/fhir";
	}

	private int port() {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	public <T> T bean(Class<T> type) {
		return context.getBean(type);
	}

	@Override
	public void close() {
		context.close();
	}
}
