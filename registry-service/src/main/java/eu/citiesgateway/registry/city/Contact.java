package eu.citiesgateway.registry.city;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;

/**
 * A contact person. Personal data: kept in the registry, never put in an event.
 *
 * @param name the person's name
 * @param role the person's role, e.g. International relations
 * @param email the person's e-mail address
 */
public record Contact(@Size(max = 200) String name, @Size(max = 200) String role,
		@Email @Size(max = 254) String email) {

}
