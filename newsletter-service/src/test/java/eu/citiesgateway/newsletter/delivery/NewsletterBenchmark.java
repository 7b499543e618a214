package eu.citiesgateway.newsletter.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import eu.citiesgateway.newsletter.NewsletterApplication;
import eu.citiesgateway.newsletter.ScriptedSmtpServer;
import eu.citiesgateway.newsletter.subscription.Addresses;
import eu.citiesgateway.newsletter.subscription.Language;
import eu.citiesgateway.newsletter.subscription.Subscriber;
import eu.citiesgateway.newsletter.subscription.SubscriberFixtures;
import eu.citiesgateway.platform.test.HeapPeak;
import eu.citiesgateway.platform.test.Http;
import eu.citiesgateway.platform.test.SharedInfrastructure;
import eu.citiesgateway.platform.test.TestTokens;
import eu.citiesgateway.platform.web.security.Scopes;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The newsletter's benchmark command: one issue to 50,000 subscribers through a local
 * SMTP server (SubEthaSMTP, in this JVM, which reads every mail and keeps none), with the
 * rate limit off; prints mails/s and the peak heap.
 * <p>
 * {@code ./mvnw -B -q install -DskipTests && ./mvnw -B -q -pl newsletter-service
 * exec:exec@benchmark} (optionally {@code -Dbenchmark.subscribers=50000}); see
 * BENCHMARKS.md.
 */
final class NewsletterBenchmark {

	private NewsletterBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int count = Integer.getInteger("benchmark.subscribers", 50_000);
		ScriptedSmtpServer smtp = ScriptedSmtpServer.start();
		String brokers = SharedInfrastructure.kafkaBrokers();
		// as their owners would have: no client of the platform creates a topic by asking
		// for it
		SharedInfrastructure
			.declareTopics(List.of("registry.cities.v1", "matching.pairings.v1", "clusters.activities.v1"));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(NewsletterApplication.class).run(
				"--server.port=0", "--spring.mongodb.uri=" + SharedInfrastructure.mongoUri("benchmark"),
				"--spring.kafka.bootstrap-servers=" + brokers, "--spring.cloud.stream.kafka.binder.brokers=" + brokers,
				"--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtp.port(),
				"--" + TestTokens.PUBLIC_KEY_PROPERTY + "=" + TestTokens.publicKeyLocation(),
				"--newsletter.address-keys.keys.benchmark=benchmark-only-address-key-0123456789abcdef",
				"--newsletter.delivery.per-second=0", "--newsletter.delivery.poll-interval=PT1H",
				"--logging.level.root=WARN", "--logging.level.org.apache.kafka=ERROR", "--spring.main.banner-mode=off");
		try {
			Http http = new Http(((WebServerApplicationContext) context).getWebServer().getPort())
				.as(TestTokens.withScopes(Scopes.NEWSLETTER_WRITE));
			MongoTemplate mongo = context.getBean(MongoTemplate.class);
			Addresses addresses = context.getBean(Addresses.class);
			List<String> clusters = List.of("nature-based-solutions", "circular-economy",
					"digital-inclusive-innovation", "affordable-housing");
			List<Subscriber> batch = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				batch.add(SubscriberFixtures.active(addresses, "reader" + i + "@example.org",
						(i % 2 == 0) ? Language.EN : Language.FR,
						List.of(clusters.get(i % 4), clusters.get((i + 1) % 4))));
				if (batch.size() == 5000) {
					mongo.insertAll(batch);
					batch.clear();
				}
			}
			mongo.insertAll(batch);
			String issue = http.post("/api/issues", "application/json", "").json().get("id").asString();
			StringBuilder sections = new StringBuilder();
			for (String cluster : clusters) {
				sections.append(sections.isEmpty() ? "" : ",")
					.append("{\"clusterId\": \"")
					.append(cluster)
					.append("\", \"entries\": [{\"text\": {\"en\": \"News of ")
					.append(cluster)
					.append(", with a few sentences as an issue would have them.\", \"fr\": \"Des nouvelles de ")
					.append(cluster)
					.append(", en quelques phrases comme dans un numéro.\"}}]}");
			}
			http.put("/api/issues/" + issue, "{\"title\": {\"en\": \"Benchmark issue\", \"fr\": \"Numéro d'essai\"},"
					+ " \"introduction\": {\"en\": \"Hello\", \"fr\": \"Bonjour\"}, \"sections\": [" + sections + "]}");
			http.postJson("/api/issues/" + issue + "/publication", "{}");
			System.out.printf("%nNewsletter benchmark — %d cores, max heap %d MiB, Java %s%n",
					Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
					System.getProperty("java.version"));
			System.out.printf(Locale.ROOT, "%,d active subscribers, one issue with news for each; rate limit off%n",
					count);
			System.gc();
			HeapPeak.reset();
			long start = System.nanoTime();
			int sent = context.getBean(Dispatcher.class).run();
			double seconds = (System.nanoTime() - start) / 1e9;
			System.out.printf(Locale.ROOT,
					"Sent %,d mails in %.1f s: %.0f mails/s (the SMTP server accepted %,d, %.1f KiB each on average)%n",
					sent, seconds, sent / seconds, smtp.total(), smtp.bytes() / 1024.0 / Math.max(1, smtp.total()));
			System.out.printf(Locale.ROOT,
					"Peak heap while sending: %d MiB (this JVM: service, store, broker, SMTP server)%n",
					HeapPeak.mebibytes());
			System.out
				.println("Deliveries: " + context.getBean(Dispatcher.class).counts(java.util.UUID.fromString(issue)));
		}
		finally {
			context.close();
			smtp.close();
		}
		System.exit(0);
	}

}
