package eu.citiesgateway.cluster.directory;

import java.time.Instant;
import java.util.UUID;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A practitioner organisation registered with a city, from the registry's events. Its
 * contact person never reaches this service.
 *
 * @param id the registry's organisation id
 * @param cityId the city it is attached to
 * @param name its name
 * @param type {@code business}, {@code civil-society} or {@code knowledge-partner}
 * @param registeredAt when
 */
@Document("organisations")
public record KnownOrganisation(@Id UUID id, UUID cityId, String name, String type, Instant registeredAt) {

}
