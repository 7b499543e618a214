package eu.citiesgateway.newsletter.issue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import eu.citiesgateway.platform.test.EventContracts;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class NewsletterEventContractTests {

	static final String TYPE = "eu.citiesgateway.newsletter.NewsletterIssuePublished.v1";

	static final Instant NOW = Instant.parse("2027-01-15T10:42:17.125Z");

	final JsonMapper json = JsonMapper.builder().build();

	@Test
	void aPublishedIssueValidatesAgainstItsSchema() {
		NewsletterIssuePublished event = new NewsletterIssuePublished(UUID.randomUUID(),
				new Text("Cities Gateway news, 15 January 2027", "Nouvelles de Cities Gateway, 15 janvier 2027"),
				List.of("nature-based-solutions", "affordable-housing"), 7, Instant.parse("2027-01-16T08:00:00Z"), NOW);

		String published = this.json.writeValueAsString(event);

		assertThat(EventContracts.violations(TYPE, published)).as(published).isEmpty();
	}

	@Test
	void anIssueSentRightAwayWithoutNewsValidatesAgainstItsSchema() {
		NewsletterIssuePublished event = new NewsletterIssuePublished(UUID.randomUUID(),
				new Text("Cities Gateway news", "Nouvelles de Cities Gateway"), List.of(), 0, NOW, NOW);

		String published = this.json.writeValueAsString(event);

		assertThat(EventContracts.violations(TYPE, published)).as(published).isEmpty();
	}

	@Test
	void theSchemaRejectsAnEventThatLeaksPersonalData() {
		String leaking = """
				{"issueId": "5b8e8f9e-3c4a-4c1e-9d7a-2f1e0c3b4a5d",
				 "title": {"en": "Cities Gateway news", "fr": "Nouvelles de Cities Gateway"},
				 "clusters": ["circular-economy"], "entries": 3,
				 "sendsAt": "2027-01-15T10:42:17Z", "publishedAt": "2027-01-15T10:42:17Z",
				 "email": "someone@example.org"}
				""";

		assertThat(EventContracts.violations(TYPE, leaking)).singleElement().asString().contains("email");
	}

	@Test
	void theSchemaRejectsAnUnknownClusterAndATitleInOneLanguage() {
		String unknownCluster = """
				{"issueId": "5b8e8f9e-3c4a-4c1e-9d7a-2f1e0c3b4a5d",
				 "title": {"en": "Cities Gateway news", "fr": "Nouvelles de Cities Gateway"},
				 "clusters": ["mobility"], "entries": 3,
				 "sendsAt": "2027-01-15T10:42:17Z", "publishedAt": "2027-01-15T10:42:17Z"}
				""";
		String englishOnly = """
				{"issueId": "5b8e8f9e-3c4a-4c1e-9d7a-2f1e0c3b4a5d",
				 "title": {"en": "Cities Gateway news", "fr": null},
				 "clusters": ["circular-economy"], "entries": 3,
				 "sendsAt": "2027-01-15T10:42:17Z", "publishedAt": "2027-01-15T10:42:17Z"}
				""";

		assertThat(EventContracts.violations(TYPE, unknownCluster)).singleElement().asString().contains("clusters");
		assertThat(EventContracts.violations(TYPE, englishOnly)).singleElement().asString().contains("fr");
	}

	@Test
	void theSchemaRejectsATimeThatIsNotAnRfc3339DateTimeAndAnIdThatIsNotAUuid() {
		String farFuture = """
				{"issueId": "5b8e8f9e-3c4a-4c1e-9d7a-2f1e0c3b4a5d",
				 "title": {"en": "Cities Gateway news", "fr": "Nouvelles de Cities Gateway"},
				 "clusters": ["circular-economy"], "entries": 3,
				 "sendsAt": "+999999-01-01T00:00:00Z", "publishedAt": "2027-01-15T10:42:17Z"}
				""";
		String notAnId = """
				{"issueId": "issue-7",
				 "title": {"en": "Cities Gateway news", "fr": "Nouvelles de Cities Gateway"},
				 "clusters": ["circular-economy"], "entries": 3,
				 "sendsAt": "2027-01-15T10:42:17Z", "publishedAt": "2027-01-15T10:42:17Z"}
				""";

		assertThat(EventContracts.violations(TYPE, farFuture)).singleElement().asString().contains("sendsAt");
		assertThat(EventContracts.violations(TYPE, notAnId)).singleElement().asString().contains("issueId");
	}

}
