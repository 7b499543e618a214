package eu.citiesgateway.registry.city;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import eu.citiesgateway.platform.web.security.Caller;
import eu.citiesgateway.platform.web.security.Scopes;
import org.jspecify.annotations.Nullable;

/**
 * An organisation as the API shows it. The public view never has {@code contact}; the
 * staff view, for tokens with {@code registry:contacts}, has it.
 *
 * @param id the organisation
 * @param name its name
 * @param type {@code business}, {@code civil-society} or {@code knowledge-partner}
 * @param website its website
 * @param contact its contact person, in the staff view only
 * @param registeredAt when it was registered
 */
record OrganisationView(UUID id, String name, String type, String website,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Contact contact, Instant registeredAt) {

	/**
	 * The view the caller may see: the staff view with {@code registry:contacts}, else
	 * the public one.
	 * @param organisation the organisation
	 * @return the view
	 */
	static OrganisationView of(Organisation organisation) {
		return new OrganisationView(organisation.id(), organisation.name(), organisation.type(), organisation.website(),
				Caller.hasScope(Scopes.REGISTRY_CONTACTS) ? organisation.contact() : null, organisation.registeredAt());
	}

}
