package eu.citiesgateway.cluster;

import eu.citiesgateway.platform.web.security.AccessRules;
import eu.citiesgateway.platform.web.security.Scopes;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call the cluster service. Public: the clusters with their members, the
 * activities and the calendar feeds, which calendar applications fetch without a token.
 * Every change (members added or removed, activities scheduled, changed, completed or
 * cancelled) needs {@link Scopes#CLUSTERS_WRITE}.
 */
@Configuration(proxyBeanMethods = false)
class Access {

	@Bean
	AccessRules clusterAccess() {
		return AccessRules.builder()
			.publicly(HttpMethod.GET, "/api/clusters", "/api/clusters/{id}",
					"/api/clusters/{clusterId}/members/{memberId}", "/api/activities", "/api/activities/{id}",
					"/api/clusters/{id}/calendar.ics", "/api/cities/{id}/calendar.ics")
			.require(Scopes.CLUSTERS_WRITE, HttpMethod.POST, "/api/clusters/{clusterId}/members",
					"/api/clusters/{clusterId}/activities", "/api/activities/{id}/completion",
					"/api/activities/{id}/cancellation")
			.require(Scopes.CLUSTERS_WRITE, HttpMethod.DELETE, "/api/clusters/{clusterId}/members/{memberId}")
			.require(Scopes.CLUSTERS_WRITE, HttpMethod.PATCH, "/api/activities/{id}")
			.build();
	}

}
