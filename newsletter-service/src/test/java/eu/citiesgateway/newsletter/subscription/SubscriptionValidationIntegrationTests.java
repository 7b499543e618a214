package eu.citiesgateway.newsletter.subscription;

import com.icegreen.greenmail.util.GreenMail;
import eu.citiesgateway.newsletter.NewsletterIntegrationTest;
import eu.citiesgateway.platform.test.Http;
import org.junit.jupiter.params.ParameterizedTest;
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
