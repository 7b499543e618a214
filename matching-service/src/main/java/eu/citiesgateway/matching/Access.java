package eu.citiesgateway.matching;

import java.util.List;

import eu.citiesgateway.platform.web.security.AccessRules;
import eu.citiesgateway.platform.web.security.Scopes;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call matching. Public: reading pairings, of which only the confirmed and
 * completed ones are shown to everyone (the pairing controller restricts the rest).
 * Rounds need {@link Scopes#MATCHING_READ} to read and {@link Scopes#MATCHING_WRITE} to
 * run, as does completing a pairing. Accepting and declining need
 * {@link Scopes#MATCHING_WRITE}, for either side, or {@link Scopes#PAIRINGS_DECIDE}, for
 * the side of the representative's own city only.
 */
@Configuration(proxyBeanMethods = false)
class Access {

	@Bean
	AccessRules matchingAccess() {
		return AccessRules.builder()
			.publicly(HttpMethod.GET, "/api/pairings", "/api/pairings/{id}")
			.require(Scopes.MATCHING_READ, HttpMethod.GET, "/api/rounds/{id}")
			.require(Scopes.MATCHING_WRITE, HttpMethod.POST, "/api/rounds", "/api/pairings/{id}/completion")
			// in this order: a staff token holding both is recorded in the audit trail as
			// matching:write
			.requireAny(List.of(Scopes.MATCHING_WRITE, Scopes.PAIRINGS_DECIDE), HttpMethod.POST,
					"/api/pairings/{id}/acceptances", "/api/pairings/{id}/declines")
			.build();
	}

}
