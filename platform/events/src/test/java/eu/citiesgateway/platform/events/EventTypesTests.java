package eu.citiesgateway.platform.events;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EventTypesTests {

	record CityJoined() {
	}

	@EventVersion(2)
	record CityMoved() {
	}

	@Test
	void theTypeNamesServiceEventAndVersion() {
		EventTypes types = new EventTypes("registry", "registry-service");

		assertThat(types.typeOf(CityJoined.class)).isEqualTo("eu.citiesgateway.registry.CityJoined.v1");
		assertThat(types.typeOf(CityMoved.class)).isEqualTo("eu.citiesgateway.registry.CityMoved.v2");
		assertThat(types.source()).hasToString("/registry-service");
	}

	@Test
	void aServiceMustNameItself() {
		assertThatIllegalArgumentException().isThrownBy(() -> new EventTypes("", "registry-service"))
			.withMessageContaining("platform.events.service");
	}

}
