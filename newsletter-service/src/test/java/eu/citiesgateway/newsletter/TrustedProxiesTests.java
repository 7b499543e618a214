package eu.citiesgateway.newsletter;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.valves.RemoteIpValve;
import org.junit.jupiter.api.Test;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.servlet.ServletRegistrationBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Which address Tomcat gives as the client's once {@link TrustedProxies} configured it:
 * the one a trusted proxy names, read from the right of {@code X-Forwarded-For}, and
 * otherwise the peer's.
 */
class TrustedProxiesTests {

	@Test
	void withNoTrustedProxyTheHeaderIsIgnored() throws Exception {
		assertThat(clientSeen(List.of(), "203.0.113.7")).isEqualTo("127.0.0.1");
	}

	@Test
	void aTrustedProxyNamesTheClientThatItSaw() throws Exception {
		List<String> loopback = List.of("127.0.0.0/8", "::1");

		assertThat(clientSeen(loopback, "203.0.113.7")).isEqualTo("203.0.113.7");
		assertThat(clientSeen(loopback, "198.51.100.1, 203.0.113.7"))
			.as("what the client wrote itself, left of what the proxy saw")
			.isEqualTo("203.0.113.7");
		assertThat(clientSeen(loopback, "203.0.113.7, 127.0.0.5")).as("through two trusted proxies")
			.isEqualTo("203.0.113.7");
	}

	@Test
	void theValveThatSpringBootAddsOnKubernetesIsReplaced() {
		TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(0);
		// Spring Boot's on a detected platform: every private network address trusted
		factory.addEngineValves(new RemoteIpValve());

		new TrustedProxies(properties(List.of("10.0.0.5"))).customize(factory);

		assertThat(factory.getEngineValves()).singleElement()
			.isInstanceOfSatisfying(RemoteIpValve.class,
					(valve) -> assertThat(valve.getInternalProxies()).isEqualTo("10.0.0.5/32"));
	}

	@Test
	void addressesAndRangesAreCheckedAtStartUp() {
		assertThat(TrustedProxies.cidrs(List.of(" 10.0.0.0/8", "192.0.2.4", "2001:db8::1", "")))
			.isEqualTo("10.0.0.0/8,192.0.2.4/32,2001:db8::1/128");
		assertThatIllegalArgumentException().isThrownBy(() -> TrustedProxies.cidrs(List.of("10.0.0.0/33")))
			.withMessageContaining("'10.0.0.0/33' is not an IP address or a CIDR range");
		assertThatIllegalArgumentException().isThrownBy(() -> TrustedProxies.cidrs(List.of("ingress.local")))
			.withMessageContaining("newsletter.trusted-proxies");
	}

	/**
	 * Starts Tomcat configured for the trusted proxies with a servlet that answers the
	 * client's address, and sends it a request with an {@code X-Forwarded-For}.
	 */
	private static String clientSeen(List<String> trusted, String forwardedFor) throws Exception {
		TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(0);
		new TrustedProxies(properties(trusted)).customize(factory);
		WebServer server = factory.getWebServer((context) -> new ServletRegistrationBean<>(new HttpServlet() {

			@Override
			protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
				response.getWriter().write(request.getRemoteAddr());
			}

		}, "/").onStartup(context));
		server.start();
		try {
			return HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + "/"))
					.header("X-Forwarded-For", forwardedFor)
					.build(), HttpResponse.BodyHandlers.ofString())
				.body();
		}
		finally {
			server.stop();
		}
	}

	private static NewsletterProperties properties(List<String> trustedProxies) {
		return new NewsletterProperties(null, null, null, null, null, 0, 0, trustedProxies, null);
	}

}
