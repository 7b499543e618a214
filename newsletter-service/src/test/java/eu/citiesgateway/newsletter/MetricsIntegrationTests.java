package eu.citiesgateway.newsletter;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import eu.citiesgateway.newsletter.delivery.Dispatcher;
import eu.citiesgateway.newsletter.delivery.IssueFixtures;
import eu.citiesgateway.newsletter.subscription.Addresses;
import eu.citiesgateway.newsletter.subscription.Language;
import eu.citiesgateway.newsletter.subscription.SubscriberFixtures;
import eu.citiesgateway.newsletter.subscription.Subscribers;
import eu.citiesgateway.platform.test.ConsumerGroups;
import eu.citiesgateway.platform.test.EventFeed;
import eu.citiesgateway.platform.test.Http;
import eu.citiesgateway.platform.test.PrometheusScrape;
import eu.citiesgateway.platform.test.TestTokens;
import eu.citiesgateway.platform.web.security.Scopes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The newsletter's metrics, as Prometheus scrapes them: every series exists at 0 from the
 * start, then an event read from the registry and an issue delivered to one reader and
 * bounced by another's mailbox move them. A context of its own, on an empty database,
 * with consumer groups of its own that start at the end of the topics (so that what other
 * test classes sent is not counted) and so dead-letter topics of its own; its mail goes
 * to an SMTP server scripted to refuse one address.
 */
@NewsletterIntegrationTest
@TestPropertySource(properties = { "platform.metrics.max-age=0s",
		"spring.cloud.stream.bindings.registryCities-in-0.group=" + MetricsIntegrationTests.GROUP,
		"spring.cloud.stream.kafka.bindings.registryCities-in-0.consumer.start-offset=latest",
		"spring.cloud.stream.bindings.matchingPairings-in-0.group=" + MetricsIntegrationTests.GROUP,
		"spring.cloud.stream.kafka.bindings.matchingPairings-in-0.consumer.start-offset=latest",
		"spring.cloud.stream.bindings.clusterActivities-in-0.group=" + MetricsIntegrationTests.GROUP,
		"spring.cloud.stream.kafka.bindings.clusterActivities-in-0.consumer.start-offset=latest" })
class MetricsIntegrationTests {

	static final String GROUP = "newsletter-metrics";

	static final List<String> TOPICS = List.of("registry.cities.v1", "matching.pairings.v1", "clusters.activities.v1");

	static final Map<String, List<String>> CONSUMED = Map.of("registry",
			List.of("CityJoined", "CityProfileUpdated", "CityWithdrawn", "OrganisationRegistered"), "matching",
			List.of("PairingProposed", "PairingAccepted", "PairingConfirmed", "PairingDeclined", "PairingExpired",
					"PairingWithdrawn", "PairingCompleted"),
			"cluster", List.of("ActivityScheduled", "ActivityRescheduled", "ActivityCompleted", "ActivityCancelled"));

	static final List<String> STATUSES = List.of("queued", "sending", "sent", "failed", "bounced", "skipped");

	static final ScriptedSmtpServer smtp = ScriptedSmtpServer.start();

	@AfterAll
	static void stop() {
		smtp.close();
	}

	@Autowired
	Http http;

	@Autowired
	EventFeed feed;

	@Autowired
	CrashingMailSender sender;

	@Autowired
	Dispatcher dispatcher;

	@Autowired
	Subscribers subscribers;

	@Autowired
	Addresses addresses;

	@Test
	void everySeriesExistsAtZeroFromTheStartAndAnEventAndAnIssueDeliveredMoveThem() {
		PrometheusScrape start = scrape();

		CONSUMED.forEach((service, types) -> {
			for (String type : types) {
				for (String counter : List.of("events_consumed_total", "events_duplicates_total",
						"events_failed_total")) {
					assertThat(start.value(counter, "application", "newsletter-service", "type",
							"eu.citiesgateway." + service + "." + type + ".v1"))
						.as(counter + " " + type)
						.hasValue(0.0);
				}
			}
		});
		assertThat(start.value("events_published_total", "type",
				"eu.citiesgateway.newsletter.NewsletterIssuePublished.v1"))
			.hasValue(0.0);
		for (String topic : TOPICS) {
			assertThat(start.value("events_rejected_total", "topic", topic)).as(topic).hasValue(0.0);
		}
		for (String outcome : List.of("sent", "bounced", "failed", "in_doubt")) {
			assertThat(start.value("newsletter_deliveries_total", "outcome", outcome)).as(outcome).hasValue(0.0);
		}
		assertThat(start.series("newsletter_issue_deliveries")).as("no issue is being delivered").isEmpty();
		await().untilAsserted(() -> {
			PrometheusScrape scrape = scrape();
			for (String topic : TOPICS) {
				assertThat(scrape.value("events_dead_letter_depth", "topic", "error." + topic + "." + GROUP))
					.as("read from the broker in the background")
					.hasValue(0.0);
			}
		});

		ConsumerGroups.awaitPositioned(GROUP, TOPICS.toArray(String[]::new));
		joined(UUID.randomUUID(), "Lyon");
		await().untilAsserted(() -> assertThat(
				scrape().value("events_consumed_total", "type", "eu.citiesgateway.registry.CityJoined.v1"))
			.hasValue(1.0));

		this.sender.setPort(smtp.port());
		String refused = "refused-" + UUID.randomUUID() + "@example.org";
		smtp.refuse(refused, Integer.MAX_VALUE, 550, "5.1.1 No such mailbox");
		for (String email : List.of("reader-" + UUID.randomUUID() + "@example.org", refused)) {
			this.subscribers
				.save(SubscriberFixtures.active(this.addresses, email, Language.EN, List.of("circular-economy")));
		}
		String issue = IssueFixtures.publishedWithNewsFor(this.http, "circular-economy");

		this.dispatcher.run();

		await().untilAsserted(() -> {
			PrometheusScrape after = scrape();
			assertThat(after.value("newsletter_deliveries_total", "outcome", "sent")).hasValue(1.0);
			assertThat(after.value("newsletter_deliveries_total", "outcome", "bounced")).hasValue(1.0);
			assertThat(after.value("newsletter_deliveries_total", "outcome", "failed")).hasValue(0.0);
			assertThat(after.value("newsletter_deliveries_total", "outcome", "in_doubt")).hasValue(0.0);
			assertThat(after.series("newsletter_issue_deliveries")).extracting((s) -> s.label("status"))
				.as("the issue just delivered, every status")
				.containsExactlyInAnyOrderElementsOf(STATUSES);
			assertThat(after.value("newsletter_issue_deliveries", "issue", issue, "status", "sent")).hasValue(1.0);
			assertThat(after.value("newsletter_issue_deliveries", "issue", issue, "status", "bounced")).hasValue(1.0);
			assertThat(after.value("newsletter_issue_deliveries", "issue", issue, "status", "queued")).hasValue(0.0);
			assertThat(after.value("events_published_total", "type",
					"eu.citiesgateway.newsletter.NewsletterIssuePublished.v1"))
				.hasValue(1.0);
		});
	}

	private void joined(UUID id, String name) {
		Map<String, Object> profile = Map.ofEntries(Map.entry("cityId", id), Map.entry("name", name),
				Map.entry("country", "FR"), Map.entry("side", "EU"), Map.entry("population", 500_000),
				Map.entry("latitude", 45.0), Map.entry("longitude", 4.8), Map.entry("languages", List.of("fr", "en")),
				Map.entry("themes", List.of("circular-economy")), Map.entry("topics", List.of()),
				Map.entry("offers", List.of()), Map.entry("seeks", List.of()), Map.entry("status", "ACTIVE"));
		this.feed.send("registry.cities.v1", "eu.citiesgateway.registry.CityJoined.v1", id,
				Map.of("cityId", id, "profile", profile, "joinedAt", Instant.now().toString()));
	}

	private PrometheusScrape scrape() {
		Http.Response answer = this.http.as(TestTokens.withScopes(Scopes.OPS)).get("/actuator/prometheus");
		assertThat(answer.status()).isEqualTo(200);
		return PrometheusScrape.of(answer.body());
	}

}
