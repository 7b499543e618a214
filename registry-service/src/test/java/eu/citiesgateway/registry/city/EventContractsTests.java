package eu.citiesgateway.registry.city;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import eu.citiesgateway.platform.events.EventTypes;
import eu.citiesgateway.platform.test.EventContracts;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registry's events, their JSON Schemas and the AsyncAPI document agree with each
 * other.
 */
class EventContractsTests {

	static final List<Class<?>> EVENTS = List.of(CityJoined.class, CityProfileUpdated.class, CityWithdrawn.class,
			OrganisationRegistered.class);

	final EventTypes types = new EventTypes("registry", "registry-service");

	@Test
	@SuppressWarnings("unchecked")
	void theAsyncApiDocumentNamesEveryEventTypeAndItsSchema() throws IOException {
		Map<String, Object> asyncApi;
		try (InputStream document = getClass().getResourceAsStream("/contracts/registry/asyncapi.yaml")) {
			asyncApi = new Yaml().load(document);
		}
		Map<String, Object> components = map(asyncApi.get("components"));
		Map<String, Object> messages = map(components.get("messages"));
		Map<String, Object> headers = map(
				map(map(components.get("schemas")).get("CloudEventHeaders")).get("properties"));
		List<Object> declaredTypes = (List<Object>) map(headers.get("ce_type")).get("enum");

		for (Class<?> event : EVENTS) {
			String name = event.getSimpleName();
			assertThat(declaredTypes).contains(this.types.typeOf(event));
			assertThat(map(map(messages.get(name)).get("payload")).get("$ref"))
				.isEqualTo("./" + name + ".v1.schema.json");
			assertThat(getClass().getResource("/contracts/registry/" + name + ".v1.schema.json")).isNotNull();
		}
		assertThat(map(map(asyncApi.get("channels")).get("registryCities")).get("address"))
			.isEqualTo("registry.cities.v1");
	}

	@Test
	void everyEventAsSerialisedValidatesAgainstItsSchema() {
		City city = City.join(UUID.randomUUID(),
				new CityRequest("Québec", "CA", "Quebec", 549_459L, 46.81228, -71.21454, List.of("fr", "en"),
						List.of("affordable-housing"), List.of("co-housing"), List.of("social housing"),
						List.of("energy retrofits"), null, new Contact("A", "B", "a@b.example")),
				Side.NA, Instant.now());
		Instant now = Instant.now();
		List<Object> events = List.of(new CityJoined(city.id(), city.profile(), now),
				new CityProfileUpdated(city.id(), city.profile(), List.of("population"), now),
				new CityWithdrawn(city.id(), now),
				new OrganisationRegistered(city.id(), UUID.randomUUID(), "Lab", "knowledge-partner", null, now));
		JsonMapper json = JsonMapper.builder().findAndAddModules().build();

		for (Object event : events) {
			assertThat(EventContracts.violations(this.types.typeOf(event.getClass()), json.writeValueAsString(event)))
				.as(event.getClass().getSimpleName())
				.isEmpty();
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

}
