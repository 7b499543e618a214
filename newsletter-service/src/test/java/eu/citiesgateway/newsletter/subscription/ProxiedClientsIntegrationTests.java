package eu.citiesgateway.newsletter.subscription;

import java.util.UUID;

import eu.citiesgateway.newsletter.NewsletterIntegrationTest;
import eu.citiesgateway.platform.test.Http;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static eu.citiesgateway.platform.test.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind a trusted reverse proxy (here the test itself, on the loopback address) the
 * per-client limit counts the client that the proxy names, not the proxy: the clients
 * behind one ingress no longer share one limit, and a client cannot choose the address it
 * is counted under by sending its own {@code X-Forwarded-For}. Its own context, with
 * three requests per client and the consumers of the platform's topics not started, so
 * that it takes no events from the other tests' context.
 */
@NewsletterIntegrationTest
@TestPropertySource(properties = { "newsletter.trusted-proxies=127.0.0.1, ::1", "newsletter.requests-per-client=3",
		"spring.cloud.stream.bindings.registryCities-in-0.consumer.auto-startup=false",
		"spring.cloud.stream.bindings.matchingPairings-in-0.consumer.auto-startup=false",
		"spring.cloud.stream.bindings.clusterActivities-in-0.consumer.auto-startup=false" })
class ProxiedClientsIntegrationTests {

	@Autowired
	Http http;

	@Test
	void clientsBehindATrustedProxyAreCountedApart() {
		for (int i = 0; i < 3; i++) {
			assertThat(subscribe("203.0.113.10").status()).isEqualTo(202);
		}

		Http.Response fourth = subscribe("203.0.113.10");
		Http.Response neighbour = subscribe("203.0.113.11");

		assertProblem(fourth, 429);
		assertThat(fourth.header("Retry-After")).isNotNull();
		assertThat(neighbour.status()).isEqualTo(202);
	}

	@Test
	void aClientCannotChooseTheAddressItIsCountedUnder() {
		for (int i = 0; i < 3; i++) {
			assertThat(subscribe("203.0.113.20").status()).isEqualTo(202);
		}

		// the client sent "X-Forwarded-For: 198.51.100.1"; the proxy appended what it saw
		Http.Response forged = subscribe("198.51.100.1, 203.0.113.20");

		assertProblem(forged, 429);
	}

	private Http.Response subscribe(String forwardedFor) {
		String address = "proxied-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
		return this.http.postJson("/api/subscriptions", """
				{"email": "%s", "language": "en", "interests": ["affordable-housing"], "consent": true}
				""".formatted(address), "X-Forwarded-For", forwardedFor);
	}

}
