package eu.citiesgateway.newsletter.subscription;

import com.icegreen.greenmail.util.GreenMail;
import eu.citiesgateway.newsletter.NewsletterIntegrationTest;
import eu.citiesgateway.platform.test.Http;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static eu.citiesgateway.platform.test.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad subscription requests get problem details naming the fields, write nothing and send
 * nothing.
 */
@NewsletterIntegrationTest
class SubscriptionValidationIntegrationTests {

	@Autowired
	Http http;

	@Autowired
	GreenMail smtp;

	@Autowired
	Subscribers subscribers;

	@ParameterizedTest
	@ValueSource(strings = { "", "reader", "reader@", "@example.org", "reader@example", "a@b@example.org",
			"Reader <reader@example.org>", "reader@example.org, other@example.org",
			"reader@example.org\\r\\nBcc: x@example.org", "reader @example.org" })
	void malformedAddressesAreRejected(String email) {
		int before = this.smtp.getReceivedMessages().length;

		Http.Response response = this.http.postJson("/api/subscriptions", """
				{"email": "%s", "language": "en", "interests": ["circular-economy"], "consent": true}
				""".formatted(email));

		assertProblem(response, 400);
		assertThat(response.fields()).containsExactly("email");
		assertThat(this.smtp.getReceivedMessages()).hasSize(before);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			reader@[192.0.2.1]           | must name a domain, not an address literal in brackets
			reader@[IPv6:2001:db8::1]    | must name a domain, not an address literal in brackets
			\\"reader\\"@example.org     | must not have a quoted local part
			\\"reader@x\\"@example.org   | must not have a quoted local part
			""")
	void addressLiteralsAndQuotedLocalPartsAreRefusedAndNothingIsStoredOrSent(String email, String message) {
		assertThat(assertRefused(email).message("email")).isEqualTo(message);
	}

	@ParameterizedTest
	@ValueSource(strings = { "rea\u200Bder@example.org", "reader\u202E@example.org", "read\u2066er\u2069@example.org",
			"reader@exam\u00ADple.org", "\u200Ereader@example.org", "reader@example.org\uFEFF" })
	void invisibleAndBidirectionalCharactersInAnAddressAreRefusedAndNothingIsStoredOrSent(String email) {
		assertRefused(email);
	}

	private Http.Response assertRefused(String email) {
		int mails = this.smtp.getReceivedMessages().length;
		long subscribers = this.subscribers.count();

		Http.Response response = this.http.postJson("/api/subscriptions", """
				{"email": "%s", "language": "en", "interests": ["circular-economy"], "consent": true}
				""".formatted(email));

		assertProblem(response, 400);
		assertThat(response.fields()).containsExactly("email");
		assertThat(this.subscribers.count()).isEqualTo(subscribers);
		assertThat(this.smtp.getReceivedMessages()).hasSize(mails);
		return response;
	}

	@Test
	void theHostedFormAndThePrivacyRequestsRefuseThemToo() {
		int mails = this.smtp.getReceivedMessages().length;

		Http.Response page = this.http.browser()
			.submit("/subscribe", "/subscribe",
					"email=rea%E2%80%8Bder%40example.org&language=en" + "&interests=circular-economy&consent=yes");
		Http.Response export = this.http.postJson("/api/subscribers/export", "{\"email\": \"reader@[192.0.2.1]\"}");
		Http.Response erasure = this.http.postJson("/api/subscribers/erasure",
				"{\"email\": \"\\\"reader\\\"@example.org\"}");

		assertThat(page.status()).isEqualTo(400);
		assertThat(page.body()).contains("email");
		assertProblem(export, 400);
		assertThat(export.fields()).containsExactly("email");
		assertProblem(erasure, 400);
		assertThat(erasure.message("email")).isEqualTo("must not have a quoted local part");
		assertThat(this.smtp.getReceivedMessages()).hasSize(mails);
	}

	@Test
	void invalidEncodingsAndOversizeChunkedFormsGetProblemDetailsNeverA500() {
		int mails = this.smtp.getReceivedMessages().length;
		String padding = "x".repeat(200 * 1024);

		Http.Response confirm = this.http.anonymous().get("/subscriptions/confirm?token=%FF");
		Http.Response oneClick = this.http.anonymous()
			.post("/subscriptions/unsubscribe?token=abc", "application/x-www-form-urlencoded",
					"List-Unsubscribe=One-Click&token=%FF");
		Http.Response chunked = this.http.anonymous()
			.post("/subscriptions/unsubscribe", "application/x-www-form-urlencoded",
					Http.chunked("List-Unsubscribe=One-Click&token=" + padding));
		Http.Response chunkedJson = this.http.anonymous()
			.post("/api/subscriptions", "application/json", Http.chunked("{\"email\": \"" + padding + "\"}"));

		assertProblem(confirm, 400);
		assertThat(confirm.fields()).containsExactly("token");
		assertProblem(oneClick, 400);
		assertProblem(chunked, 413);
		assertProblem(chunkedJson, 413);
		assertThat(this.smtp.getReceivedMessages()).hasSize(mails);
	}

	@Test
	void unknownLanguagesAndInterestsAndMissingConsentAreListedTogether() {
		Http.Response response = this.http.postJson("/api/subscriptions", """
				{"email": "reader@example.org", "language": "de", "interests": ["circular-economy", "space-travel"]}
				""");

		assertProblem(response, 400);
		assertThat(response.fields()).containsExactly("language", "interests[1]", "consent");
	}

	@Test
	void wrongTypesAndUnknownFieldsAreAnsweredNeverA500() {
		Http.Response wrongType = this.http.postJson("/api/subscriptions",
				"{\"email\": \"reader@example.org\", \"consent\": \"yes\"}");
		assertProblem(wrongType, 400);
		assertThat(wrongType.fields()).containsExactly("consent");

		Http.Response unknown = this.http.postJson("/api/subscriptions",
				"{\"email\": \"reader@example.org\", \"name\": \"Camille\"}");
		assertProblem(unknown, 400);
		assertThat(unknown.fields()).containsExactly("name");

		assertProblem(this.http.postJson("/api/subscriptions", "{\"email\": "), 400);
	}

	@Test
	void theHostedFormShowsTheProblemsInItsLanguage() {
		Http.Response page = this.http.browser()
			.submit("/subscribe?lang=fr", "/subscribe?lang=fr", "email=reader&language=fr&interests=circular-economy");

		assertThat(page.status()).isEqualTo(400);
		assertThat(page.body()).contains("Veuillez corriger").contains("email").contains("consent");
		assertThat(this.http.get("/subscribe?lang=fr").body()).contains("abonner à la lettre").contains("lang=\"fr\"");
		assertThat(this.http.get("/subscribe").body()).contains("Subscribe to the newsletter")
			.contains("value=\"en\" checked=\"checked\"")
			.contains("value=\"affordable-housing\" checked=\"checked\"");
	}

}
