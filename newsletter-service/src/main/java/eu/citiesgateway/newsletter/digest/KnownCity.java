package eu.citiesgateway.newsletter.digest;

import java.util.UUID;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A city's name and country, from the registry, to name the cities of a pairing.
 *
 * @param id the registry's city id
 * @param name its name
 * @param country ISO 3166-1 alpha-2
 */
@Document("cities")
record KnownCity(@Id UUID id, String name, String country) {

}
