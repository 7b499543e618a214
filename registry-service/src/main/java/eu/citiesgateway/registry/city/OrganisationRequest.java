package eu.citiesgateway.registry.city;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A practitioner organisation to attach to a city.
 *
 * @param name its name
 * @param type {@code business}, {@code civil-society} or {@code knowledge-partner}
 * @param website its website
 * @param contact its contact person
 */
record OrganisationRequest(@NotBlank @Size(max = 200) String name, @NotNull String type,
		@Size(max = 500) String website, @Valid Contact contact) {

}
