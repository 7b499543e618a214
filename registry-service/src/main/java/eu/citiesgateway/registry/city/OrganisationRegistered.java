package eu.citiesgateway.registry.city;

import java.time.Instant;
import java.util.UUID;

/**
 * A practitioner organisation was attached to a city. Its contact person is not part of
 * the event.
 *
 * @param cityId the city, also the Kafka key
 * @param organisationId the organisation
 * @param name the organisation's name
 * @param type business, civil-society or knowledge-partner
 * @param website the organisation's website, if any
 * @param registeredAt when it was registered
 */
public record OrganisationRegistered(UUID cityId, UUID organisationId, String name, String type, String website,
		Instant registeredAt) {

}
