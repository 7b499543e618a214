package eu.citiesgateway.newsletter.subscription;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import eu.citiesgateway.newsletter.Inbox;
import eu.citiesgateway.newsletter.NewsletterIntegrationTest;
import eu.citiesgateway.platform.test.Http;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The subscription flows through the API, the hosted pages and a real SMTP server.
 */
@NewsletterIntegrationTest
class SubscriptionFlowIntegrationTests {

	@Autowired
	Http http;

	@Autowired
	GreenMail smtp;

	@Autowired
	Tokens tokens;

	@Autowired
	Subscribers subscribers;

	@Test
	void theWholeDoubleOptInFlow() {
		String address = address();

		Http.Response requested = subscribe(address, "en", "circular-economy");
		MimeMessage mail = inbox(address).last(1);
		List<String> links = Inbox.links(mail);
		Http.Response confirmed = open(links.get(0));

		assertThat(requested.status()).isEqualTo(202);
		assertThat(Inbox.subject(mail)).isEqualTo("Confirm your subscription to the EU Cities Gateway newsletter");
		assertThat(links).singleElement().asString().contains("/subscriptions/confirm?token=");
		assertThat(confirmed.status()).isEqualTo(200);
		assertThat(confirmed.body()).contains("Subscription confirmed").contains("lang=\"en\"");
		JsonNode held = export(address).json();
		assertThat(held.get("subscriber").get("status").asString()).isEqualTo("ACTIVE");
		assertThat(held.get("subscriber").get("interests").get(0).asString()).isEqualTo("circular-economy");
		assertThat(open(links.get(0)).status()).as("opening the link again").isEqualTo(200);
	}

	@Test
	void aFrenchSubscriberReadsFrenchMailsAndPages() {
		String address = address();

		subscribe(address, "fr", "affordable-housing");
		MimeMessage mail = inbox(address).last(1);
		Http.Response confirmed = open(Inbox.links(mail).get(0));

		assertThat(Inbox.subject(mail))
			.isEqualTo("Confirmez votre abonnement à la lettre d'information EU Cities Gateway");
		assertThat(Inbox.text(mail)).contains("quelqu'un, sans doute vous");
		assertThat(confirmed.body()).contains("Abonnement confirmé").contains("lang=\"fr\"");
	}

	@Test
	void anAddressSubscribedAlreadyGetsTheSameAnswerAndOnlyItsOwnerLearnsWhy() {
		String address = confirmedSubscriber("nature-based-solutions");
		String stranger = address();

		Http.Response again = subscribe(address, "en", "nature-based-solutions");
		Http.Response fresh = subscribe(stranger, "en", "nature-based-solutions");

		assertThat(again.status()).isEqualTo(fresh.status()).isEqualTo(202);
		assertThat(again.body()).isEqualTo(fresh.body());
		MimeMessage note = inbox(address).last(2);
		assertThat(Inbox.subject(note)).contains("already subscribed");
		assertThat(Inbox.links(note)).hasSize(2);
	}

	@Test
	void openingTheUnsubscribeLinkUnsubscribesNobodyAndTheOneClickPostDoes() {
		String address = confirmedSubscriber("circular-economy");
		subscribe(address, "en", "circular-economy");
		String unsubscribe = Inbox.links(inbox(address).last(2)).get(1);

		Http.Response page = open(unsubscribe);
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("Unsubscribe?").contains("method=\"post\"");
		assertThat(export(address).json().get("subscriber").get("status").asString()).isEqualTo("ACTIVE");

		Http.Response oneClick = oneClick(unsubscribe);
		Http.Response again = oneClick(unsubscribe);

		assertThat(oneClick.status()).isEqualTo(200);
		assertThat(again.status()).isEqualTo(200);
		JsonNode held = export(address).json();
		assertThat(held.has("subscriber")).isFalse();
		assertThat(held.get("suppression").get("reason").asString()).isEqualTo("UNSUBSCRIBED");
	}

	@Test
	void aSuppressedAddressLeavesTheListOnlyWhenItsOwnerConfirmsAgain() {
		String address = confirmedSubscriber("circular-economy");
		subscribe(address, "en", "circular-economy");
		String unsubscribe = path(Inbox.links(inbox(address).last(2)).get(1));
		assertThat(this.http.browser().submit(unsubscribe, unsubscribe, "confirm=yes").status()).isEqualTo(200);
		assertThat(export(address).json().get("suppression").get("reason").asString()).isEqualTo("UNSUBSCRIBED");

		subscribe(address, "fr", "circular-economy");
		String confirm = Inbox.links(inbox(address).last(3)).get(0);
		assertThat(export(address).json().has("suppression")).isTrue();
		open(confirm);

		JsonNode held = export(address).json();
		assertThat(held.has("suppression")).isFalse();
		assertThat(held.get("subscriber").get("status").asString()).isEqualTo("ACTIVE");
		assertThat(held.get("subscriber").get("language").asString()).isEqualTo("fr");
	}

	@Test
	void preferencesAreChangedFromTheLinkOfAMail() {
		String address = confirmedSubscriber("circular-economy");
		subscribe(address, "en", "circular-economy");
		String preferences = Inbox.links(inbox(address).last(2)).get(0);
		String token = preferences.substring(preferences.indexOf("token=") + 6);

		Http.Response page = open(preferences);
		Http.Response saved = this.http.browser()
			.submit(path(preferences), "/subscriptions/preferences",
					"token=" + token + "&language=fr&interests=affordable-housing&interests=circular-economy");

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("Your preferences")
			.contains("value=\"en\" checked=\"checked\"")
			.contains("value=\"circular-economy\" checked=\"checked\"")
			.doesNotContain("value=\"affordable-housing\" checked");
		assertThat(saved.status()).isEqualTo(200);
		assertThat(saved.body()).contains("Préférences enregistrées");
		JsonNode subscriber = export(address).json().get("subscriber");
		assertThat(subscriber.get("language").asString()).isEqualTo("fr");
		assertThat(subscriber.get("interests").values()).extracting(JsonNode::asString)
			.containsExactly("affordable-housing", "circular-economy");
	}

	@Test
	void forgedExpiredAndUsedLinksAreClearlyRefused() {
		String address = address();
		subscribe(address, "en", "circular-economy");
		Subscriber subscriber = this.subscribers.findAll()
			.stream()
			.filter((s) -> s.email().equals(address))
			.findFirst()
			.orElseThrow();
		String expired = this.tokens.issue(subscriber.id(), Token.Purpose.CONFIRM, Duration.ofSeconds(-1));
		String unsubscribe = this.tokens.issue(subscriber.id(), Token.Purpose.UNSUBSCRIBE, Duration.ofDays(1));

		assertThat(this.http.get("/subscriptions/confirm?token=" + "A".repeat(43)).status()).isEqualTo(404);
		assertThat(this.http.get("/subscriptions/confirm?token=%3Cscript%3Ealert(1)%3C/script%3E").status())
			.isEqualTo(404);
		Http.Response gone = this.http.get("/subscriptions/confirm?token=" + expired);
		assertThat(gone.status()).isEqualTo(410);
		assertThat(gone.body()).contains("This link has expired");
		assertThat(this.http.get("/subscriptions/confirm?token=" + unsubscribe).status())
			.as("a token for another purpose")
			.isEqualTo(404);
		assertThat(this.http.postJson("/api/subscriptions/confirmations", "{\"token\": \"" + expired + "\"}").status())
			.isEqualTo(410);
		assertThat(export(address).json().get("subscriber").get("status").asString()).isEqualTo("PENDING");
	}

	@Test
	void staffExportAndEraseEverythingHeldAboutAnAddress() {
		String address = confirmedSubscriber("circular-economy");

		Http.Response exported = export(address);
		Http.Response erased = this.http.postJson("/api/subscribers/erasure", "{\"email\": \"" + address + "\"}");

		assertThat(exported.status()).isEqualTo(200);
		assertThat(exported.json().get("subscriber").get("email").asString()).isEqualTo(address);
		assertThat(exported.json().get("links").values()).isNotEmpty();
		assertThat(erased.status()).isEqualTo(204);
		JsonNode after = export(address).json();
		assertThat(after.has("subscriber")).isFalse();
		assertThat(after.get("suppression").get("reason").asString()).isEqualTo("ERASED");
		assertThat(after.toString()).doesNotContain(address);
	}

	@Test
	void confirmationRequestsAreLimitedPerAddress() {
		String address = address();
		for (int i = 0; i < 3; i++) {
			assertThat(subscribe(address, "en", "circular-economy").status()).isEqualTo(202);
		}

		Http.Response fourth = subscribe(address, "en", "circular-economy");

		assertThat(fourth.status()).isEqualTo(429);
		assertThat(fourth.contentType()).isEqualTo("application/problem+json");
		assertThat(Long.parseLong(fourth.header("Retry-After"))).isPositive();
		assertThat(inbox(address).await(3)).hasSize(3);
	}

	@Test
	void subAddressesOfOneMailboxShareItsConfirmationLimitAndEachGetsItsMailAsEntered() {
		String mailbox = address();
		String local = mailbox.substring(0, mailbox.indexOf('@'));
		String domain = mailbox.substring(mailbox.indexOf('@'));
		for (String address : List.of(local + "+a" + domain, local + "+b" + domain, mailbox)) {
			assertThat(subscribe(address, "en", "circular-economy").status()).isEqualTo(202);
		}

		Http.Response fourth = subscribe(local + "+c" + domain, "en", "circular-economy");

		assertThat(fourth.status()).isEqualTo(429);
		assertThat(fourth.contentType()).isEqualTo("application/problem+json");
		assertThat(Long.parseLong(fourth.header("Retry-After"))).isPositive();
		assertThat(inbox(local + "+a" + domain).await(1)).hasSize(1);
		assertThat(inbox(mailbox).await(1)).hasSize(1);
		assertThat(inbox(local + "+c" + domain).messages()).isEmpty();
	}

	private String confirmedSubscriber(String interest) {
		String address = address();
		subscribe(address, "en", interest);
		open(Inbox.links(inbox(address).last(1)).get(0));
		return address;
	}

	private Http.Response subscribe(String address, String language, String interest) {
		return this.http.postJson("/api/subscriptions", """
				{"email": "%s", "language": "%s", "interests": ["%s"], "consent": true}
				""".formatted(address, language, interest));
	}

	private Http.Response export(String address) {
		return this.http.postJson("/api/subscribers/export", "{\"email\": \"" + address + "\"}");
	}

	private Http.Response open(String link) {
		return this.http.get(path(link));
	}

	/**
	 * The RFC 8058 one-click unsubscribe of a mail program: no token, no cookie, no page.
	 */
	private Http.Response oneClick(String link) {
		return this.http.anonymous()
			.post(path(link), "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click");
	}

	private static String path(String link) {
		URI uri = URI.create(link);
		return uri.getRawPath() + "?" + uri.getRawQuery();
	}

	private Inbox inbox(String address) {
		return new Inbox(this.smtp, address);
	}

	static String address() {
		return "reader-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
	}

}
