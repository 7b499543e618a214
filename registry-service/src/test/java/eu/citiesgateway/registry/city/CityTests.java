package eu.citiesgateway.registry.city;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import eu.citiesgateway.platform.web.ConflictException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CityTests {

	static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

	@Test
	void topicsAreTrimmedLowerCasedAndDeduplicated() {
		City city = join(request("Lyon", List.of(" Urban  Heat ", "urban heat", "Food Waste")));

		assertThat(city.topics()).containsExactly("urban heat", "food waste");
	}

	@Test
	void offersKeepTheirCaseButLoseDuplicatesIgnoringCase() {
		CityRequest request = request("Lyon", List.of());
		City city = join(new CityRequest(request.name(), request.country(), request.region(), request.population(),
				request.latitude(), request.longitude(), request.languages(), request.themes(), request.topics(),
				List.of("District heating", "district heating ", "BIM"), List.of(), null, null));

		assertThat(city.offers()).containsExactly("District heating", "BIM");
	}

	@Test
	void theIdentityIgnoresCaseAccentsAndSpacing() {
		assertThat(City.identityKey("Saint-Étienne", "FR", "Auvergne-Rhône-Alpes"))
			.isEqualTo(City.identityKey("  saint-etienne ", "FR", "AUVERGNE-RHONE-ALPES"));
		assertThat(City.identityKey("Springfield", "US", "IL"))
			.isNotEqualTo(City.identityKey("Springfield", "US", "MA"));
	}

	@Test
	void joiningRaisesCityJoinedWithThePublicProfileOnly() {
		City city = join(request("Lyon", List.of("urban heat")));

		assertThat(city.raisedEvents()).singleElement().isInstanceOfSatisfying(CityJoined.class, (joined) -> {
			assertThat(joined.cityId()).isEqualTo(city.id());
			assertThat(joined.profile().side()).isEqualTo(Side.EU);
			assertThat(joined.profile().status()).isEqualTo(Status.ACTIVE);
		});
	}

	@Test
	void anUpdateNamesExactlyTheFieldsThatChanged() {
		City city = join(request("Lyon", List.of("urban heat")));
		CityRequest changed = request("Lyon", List.of("urban heat", "food waste"));

		city.update(new CityRequest(changed.name(), changed.country(), changed.region(), 530_000L, changed.latitude(),
				changed.longitude(), changed.languages(), changed.themes(), changed.topics(), changed.offers(),
				changed.seeks(), changed.website(), changed.contact()), Side.EU, NOW);

		assertThat(city.raisedEvents()).hasSize(2)
			.last()
			.isInstanceOfSatisfying(CityProfileUpdated.class,
					(updated) -> assertThat(updated.changedFields()).containsExactly("population", "topics"));
	}

	@Test
	void changingOnlyTheContactPublishesNothing() {
		City city = join(request("Lyon", List.of()));
		CityRequest same = request("Lyon", List.of());

		city.update(
				new CityRequest(same.name(), same.country(), same.region(), same.population(), same.latitude(),
						same.longitude(), same.languages(), same.themes(), same.topics(), same.offers(), same.seeks(),
						same.website(), new Contact("Someone Else", "Mayor's office", "else@lyon.example")),
				Side.EU, NOW);

		assertThat(city.raisedEvents()).hasSize(1).first().isInstanceOf(CityJoined.class);
		assertThat(city.contact().email()).isEqualTo("else@lyon.example");
	}

	@Test
	void anUpdateThatChangesNothingSaysSoAndRaisesNothing() {
		City city = join(request("Lyon", List.of("urban heat")));

		boolean changed = city.update(request("Lyon", List.of(" Urban Heat")), Side.EU, NOW);

		assertThat(changed).isFalse();
		assertThat(city.raisedEvents()).hasSize(1);
	}

	@Test
	void withdrawingTwiceIsAConflict() {
		City city = join(request("Lyon", List.of()));
		city.withdraw("budget", NOW);

		assertThatExceptionOfType(ConflictException.class).isThrownBy(() -> city.withdraw("again", NOW))
			.satisfies((ex) -> assertThat(ex.properties()).containsEntry("currentStatus", "WITHDRAWN"));
	}

	private static City join(CityRequest request) {
		return City.join(UUID.randomUUID(), request, Side.EU, NOW);
	}

	private static CityRequest request(String name, List<String> topics) {
		return new CityRequest(name, "FR", "Auvergne-Rhône-Alpes", 522_250L, 45.764, 4.8357, List.of("fr", "en"),
				List.of("circular-economy"), topics, List.of(), List.of(), "https://www.lyon.fr", null);
	}

}
