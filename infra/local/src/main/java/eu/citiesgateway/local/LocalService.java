package eu.citiesgateway.local;

import java.util.List;

/**
 * A service of the platform as the local launcher runs it.
 *
 * @param name the Maven module and artifact name
 * @param port the HTTP port
 * @param database the service's own MongoDB database
 */
record LocalService(String name, int port, String database) {

	static final LocalService REGISTRY = new LocalService("registry-service", 8081, "registry");

	static final LocalService NEWSLETTER = new LocalService("newsletter-service", 8084, "newsletter");

	static final List<LocalService> ALL = List.of(REGISTRY, new LocalService("matching-service", 8082, "matching"),
			new LocalService("cluster-service", 8083, "clusters"), NEWSLETTER);

	String url() {
		return "http://localhost:" + this.port;
	}

}
