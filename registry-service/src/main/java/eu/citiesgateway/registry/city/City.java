package eu.citiesgateway.registry.city;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

import eu.citiesgateway.platform.events.AggregateRoot;
import eu.citiesgateway.platform.events.PublishesTo;
import eu.citiesgateway.platform.web.ConflictException;
import eu.citiesgateway.platform.web.TextFields;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A city taking part in the programme. Its changes raise the events of
 * {@code registry.cities.v1}.
 */
@Document("cities")
@PublishesTo("registry.cities.v1")
class City extends AggregateRoot {

	@Id
	private UUID id;

	private String identityKey;

	private String searchName;

	private String name;

	private String country;

	private Side side;

	private String region;

	private long population;

	private double latitude;

	private double longitude;

	private List<String> languages = List.of();

	private List<String> themes = List.of();

	private List<String> topics = List.of();

	private List<String> offers = List.of();

	private List<String> seeks = List.of();

	private String website;

	private Contact contact;

	private Status status;

	private Instant joinedAt;

	private Instant updatedAt;

	private Instant withdrawnAt;

	private String withdrawalReason;

	private List<Organisation> organisations = new ArrayList<>();

	City() {
	}

	/**
	 * A city joins with a valid, normalised profile.
	 */
	static City join(UUID id, CityRequest profile, Side side, Instant now) {
		City city = new City();
		city.id = id;
		city.apply(profile, side);
		city.status = Status.ACTIVE;
		city.joinedAt = now;
		city.updatedAt = now;
		city.raise(new CityJoined(id, city.profile(), now));
		return city;
	}

	/**
	 * Changes the profile; raises {@link CityProfileUpdated} when a public field changed.
	 * @return whether anything changed, the contact included
	 */
	boolean update(CityRequest profile, Side side, Instant now) {
		assertActive();
		CityProfile before = profile();
		Contact contactBefore = this.contact;
		apply(profile, side);
		CityProfile after = profile();
		List<String> changed = changedFields(before, after);
		if (changed.isEmpty() && Objects.equals(contactBefore, this.contact)) {
			return false;
		}
		this.updatedAt = now;
		if (!changed.isEmpty()) {
			raise(new CityProfileUpdated(this.id, after, changed, now));
		}
		return true;
	}

	City withdraw(String reason, Instant now) {
		assertActive();
		this.status = Status.WITHDRAWN;
		this.withdrawnAt = now;
		this.updatedAt = now;
		this.withdrawalReason = reason;
		raise(new CityWithdrawn(this.id, now));
		return this;
	}

	Organisation register(String name, String type, String website, Contact contact, int limit, Instant now) {
		assertActive();
		if (this.organisations.size() >= limit) {
			throw new ConflictException("City " + this.id + " already has the maximum of " + limit + " organisations",
					Map.of("limit", limit));
		}
		Organisation organisation = new Organisation(UUID.randomUUID(), name, type, website, contact, now);
		this.organisations.add(organisation);
		raise(new OrganisationRegistered(this.id, organisation.id(), name, type, website, now));
		return organisation;
	}

	private void assertActive() {
		if (this.status != Status.ACTIVE) {
			throw new ConflictException("City " + this.id + " is " + this.status,
					Map.of("currentStatus", this.status.name()));
		}
	}

	private void apply(CityRequest profile, Side side) {
		this.name = profile.name().strip();
		this.country = profile.country();
		this.side = side;
		this.region = blankToNull(profile.region());
		this.population = profile.population();
		this.latitude = profile.latitude();
		this.longitude = profile.longitude();
		this.languages = normalise(profile.languages(), (s) -> s.toLowerCase(Locale.ROOT));
		this.themes = normalise(profile.themes(), Function.identity());
		this.topics = normalise(profile.topics(), (s) -> s.toLowerCase(Locale.ROOT));
		this.offers = normaliseIgnoringCase(profile.offers());
		this.seeks = normaliseIgnoringCase(profile.seeks());
		this.website = blankToNull(profile.website());
		this.contact = profile.contact();
		this.identityKey = identityKey(this.name, this.country, this.region);
		this.searchName = fold(this.name);
	}

	/**
	 * The key under which a city may be registered once: name, country and region,
	 * ignoring case, accents, spacing and invisible characters.
	 */
	static String identityKey(String name, String country, String region) {
		return fold(name) + "|" + country + "|" + ((region != null) ? fold(region) : "");
	}

	static String fold(String text) {
		return TextFields.matchKey(text);
	}

	private static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

	private static List<String> normalise(List<String> values, Function<String, String> form) {
		LinkedHashSet<String> result = new LinkedHashSet<>();
		if (values != null) {
			for (String value : values) {
				result.add(form.apply(value.strip().replaceAll("\\s+", " ")));
			}
		}
		return List.copyOf(result);
	}

	private static List<String> normaliseIgnoringCase(List<String> values) {
		List<String> result = new ArrayList<>();
		LinkedHashSet<String> seen = new LinkedHashSet<>();
		for (String value : normalise(values, Function.identity())) {
			if (seen.add(value.toLowerCase(Locale.ROOT))) {
				result.add(value);
			}
		}
		return List.copyOf(result);
	}

	private static List<String> changedFields(CityProfile before, CityProfile after) {
		List<String> changed = new ArrayList<>();
		for (var component : CityProfile.class.getRecordComponents()) {
			try {
				if (!Objects.equals(component.getAccessor().invoke(before), component.getAccessor().invoke(after))) {
					changed.add(component.getName());
				}
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return changed;
	}

	CityProfile profile() {
		return new CityProfile(this.id, this.name, this.country, this.side, this.region, this.population, this.latitude,
				this.longitude, this.languages, this.themes, this.topics, this.offers, this.seeks, this.website,
				this.status);
	}

	@Override
	public String aggregateId() {
		return this.id.toString();
	}

	UUID id() {
		return this.id;
	}

	String name() {
		return this.name;
	}

	String country() {
		return this.country;
	}

	Side side() {
		return this.side;
	}

	String region() {
		return this.region;
	}

	long population() {
		return this.population;
	}

	double latitude() {
		return this.latitude;
	}

	double longitude() {
		return this.longitude;
	}

	List<String> languages() {
		return this.languages;
	}

	List<String> themes() {
		return this.themes;
	}

	List<String> topics() {
		return this.topics;
	}

	List<String> offers() {
		return this.offers;
	}

	List<String> seeks() {
		return this.seeks;
	}

	String website() {
		return this.website;
	}

	Contact contact() {
		return this.contact;
	}

	Status status() {
		return this.status;
	}

	Instant joinedAt() {
		return this.joinedAt;
	}

	Instant updatedAt() {
		return this.updatedAt;
	}

	Instant withdrawnAt() {
		return this.withdrawnAt;
	}

	String identityKey() {
		return this.identityKey;
	}

	List<Organisation> organisations() {
		return List.copyOf(this.organisations);
	}

	String etag() {
		return "\"" + version() + "\"";
	}

}
