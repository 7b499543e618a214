package eu.citiesgateway.matching;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import eu.citiesgateway.matching.candidate.Candidate;
import eu.citiesgateway.matching.candidate.Candidates;
import eu.citiesgateway.platform.test.TopicRecords;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The consumer side of {@code registry.cities.v1}: what the registry may add within v1 is
 * read, what cannot be read goes to the dead-letter topic without holding up the rest.
 */
@MatchingIntegrationTest
class RegistryConsumerIntegrationTests {

	static final String JOINED = "eu.citiesgateway.registry.CityJoined.v1";

	@Autowired
	RegistryFeed registry;

	@Autowired
	Candidates candidates;

	@Test
	void aCityJoinedWithFieldsAddedWithinV1IsRead() {
		UUID id = UUID.randomUUID();
		String json = """
				{"cityId": "%s", "joinedAt": "%s", "cohortHint": "2027",
				 "profile": {"cityId": "%s", "name": "Ljubljana", "country": "SI", "side": "EU", "region": "C5",
				  "population": 255115, "latitude": 46.05108, "longitude": 14.50513, "languages": ["sl", "en"],
				  "themes": ["nature-based-solutions"], "topics": ["urban forests"], "offers": [], "seeks": [],
				  "website": null, "status": "ACTIVE", "mayor": "not personal data in v1 yet, ignored"}}
				""".formatted(id, Instant.now(), id);

		this.registry.sendRaw(JOINED, id, json, UUID.randomUUID().toString());

		await().atMost(Duration.ofSeconds(20)).until(() -> this.candidates.existsById(id));
		assertThat(this.candidates.findById(id)).get().extracting(Candidate::name).isEqualTo("Ljubljana");
	}

	@Test
	void aCityWithdrawnBeforeItsJoiningArrivesNeverBecomesACandidate() {
		RegistryFeed.City city = RegistryFeed.City.eu("Celje", "SI", 48_000, List.of("sl"), List.of("circular-economy"),
				List.of(), List.of());
		// the joining was dead-lettered and is replayed after the withdrawal (one key:
		// one partition, read in this order)
		this.registry.withdrawn(city);
		this.registry.joined(city);

		await().atMost(Duration.ofSeconds(20)).until(() -> this.candidates.existsById(city.cityId()));
		assertThat(this.candidates.findById(city.cityId())).get().satisfies((candidate) -> {
			assertThat(candidate.name()).isEqualTo("Celje");
			assertThat(candidate.active()).isFalse();
		});
	}

	@Test
	void anEventThatCannotBeReadEndsInTheDeadLetterTopicAndTheNextIsProcessed() {
		UUID id = UUID.randomUUID();
		String poison = "{\"cityId\": \"" + id + "\", \"profile\": \"not a profile\"}";
		this.registry.sendRaw(JOINED, id, poison, UUID.randomUUID().toString());
		UUID next = UUID.randomUUID();
		this.registry.sendRaw(JOINED, id, """
				{"cityId": "%s", "joinedAt": "%s", "profile": {"cityId": "%s", "name": "Maribor", "country": "SI",
				 "side": "EU", "population": 97019, "latitude": 46.55472, "longitude": 15.64667, "languages": ["sl"],
				 "themes": ["circular-economy"], "topics": [], "offers": [], "seeks": [], "status": "ACTIVE"}}
				""".formatted(next, Instant.now(), next), UUID.randomUUID().toString());

		assertThat(TopicRecords.await("error.registry.cities.v1.matching-service", (r) -> poison.equals(r.value()), 1,
				Duration.ZERO))
			.hasSize(1);
		await().atMost(Duration.ofSeconds(20)).until(() -> this.candidates.existsById(next));
	}

}
