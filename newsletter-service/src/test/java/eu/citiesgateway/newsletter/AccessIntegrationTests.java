package eu.citiesgateway.newsletter;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import eu.citiesgateway.newsletter.subscription.Addresses;
import eu.citiesgateway.newsletter.subscription.Language;
import eu.citiesgateway.newsletter.subscription.Subscriber;
import eu.citiesgateway.newsletter.subscription.SubscriberFixtures;
import eu.citiesgateway.newsletter.subscription.Subscribers;
import eu.citiesgateway.platform.test.AccessContract;
import eu.citiesgateway.platform.test.Http;
import eu.citiesgateway.platform.test.TestTokens;
import eu.citiesgateway.platform.web.security.Scopes;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static eu.citiesgateway.platform.test.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may do what in the newsletter: the public pages and subscription API, the pages'
 * forms only with the CSRF token of their page (but the one-click unsubscribe of a mail
 * program), issues with {@code newsletter:write}, exports and erasures with
 * {@code newsletter:privacy}, and an audit trail of the changes that never names an
 * address.
 */
@NewsletterIntegrationTest
class AccessIntegrationTests {

	private static final String FORM = "application/x-www-form-urlencoded";

	/** Published for a time after the tests, so that no dispatcher run mails it. */
	private static final String LATER = "{\"at\": \"2099-01-01T09:00:00+01:00\"}";

	@Autowired
	Http http;

	@Autowired
	GreenMail smtp;

	@Autowired
	Subscribers subscribers;

	@Autowired
	Addresses addresses;

	@Test
	void everyDocumentedOperationIsOnThePublicListOrNeedsItsScope() {
		// the hosted pages are not in the OpenAPI document: named apart; the forms of the
		// pages opened from a mailed link are checked by the tests below
		AccessContract.of(this.http)
			.pages("GET /subscribe", "GET /subscriptions/confirm", "GET /subscriptions/preferences",
					"GET /subscriptions/unsubscribe")
			.form("POST /subscribe", "/subscribe")
			.publicly("POST /api/subscriptions", "POST /api/subscriptions/confirmations",
					"GET /api/subscriptions/preferences", "PUT /api/subscriptions/preferences",
					"POST /api/subscriptions/unsubscription")
			.require(Scopes.NEWSLETTER_WRITE, "POST /api/issues", "GET /api/issues/{id}", "PUT /api/issues/{id}",
					"GET /api/issues/{id}/preview", "POST /api/issues/{id}/publication",
					"GET /api/issues/{id}/deliveries")
			.require(Scopes.NEWSLETTER_PRIVACY, "POST /api/subscribers/export", "POST /api/subscribers/erasure")
			.requireAny(List.of(Scopes.OPS, Scopes.NEWSLETTER_PRIVACY), "GET /api/audit")
			.verify();
	}

	@Test
	void theHostedPagesAnswerWithoutATokenAndLoadNothingElse() {
		Http browser = this.http.browser();

		for (String page : List.of("/subscribe", "/subscribe?lang=fr", "/subscriptions/confirm?token=x",
				"/subscriptions/preferences?token=x", "/subscriptions/unsubscribe?token=x")) {
			Http.Response answer = browser.get(page);
			assertThat(answer.status()).as(page).isIn(200, 404);
			assertThat(answer.contentType()).as(page).startsWith("text/html");
			assertThat(answer.body()).as(page).doesNotContain(" src=", "stylesheet").contains("href=\"data:,\"");
		}
	}

	@Test
	void theSubscriptionFormWorksInABrowserAndAPostWithoutThePagesTokenSubscribesNobody() {
		String forged = address();
		String address = address();
		Http browser = this.http.browser();
		browser.get("/subscribe");

		Http.Response refused = browser.post("/subscribe", FORM, form(forged));
		Http.Response submitted = this.http.browser().submit("/subscribe", "/subscribe", form(address));

		assertProblem(refused, 403);
		assertThat(refused.json().get("detail").asString()).contains("security token");
		assertThat(this.subscribers.findByAddressHash(this.addresses.hash(forged))).isEmpty();
		assertThat(new Inbox(this.smtp, forged).messages()).isEmpty();
		assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
		assertThat(submitted.body()).contains("Check your inbox");
		assertThat(this.subscribers.findByAddressHash(this.addresses.hash(address)))
			.hasValueSatisfying((subscriber) -> {
				assertThat(subscriber.status()).isEqualTo(Subscriber.Status.PENDING);
				assertThat(subscriber.consentSource()).isEqualTo("page");
			});
		assertThat(Inbox.subject(new Inbox(this.smtp, address).last(1))).startsWith("Confirm your subscription");
	}

	@Test
	void theUnsubscribeButtonAndThePreferencesFormNeedThePagesTokenAndTheOneClickPostOfAMailProgramDoesNot() {
		String address = address();
		Links links = activeSubscriberWithLinks(address);
		Http browser = this.http.browser();
		browser.get(links.unsubscribe());

		Http.Response button = browser.post(links.unsubscribe(), FORM, "confirm=yes");
		Http.Response preferences = browser.post("/subscriptions/preferences", FORM,
				"token=" + links.preferencesToken() + "&language=fr&interests=affordable-housing");

		assertProblem(button, 403);
		assertProblem(preferences, 403);
		assertThat(this.subscribers.findByAddressHash(this.addresses.hash(address)))
			.hasValueSatisfying((subscriber) -> {
				assertThat(subscriber.status()).isEqualTo(Subscriber.Status.ACTIVE);
				assertThat(subscriber.language()).isEqualTo(Language.EN);
			});

		Http.Response oneClick = this.http.anonymous().post(links.unsubscribe(), FORM, "List-Unsubscribe=One-Click");

		assertThat(oneClick.status()).as(oneClick.body()).isEqualTo(200);
		assertThat(oneClick.body()).isEqualTo("Unsubscribed");
		assertThat(this.subscribers.findByAddressHash(this.addresses.hash(address))).isEmpty();
	}

	@Test
	void theOneClickUnsubscribeTakesAMultipartFormWithoutACsrfToken() {
		String address = address();
		Links links = activeSubscriberWithLinks(address);

		Http.Response oneClick = this.http.anonymous()
			.post(links.unsubscribe(), "multipart/form-data; boundary=one-click", """
					--one-click\r
					Content-Disposition: form-data; name="List-Unsubscribe"\r
					\r
					One-Click\r
					--one-click--\r
					""");

		assertThat(oneClick.status()).as(oneClick.body()).isEqualTo(200);
		assertThat(this.subscribers.findByAddressHash(this.addresses.hash(address))).isEmpty();
	}

	@Test
	void publishingNeedsATokenWithNewsletterWrite() {
		String issue = draft(this.http);

		Http.Response anonymous = this.http.anonymous().postJson("/api/issues/" + issue + "/publication", LATER);
		Http.Response forbidden = this.http.as(TestTokens.withEveryScopeExcept(List.of(Scopes.NEWSLETTER_WRITE)))
			.postJson("/api/issues/" + issue + "/publication", LATER);

		assertProblem(anonymous, 401);
		assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
		assertProblem(forbidden, 403);
		assertThat(forbidden.header("WWW-Authenticate")).contains("error=\"insufficient_scope\"")
			.contains("scope=\"newsletter:write\"");
		assertThat(this.http.get("/api/issues/" + issue).json().get("status").asString()).isEqualTo("draft");
	}

	@Test
	void exportingAndErasingNeedATokenWithNewsletterPrivacyAndARefusalShowsNothingHeld() {
		String address = address();
		activeSubscriber(address);
		String body = "{\"email\": \"" + address + "\"}";
		Http writer = this.http.as(TestTokens.withScopes(Scopes.NEWSLETTER_WRITE));

		Http.Response anonymous = this.http.anonymous().postJson("/api/subscribers/export", body);
		Http.Response forbidden = writer.postJson("/api/subscribers/export", body);
		Http.Response erasure = writer.postJson("/api/subscribers/erasure", body);

		assertProblem(anonymous, 401);
		assertProblem(forbidden, 403);
		assertThat(forbidden.json().get("requiredScopes").values()).extracting(JsonNode::asString)
			.containsExactly("newsletter:privacy");
		assertProblem(erasure, 403);
		assertThat(anonymous.body() + forbidden.body() + erasure.body()).doesNotContain(address);
		assertThat(this.subscribers.findByAddressHash(this.addresses.hash(address))).isPresent();
	}

	@Test
	void theAuditTrailNamesWhoExportedErasedAndPublishedAndTheSubscriberByIdNeverByAddress() {
		Instant before = Instant.now();
		String address = address();
		UUID subscriber = activeSubscriber(address);
		String officer = "privacy-officer-" + UUID.randomUUID();
		String editor = "editor-" + UUID.randomUUID();
		Http privacy = this.http
			.as(TestTokens.token().subject(officer).scopes(List.of(Scopes.NEWSLETTER_PRIVACY)).mint());
		Http writer = this.http.as(TestTokens.token().subject(editor).scopes(List.of(Scopes.NEWSLETTER_WRITE)).mint());
		String body = "{\"email\": \"" + address + "\"}";

		assertThat(privacy.postJson("/api/subscribers/export", body).status()).isEqualTo(200);
		assertThat(privacy.postJson("/api/subscribers/erasure", body).status()).isEqualTo(204);
		String issue = draft(writer);
		assertThat(writer.postJson("/api/issues/" + issue + "/publication", LATER).status()).isEqualTo(200);

		Http ops = this.http.as(TestTokens.withScopes(Scopes.OPS));
		assertThat(trail(ops, before))
			.anySatisfy((record) -> assertRecord(record, officer, "POST /api/subscribers/export", subscriber,
					Scopes.NEWSLETTER_PRIVACY, 200))
			.anySatisfy((record) -> assertRecord(record, officer, "POST /api/subscribers/erasure", subscriber,
					Scopes.NEWSLETTER_PRIVACY, 204))
			.anySatisfy((record) -> assertRecord(record, editor, "POST /api/issues/{id}/publication", issue,
					Scopes.NEWSLETTER_WRITE, 200));
		assertThat(trail(ops, before).toString()).doesNotContain(address).doesNotContain("@");
		List<JsonNode> seenByPrivacy = trail(privacy, before);
		assertThat(seenByPrivacy)
			.anySatisfy((record) -> assertRecord(record, officer, "POST /api/subscribers/export", subscriber,
					Scopes.NEWSLETTER_PRIVACY, 200))
			.anySatisfy((record) -> assertRecord(record, officer, "POST /api/subscribers/erasure", subscriber,
					Scopes.NEWSLETTER_PRIVACY, 204))
			.allSatisfy((record) -> assertThat(record.get("scope").asString()).isEqualTo(Scopes.NEWSLETTER_PRIVACY))
			.noneSatisfy((record) -> assertThat(record.get("subject").asString()).isEqualTo(editor));
	}

	private static void assertRecord(JsonNode record, String subject, String action, Object target, String scope,
			int outcome) {
		assertThat(record.get("subject").asString()).isEqualTo(subject);
		assertThat(record.get("action").asString()).isEqualTo(action);
		assertThat(record.get("target").asString()).isEqualTo(target.toString());
		assertThat(record.get("scope").asString()).isEqualTo(scope);
		assertThat(record.get("outcome").asInt()).isEqualTo(outcome);
	}

	private static List<JsonNode> trail(Http reader, Instant from) {
		Http.Response trail = reader.get("/api/audit?size=100&from=" + from);
		assertThat(trail.status()).as(trail.body()).isEqualTo(200);
		return trail.json().get("content").values().stream().toList();
	}

	private UUID activeSubscriber(String address) {
		return this.subscribers
			.save(SubscriberFixtures.active(this.addresses, address, Language.EN, List.of("circular-economy")))
			.id();
	}

	/**
	 * An active subscriber and the links of the mail that tells it is subscribed already.
	 */
	private Links activeSubscriberWithLinks(String address) {
		activeSubscriber(address);
		assertThat(this.http.anonymous().postJson("/api/subscriptions", """
				{"email": "%s", "language": "en", "interests": ["circular-economy"], "consent": true}
				""".formatted(address)).status()).isEqualTo(202);
		List<String> links = Inbox.links(new Inbox(this.smtp, address).last(1));
		return new Links(path(links.get(0)), path(links.get(1)));
	}

	private static String draft(Http writer) {
		Http.Response created = writer.post("/api/issues", "application/json", "");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	private static String form(String address) {
		return "email=" + URLEncoder.encode(address, StandardCharsets.UTF_8)
				+ "&language=en&interests=circular-economy&consent=yes";
	}

	private static String path(String link) {
		URI uri = URI.create(link);
		return uri.getRawPath() + "?" + uri.getRawQuery();
	}

	private static String address() {
		return "reader-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
	}

	/**
	 * The links of a mail, as paths with their tokens.
	 *
	 * @param preferences the preferences page
	 * @param unsubscribe the unsubscribe page
	 */
	private record Links(String preferences, String unsubscribe) {

		String preferencesToken() {
			return this.preferences.substring(this.preferences.indexOf("token=") + 6);
		}

	}

}
