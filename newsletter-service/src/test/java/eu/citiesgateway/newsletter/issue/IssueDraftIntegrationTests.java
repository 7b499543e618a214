package eu.citiesgateway.newsletter.issue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import eu.citiesgateway.newsletter.NewsletterIntegrationTest;
import eu.citiesgateway.newsletter.digest.DigestItem;
import eu.citiesgateway.platform.test.EventFeed;
import eu.citiesgateway.platform.test.Http;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Platform events in through the real broker, a draft issue out that lists them under the
 * right clusters in both languages; editing and previewing it.
 */
@NewsletterIntegrationTest
class IssueDraftIntegrationTests {

	@Autowired
	EventFeed feed;

	@Autowired
	Http http;

	@Autowired
	MongoTemplate mongo;

	@Test
	void platformEventsInADraftListingThemUnderTheRightClustersInBothLanguages() {
		UUID lyon = UUID.randomUUID();
		UUID montreal = UUID.randomUUID();
		UUID pairing = UUID.randomUUID();
		UUID pilot = UUID.randomUUID();
		joined(lyon, "Lyon", "FR", List.of("circular-economy", "affordable-housing"));
		joined(montreal, "Montréal", "CA", List.of("circular-economy"));
		this.feed.send("matching.pairings.v1", "eu.citiesgateway.matching.PairingConfirmed.v1", pairing,
				Map.of("pairingId", pairing, "euCityId", lyon, "naCityId", montreal, "sharedThemes",
						List.of("circular-economy"), "confirmedAt", Instant.now().toString()));
		this.feed.send("clusters.activities.v1", "eu.citiesgateway.cluster.ActivityScheduled.v1", pilot, Map.ofEntries(
				Map.entry("activityId", pilot), Map.entry("clusterId", "affordable-housing"),
				Map.entry("type", "pilot-project"), Map.entry("title", "Co-operative housing finance"),
				Map.entry("description", "A joint pilot"), Map.entry("participantCityIds", List.of(lyon, montreal)),
				Map.entry("startsAt", "2027-04-01T09:00:00+02:00"), Map.entry("endsAt", "2027-10-01T17:00:00+02:00"),
				Map.entry("online", true), Map.entry("agenda", List.of()),
				Map.entry("objectives", List.of("One financing model per city")),
				Map.entry("scheduledAt", Instant.now().toString()), Map.entry("hostCityId", lyon),
				Map.entry("timeZone", "Europe/Paris"), Map.entry("location", "Lyon")));
		// topics and partitions are read independently: wait for every item
		await().atMost(Duration.ofSeconds(20))
			.until(() -> List
				.of("city-joined:" + lyon, "city-joined:" + montreal, "pairing-confirmed:" + pairing,
						"activity-scheduled:" + pilot)
				.stream()
				.allMatch((id) -> this.mongo.findById(id, DigestItem.class) != null));

		Http.Response created = this.http.post("/api/issues", "application/json", "");

		assertThat(created.status()).as(created.body()).isEqualTo(201);
		JsonNode issue = created.json();
		assertThat(issue.get("status").asString()).isEqualTo("draft");
		assertThat(texts(issue, "circular-economy", "en")).contains("Lyon (France) joined the programme.",
				"Montréal (Canada) joined the programme.",
				"Lyon (France) and Montréal (Canada) are now partner cities.");
		assertThat(texts(issue, "circular-economy", "fr")).contains("Lyon (France) a rejoint le programme.",
				"Lyon (France) et Montréal (Canada) sont désormais villes partenaires.");
		assertThat(texts(issue, "affordable-housing", "en")).contains("Lyon (France) joined the programme.")
			.anyMatch((text) -> text.startsWith("New joint pilot project: Co-operative housing finance"));
		assertThat(texts(issue, "affordable-housing", "en"))
			.noneMatch((text) -> text.contains("Montréal (Canada) joined"));
		assertThat(texts(issue, "nature-based-solutions", "en")).noneMatch((text) -> text.contains("Lyon"));
	}

	@Test
	void aDraftIsEditedAndPreviewedInEachLanguageWithTheSectionsOfTheInterests() {
		String id = this.http.post("/api/issues", "application/json", "").json().get("id").asString();
		String content = """
				{"title": {"en": "Spring news", "fr": "Nouvelles du printemps"},
				 "introduction": {"en": "Hello", "fr": "Bonjour"},
				 "sections": [
				  {"clusterId": "circular-economy", "entries": [{"text": {"en": "Repair cafés everywhere", "fr": "Des cafés réparation partout"}}]},
				  {"clusterId": "affordable-housing", "entries": [{"text": {"en": "Co-housing in Malmö", "fr": "Habitat partagé à Malmö"}}]}]}
				""";

		Http.Response edited = this.http.put("/api/issues/" + id, content);
		Http.Response french = this.http.get("/api/issues/" + id + "/preview?language=fr&interests=affordable-housing");

		assertThat(edited.status()).as(edited.body()).isEqualTo(200);
		assertThat(edited.json().get("sections").get(0).get("entries").get(0).get("source").asString())
			.isEqualTo("story");
		assertThat(french.status()).isEqualTo(200);
		assertThat(french.body()).contains("Nouvelles du printemps")
			.contains("Habitat partagé à Malmö")
			.contains("lang=\"fr\"")
			.doesNotContain("cafés réparation");
		Http.Response invalid = this.http.put("/api/issues/" + id,
				"{\"title\": {\"en\": \"Only English\"}, \"introduction\": {\"en\": \"x\", \"fr\": \"y\"}, \"sections\": [{\"clusterId\": \"space\"}]}");
		assertThat(invalid.status()).isEqualTo(400);
		assertThat(invalid.json().get("errors").values()).extracting((e) -> e.get("field").asString())
			.containsExactly("title", "sections[0].clusterId");
		Http.Response twice = this.http.put("/api/issues/" + id,
				"{\"title\": {\"en\": \"x\", \"fr\": \"y\"}, \"introduction\": {\"en\": \"x\", \"fr\": \"y\"}, "
						+ "\"sections\": [{\"clusterId\": \"circular-economy\", \"entries\": []}, "
						+ "{\"clusterId\": \"circular-economy\", \"entries\": []}]}");
		assertThat(twice.status()).isEqualTo(400);
		assertThat(twice.fields()).containsExactly("sections[1].clusterId");
		assertThat(twice.message("sections[1].clusterId")).contains("has a section already");
		assertThat(this.http.get("/api/issues/" + id).json().get("title").get("en").asString())
			.as("nothing half-written")
			.isEqualTo("Spring news");
		assertThat(this.http.get("/api/issues/" + id + "/preview?language=de").status()).isEqualTo(400);
		assertThat(this.http.get("/api/issues/" + UUID.randomUUID()).status()).isEqualTo(404);
	}

	@Test
	void hostileTextsAndTimesAreRefusedFieldByFieldAndNothingIsStoredOrPublished() {
		String id = this.http.post("/api/issues", "application/json", "").json().get("id").asString();
		String hostile = """
				{"title": {"en": "News\\rSTATUS:CANCELLED", "fr": "Nouvelles \\u202Eslevuon"},
				 "introduction": {"en": "Hello\\u0000", "fr": "Bonjour"},
				 "sections": [{"clusterId": "circular-economy", "entries": [
				  {"source": "story\\u0007", "text": {"en": "Repair", "fr": "R\\u200Bparer"}}]}]}
				""";
		String multiLine = """
				{"title": {"en": "Spring news", "fr": "Nouvelles du printemps"},
				 "introduction": {"en": "Hello\\r\\nand welcome", "fr": "Bonjour\\ret bienvenue"},
				 "sections": [{"clusterId": "circular-economy", "entries": [
				  {"text": {"en": "Repair\\u2028caf\\u0065\\u0301s", "fr": "Cafés"}}]}]}
				""";

		Http.Response refused = this.http.put("/api/issues/" + id, hostile);
		Http.Response accepted = this.http.put("/api/issues/" + id, multiLine);
		Http.Response farFuture = this.http.post("/api/issues/" + id + "/publication", "application/json",
				"{\"at\": \"+999999-01-01T00:00:00Z\"}");
		Http.Response secondsOffset = this.http.post("/api/issues/" + id + "/publication", "application/json",
				"{\"at\": \"2027-03-02T09:00:00+01:00:30\"}");

		assertThat(refused.status()).as(refused.body()).isEqualTo(400);
		assertThat(refused.contentType()).isEqualTo("application/problem+json");
		assertThat(refused.fields()).containsExactlyInAnyOrder("title.en", "title.fr", "introduction.en",
				"sections[0].entries[0].source", "sections[0].entries[0].text.fr");
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
		JsonNode stored = this.http.get("/api/issues/" + id).json();
		assertThat(stored.get("introduction").get("en").asString()).isEqualTo("Hello\nand welcome");
		assertThat(stored.get("introduction").get("fr").asString()).isEqualTo("Bonjour\net bienvenue");
		assertThat(stored.get("sections").get(0).get("entries").get(0).get("text").get("en").asString())
			.isEqualTo("Repair\ncaf\u00e9s");
		assertThat(farFuture.status()).isEqualTo(400);
		assertThat(farFuture.fields()).containsExactly("at");
		assertThat(secondsOffset.status()).isEqualTo(400);
		assertThat(secondsOffset.fields()).containsExactly("at");
		assertThat(this.http.get("/api/issues/" + id).json().get("status").asString()).as("nothing published")
			.isEqualTo("draft");
	}

	private void joined(UUID id, String name, String country, List<String> themes) {
		Map<String, Object> profile = Map.ofEntries(Map.entry("cityId", id), Map.entry("name", name),
				Map.entry("country", country), Map.entry("side", country.equals("CA") ? "NA" : "EU"),
				Map.entry("population", 500_000), Map.entry("latitude", 45.0), Map.entry("longitude", 4.8),
				Map.entry("languages", List.of("fr", "en")), Map.entry("themes", themes),
				Map.entry("topics", List.of()), Map.entry("offers", List.of()), Map.entry("seeks", List.of()),
				Map.entry("status", "ACTIVE"));
		this.feed.send("registry.cities.v1", "eu.citiesgateway.registry.CityJoined.v1", id,
				Map.of("cityId", id, "profile", profile, "joinedAt", Instant.now().toString()));
	}

	private static List<String> texts(JsonNode issue, String cluster, String language) {
		for (JsonNode section : issue.get("sections").values()) {
			if (section.get("clusterId").asString().equals(cluster)) {
				return section.get("entries")
					.values()
					.stream()
					.map((e) -> e.get("text").get(language).asString())
					.toList();
			}
		}
		return List.of();
	}

}
