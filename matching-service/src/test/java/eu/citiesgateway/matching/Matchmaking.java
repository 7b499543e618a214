package eu.citiesgateway.matching;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import eu.citiesgateway.matching.RegistryFeed.City;
import eu.citiesgateway.matching.candidate.Candidates;
import eu.citiesgateway.platform.test.Http;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Brings cities as far as a test needs them: announces them as the registry does, waits
 * until matching holds them as candidates, and runs a round over them alone, as programme
 * staff.
 */
class Matchmaking {

	private final RegistryFeed registry;

	private final Candidates candidates;

	private final Http http;

	Matchmaking(RegistryFeed registry, Candidates candidates, Http http) {
		this.registry = registry;
		this.candidates = candidates;
		this.http = http;
	}

	/**
	 * Sends the cities' {@code CityJoined} and waits until each is a candidate.
	 * @param cities the cities
	 */
	void join(City... cities) {
		Stream.of(cities).forEach(this.registry::joined);
		awaitCandidates(cities);
	}

	/**
	 * Waits until each city is a candidate.
	 * @param cities the cities
	 */
	void awaitCandidates(City... cities) {
		await().atMost(Duration.ofSeconds(20))
			.until(() -> Stream.of(cities).allMatch((city) -> this.candidates.existsById(city.cityId())));
	}

	/**
	 * Runs a round over some cities only.
	 * @param cities the cohort, candidates already
	 * @param extra more fields of the request, each starting with a comma
	 * @return the round as answered
	 */
	JsonNode round(List<City> cities, String extra) {
		String ids = cities.stream().map((city) -> "\"" + city.cityId() + "\"").collect(Collectors.joining(", "));
		Http.Response response = this.http.postJson("/api/rounds",
				"{\"cohort\": {\"cityIds\": [" + ids + "]}" + extra + "}");
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		assertThat(response.header("Location")).endsWith("/api/rounds/" + response.json().get("id").asString());
		return response.json();
	}

	/**
	 * The proposal of a pair in a round.
	 * @param round the round
	 * @param eu the EU city
	 * @param na the US or Canadian city
	 * @return the proposal
	 * @throws AssertionError if the round did not propose the pair
	 */
	static JsonNode proposal(JsonNode round, City eu, City na) {
		return round.get("proposals")
			.values()
			.stream()
			.filter((p) -> p.get("euCityId").asString().equals(eu.cityId().toString())
					&& p.get("naCityId").asString().equals(na.cityId().toString()))
			.findFirst()
			.orElseThrow(() -> new AssertionError(eu.name() + " and " + na.name() + " not proposed: " + round));
	}

}
