package eu.citiesgateway.registry;

import eu.citiesgateway.platform.web.security.AccessRules;
import eu.citiesgateway.platform.web.security.Scopes;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call the registry. Public: the city directory and the organisations of a city,
 * without contact persons ({@link Scopes#REGISTRY_CONTACTS} shows them). Every change
 * needs {@link Scopes#REGISTRY_WRITE}.
 */
@Configuration(proxyBeanMethods = false)
class Access {

	@Bean
	AccessRules registryAccess() {
		return AccessRules.builder()
			.publicly(HttpMethod.GET, "/api/cities", "/api/cities/{id}", "/api/cities/{id}/organisations",
					"/api/cities/{id}/organisations/{organisationId}")
			.require(Scopes.REGISTRY_WRITE, HttpMethod.POST, "/api/cities", "/api/cities/import",
					"/api/cities/{id}/withdrawal", "/api/cities/{id}/organisations")
			.require(Scopes.REGISTRY_WRITE, HttpMethod.PATCH, "/api/cities/{id}")
			.build();
	}

}
