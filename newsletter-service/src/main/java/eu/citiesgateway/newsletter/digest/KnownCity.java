package eu.citiesgateway.newsletter.digest;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A city's name and country, from the registry, to name the cities of a pairing.
 *
 * @param id the registry's city id
 * @param name its name
 * @param country ISO 3166-1 alpha-2
 * @param updatedAt the time of the event that gave them (none for cities stored before it
 * was kept)
 */
@Document("cities")
record KnownCity(@Id UUID id, String name, String country, @Nullable Instant updatedAt) {

}
