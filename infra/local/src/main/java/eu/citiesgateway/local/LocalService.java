package eu.citiesgateway.local;

import java.util.List;

/**
 * A process of the platform as the local launcher runs it: a service, or the token
 * issuer.
 *
 * @param name the artifact name
 * @param module the Maven module's folder, from the repository root
 * @param port the HTTP port
 * @param database the service's own MongoDB database; {@code null} for the issuer
 */
record LocalService(String name, String module, int port, String database) {

	static final LocalService REGISTRY = service("registry-service", 8081, "registry");

	static final LocalService NEWSLETTER = service("newsletter-service", 8084, "newsletter");

	static final List<LocalService> ALL = List.of(REGISTRY, service("matching-service", 8082, "matching"),
			service("cluster-service", 8083, "clusters"), NEWSLETTER);

	/** The token issuer (Spring Authorization Server) the services trust. */
	static final LocalService ISSUER = new LocalService("local-issuer", "infra/issuer", 9000, null);

	private static LocalService service(String name, int port, String database) {
		return new LocalService(name, name, port, database);
	}

	String url() {
		return "http://localhost:" + this.port;
	}

}
