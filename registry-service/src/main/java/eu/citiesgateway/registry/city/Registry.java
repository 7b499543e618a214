package eu.citiesgateway.registry.city;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import eu.citiesgateway.platform.web.ConflictException;
import eu.citiesgateway.platform.web.FieldViolation;
import eu.citiesgateway.platform.web.InvalidRequestException;
import eu.citiesgateway.platform.web.ResourceNotFoundException;
import eu.citiesgateway.platform.web.StaleVersionException;
import eu.citiesgateway.platform.web.TextFields;
import eu.citiesgateway.registry.RegistryProperties;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;

/**
 * What programme staff do with cities: register, change, withdraw, attach organisations.
 */
@Service
class Registry {

	private final Cities cities;

	private final CityRules rules;

	private final JsonMapper json;

	private final RegistryProperties properties;

	private final Clock clock;

	Registry(Cities cities, CityRules rules, JsonMapper json, RegistryProperties properties) {
		this.cities = cities;
		this.rules = rules;
		this.json = json;
		this.properties = properties;
		this.clock = Clock.systemUTC();
	}

	/**
	 * Registers a city.
	 * @throws InvalidRequestException listing every offending field
	 * @throws ConflictException naming the existing city if it is registered already
	 */
	City register(CityRequest request) {
		CityRequest checked = this.rules.check(request);
		City city = City.join(UUID.randomUUID(), checked, Countries.sideOf(checked.country()).orElseThrow(),
				this.clock.instant());
		try {
			return this.cities.insert(city);
		}
		catch (DuplicateKeyException ex) {
			throw duplicateOf(city.identityKey(), ex);
		}
	}

	City find(UUID id) {
		return this.cities.findById(id).orElseThrow(() -> new ResourceNotFoundException("City", id));
	}

	/**
	 * Applies a JSON merge patch (RFC 7396) to a city's profile.
	 * @param ifMatch the ETag the caller read, if it sent one
	 * @throws StaleVersionException if the city changed since that ETag
	 */
	City update(UUID id, JsonNode patch, @Nullable String ifMatch) {
		City city = find(id);
		if (ifMatch != null && !matches(ifMatch, city.etag())) {
			throw new StaleVersionException("City " + id, city.etag());
		}
		if (!patch.isObject()) {
			throw new InvalidRequestException("$", "a merge patch must be a JSON object");
		}
		ObjectNode current = this.json.valueToTree(CityRequest.of(city));
		CityRequest changed = this.json.treeToValue(merge(current, patch), CityRequest.class);
		CityRequest checked = this.rules.check(changed);
		if (!city.update(checked, Countries.sideOf(checked.country()).orElseThrow(), this.clock.instant())) {
			return city;
		}
		try {
			return this.cities.update(city);
		}
		catch (DuplicateKeyException ex) {
			throw duplicateOf(city.identityKey(), ex);
		}
		catch (OptimisticLockingFailureException ex) {
			if (ifMatch == null) {
				throw ex;
			}
			throw new StaleVersionException("City " + id, find(id).etag());
		}
	}

	/**
	 * Whether an {@code If-Match} header names the current version: {@code *} or a list
	 * of entity tags compared strongly, as RFC 9110 requires (a weak tag never matches).
	 */
	static boolean matches(String ifMatch, String etag) {
		for (String candidate : ifMatch.split(",")) {
			String tag = candidate.strip();
			if (tag.equals("*") || tag.equals(etag)) {
				return true;
			}
		}
		return false;
	}

	City withdraw(UUID id, @Nullable String reason) {
		List<FieldViolation> violations = new ArrayList<>();
		String checked = TextFields.paragraphs("reason", reason, 1000, false, violations);
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
		return this.cities.update(find(id).withdraw(checked, this.clock.instant()));
	}

	/**
	 * An organisation of a city.
	 * @throws ResourceNotFoundException if the city or the organisation does not exist
	 */
	Organisation organisation(UUID cityId, UUID organisationId) {
		return find(cityId).organisations()
			.stream()
			.filter((organisation) -> organisation.id().equals(organisationId))
			.findFirst()
			.orElseThrow(() -> new ResourceNotFoundException("Organisation", organisationId));
	}

	Organisation register(UUID cityId, OrganisationRequest request) {
		OrganisationRequest checked = this.rules.check(request);
		City city = find(cityId);
		Organisation organisation = city.register(checked.name(), checked.type(),
				(checked.website() == null || checked.website().isBlank()) ? null : checked.website(),
				checked.contact(), this.properties.maxOrganisationsPerCity(), this.clock.instant());
		this.cities.update(city);
		return organisation;
	}

	ConflictException duplicateOf(String identityKey, DuplicateKeyException cause) {
		City existing = this.cities.findByIdentityKey(identityKey).orElseThrow(() -> cause);
		return new ConflictException(
				"City " + existing.name() + " (" + existing.country() + ") is registered already as " + existing.id(),
				Map.of("existingId", existing.id()));
	}

	static JsonNode merge(JsonNode target, JsonNode patch) {
		if (!patch.isObject()) {
			return patch;
		}
		ObjectNode result = target.isObject() ? ((ObjectNode) target).deepCopy()
				: JsonMapper.shared().createObjectNode();
		for (var entry : patch.properties()) {
			if (entry.getValue().isNull()) {
				result.remove(entry.getKey());
			}
			else {
				JsonNode existing = result.get(entry.getKey());
				result.set(entry.getKey(),
						merge((existing != null) ? existing : JsonMapper.shared().nullNode(), entry.getValue()));
			}
		}
		return result;
	}

}
