package eu.citiesgateway.registry.city;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A practitioner organisation attached to a city: a business stakeholder, a civil-society
 * organisation or a knowledge partner. Kept inside its city's document.
 *
 * @param id the organisation
 * @param name its name
 * @param type {@code business}, {@code civil-society} or {@code knowledge-partner}
 * @param website its website
 * @param contact its contact person (personal data)
 * @param registeredAt when it was registered
 */
record Organisation(UUID id, String name, String type, String website, Contact contact, Instant registeredAt) {

	static final List<String> TYPES = List.of("business", "civil-society", "knowledge-partner");

}
