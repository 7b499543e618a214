package eu.citiesgateway.newsletter.delivery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import eu.citiesgateway.newsletter.CrashingMailSender;
import eu.citiesgateway.newsletter.NewsletterIntegrationTest;
import eu.citiesgateway.newsletter.subscription.Addresses;
import eu.citiesgateway.newsletter.subscription.Language;
import eu.citiesgateway.newsletter.subscription.SubscriberFixtures;
import eu.citiesgateway.newsletter.subscription.Subscribers;
import eu.citiesgateway.platform.test.Http;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import static eu.citiesgateway.platform.test.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Publishing an issue to a thousand subscribers through a real SMTP server, with a crash
 * in the middle.
 */
@NewsletterIntegrationTest
class DeliveryIntegrationTests {

	static final int SUBSCRIBERS = 1000;

	@Autowired
	Http http;

	@Autowired
	GreenMail smtp;

	@Autowired
	CrashingMailSender sender;

	@Autowired
	Dispatcher dispatcher;

	@Autowired
	Subscribers subscribers;

	@Autowired
	Addresses addresses;

	@Autowired
	MongoTemplate mongo;

	@Test
	void aCrashInTheMiddleOfAThousandRecipientIssueLeavesEveryoneWithExactlyOneMailInTheirLanguageWithTheirSections()
			throws Exception {
		String run = UUID.randomUUID().toString().substring(0, 8);
		Map<String, Language> languages = new HashMap<>();
		Map<String, String> interests = new HashMap<>();
		Map<String, UUID> ids = new HashMap<>();
		List<String> eligible = new ArrayList<>();
		for (int i = 0; i < SUBSCRIBERS; i++) {
			String email = "r" + i + "-" + run + "@example.org";
			Language language = (i % 2 == 0) ? Language.EN : Language.FR;
			String interest = List.of("circular-economy", "affordable-housing", "nature-based-solutions").get(i % 3);
			ids.put(email,
					this.subscribers.save(SubscriberFixtures.active(this.addresses, email, language, List.of(interest)))
						.id());
			languages.put(email, language);
			interests.put(email, interest);
			if (!interest.equals("nature-based-solutions")) {
				eligible.add(email);
			}
		}
		String issue = IssueFixtures.draftWithNews(this.http);
		assertThat(this.http.postJson("/api/issues/" + issue + "/publication", "{}").status()).isEqualTo(200);

		// after the tenth SMTP connection (of 25 mails each) the server accepted
		this.sender.crashAfter(10);
		assertThatExceptionOfType(CrashingMailSender.SimulatedCrash.class).isThrownBy(this.dispatcher::run);
		this.dispatcher.run();

		Map<String, List<MimeMessage>> received = new HashMap<>();
		for (MimeMessage message : this.smtp.getReceivedMessages()) {
			String to = message.getRecipients(Message.RecipientType.TO)[0].toString();
			if (to.endsWith("-" + run + "@example.org")) {
				received.computeIfAbsent(to, (k) -> new ArrayList<>()).add(message);
			}
		}
		assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(eligible);
		assertThat(received.values()).allSatisfy((messages) -> assertThat(messages).hasSize(1));
		for (Map.Entry<String, List<MimeMessage>> mail : received.entrySet()) {
			MimeMessage message = mail.getValue().get(0);
			String html = html(message);
			boolean french = languages.get(mail.getKey()) == Language.FR;
			assertThat(message.getSubject()).isEqualTo(french ? "Nouvelles du printemps" : "Spring news");
			boolean circular = interests.get(mail.getKey()).equals("circular-economy");
			assertThat(html).contains(circular ? (french ? "Cafés réparation" : "Repair cafés")
					: (french ? "Habitat partagé" : "Co-housing"));
			assertThat(html).doesNotContain(circular ? (french ? "Habitat partagé" : "Co-housing")
					: (french ? "Cafés réparation" : "Repair cafés"));
			assertThat(message.getHeader("List-Unsubscribe")[0]).contains("/subscriptions/unsubscribe?token=");
			assertThat(message.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
		}
		// other test classes' subscribers may share these interests: counted apart
		JsonNode counts = this.http.get("/api/issues/" + issue + "/deliveries?size=1").json().get("counts");
		assertThat(counts.get("sending").asLong()).as("the mails of the connection the crash left undecided")
			.isBetween(1L, 25L);
		assertThat(counts.get("queued").asLong()).isZero();
		assertThat(eligible).allSatisfy((email) -> assertThat(delivery(issue, ids.get(email)).status())
			.isIn(Delivery.Status.SENT, Delivery.Status.SENDING));
		assertThat(this.http.get("/api/issues/" + issue).json().get("deliveredAt").isNull()).isFalse();

		String reader = eligible.get(0);
		JsonNode held = this.http.postJson("/api/subscribers/export", "{\"email\": \"" + reader + "\"}").json();
		assertThat(held.get("deliveries").values()).singleElement()
			.satisfies((delivery) -> assertThat(delivery.get("issueId").asString()).isEqualTo(issue));
		this.http.postJson("/api/subscribers/erasure", "{\"email\": \"" + reader + "\"}");
		JsonNode after = this.http.postJson("/api/subscribers/export", "{\"email\": \"" + reader + "\"}").json();
		assertThat(after.has("deliveries")).isFalse();
		assertThat(delivery(issue, ids.get(reader))).isNull();
	}

	private Delivery delivery(String issue, UUID subscriber) {
		return this.mongo.findById(Delivery.id(UUID.fromString(issue), subscriber), Delivery.class);
	}

	@Test
	void aMailServerThatCannotBeReachedIsRetriedAndNeverLeavesAMailInDoubt() {
		String run = UUID.randomUUID().toString().substring(0, 8);
		for (int i = 0; i < 3; i++) {
			this.subscribers.save(SubscriberFixtures.active(this.addresses, "u" + i + "-" + run + "@example.org",
					Language.EN, List.of("circular-economy")));
		}
		String issue = IssueFixtures.draftWithNews(this.http);
		this.http.postJson("/api/issues/" + issue + "/publication", "{}");
		int port = this.sender.getPort();
		this.sender.setPort(1);
		try {
			this.dispatcher.run();
		}
		finally {
			this.sender.setPort(port);
		}

		JsonNode counts = this.http.get("/api/issues/" + issue + "/deliveries?size=1").json().get("counts");
		assertThat(counts.get("sending").asLong()).isZero();
		assertThat(counts.get("failed").asLong()).isGreaterThanOrEqualTo(3);
		assertThat(this.http.get("/api/issues/" + issue + "/deliveries?status=failed&size=1")
			.json()
			.get("deliveries")
			.get(0)
			.get("attempts")
			.asInt()).isEqualTo(5);
	}

	@Test
	void anIssueIsPublishedOnceAndNotEditedAfterwards() {
		String issue = IssueFixtures.draftWithNews(this.http);

		assertThat(
				this.http.postJson("/api/issues/" + issue + "/publication", "{\"at\": \"2099-01-01T09:00:00+01:00\"}")
					.status())
			.isEqualTo(200);
		Http.Response again = this.http.postJson("/api/issues/" + issue + "/publication", "{}");
		Http.Response edit = this.http.put("/api/issues/" + issue,
				"{\"title\": {\"en\": \"x\", \"fr\": \"y\"}, \"introduction\": {\"en\": \"x\", \"fr\": \"y\"}, \"sections\": []}");

		assertThat(again.status()).isEqualTo(409);
		assertThat(again.json().get("state").asString()).isEqualTo("PUBLISHED");
		assertThat(edit.status()).isEqualTo(409);
		assertThat(this.http.postJson("/api/issues/" + issue + "/publication", "{\"at\": \"tomorrow\"}").status())
			.isEqualTo(400);
	}

	@Test
	void aStatusFilterThatIsNoStatusIsRefusedNamingTheStatusesInsteadOfListingEveryDelivery() {
		String issue = IssueFixtures.draftWithNews(this.http);
		this.mongo.insert(delivery(issue, Delivery.Status.SENT));
		this.mongo.insert(delivery(issue, Delivery.Status.QUEUED));
		String deliveries = "/api/issues/" + issue + "/deliveries";

		Http.Response misspelt = this.http.get(deliveries + "?status=FOO");
		Http.Response empty = this.http.get(deliveries + "?status=");
		Http.Response tooLong = this.http.get(deliveries + "?status=" + "s".repeat(100));

		assertProblem(misspelt, 400);
		assertThat(misspelt.fields()).containsExactly("status");
		assertThat(misspelt.message("status"))
			.isEqualTo("'FOO' is not one of queued, sending, sent, failed, bounced, skipped");
		assertProblem(empty, 400);
		assertThat(empty.fields()).containsExactly("status");
		assertThat(tooLong.message("status")).startsWith("'" + "s".repeat(40) + "…' is not one of");
		assertThat(this.http.get(deliveries).json().get("deliveries").values()).hasSize(2);
		for (String sent : List.of("sent", "SENT", "Sent")) {
			assertThat(this.http.get(deliveries + "?status=" + sent).json().get("deliveries").values())
				.extracting((delivery) -> delivery.get("status").asString())
				.containsExactly("sent");
		}
	}

	/** A delivery of a draft, which no dispatcher run takes up. */
	private static Delivery delivery(String issue, Delivery.Status status) {
		UUID subscriber = UUID.randomUUID();
		return new Delivery(Delivery.id(UUID.fromString(issue), subscriber), UUID.fromString(issue), subscriber, "en",
				List.of("circular-economy"), status, 1, null, null, null, null);
	}

	private static String html(MimeMessage message) throws Exception {
		Object content = message.getContent();
		return collect(content);
	}

	private static String collect(Object content) throws MessagingException, java.io.IOException {
		if (content instanceof MimeMultipart multipart) {
			StringBuilder all = new StringBuilder();
			for (int i = 0; i < multipart.getCount(); i++) {
				all.append(collect(multipart.getBodyPart(i).getContent()));
			}
			return all.toString();
		}
		return content.toString();
	}

}
