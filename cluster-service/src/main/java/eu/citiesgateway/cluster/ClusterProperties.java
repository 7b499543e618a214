package eu.citiesgateway.cluster;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the cluster API.
 *
 * @param maxPageSize the largest page a search returns
 * @param upcomingActivities activities a cluster's page lists as upcoming
 * @param calendarPastDays how far back the iCalendar feeds reach, in days
 */
@ConfigurationProperties("clusters")
public record ClusterProperties(@DefaultValue("100") int maxPageSize, @DefaultValue("50") int upcomingActivities,
		@DefaultValue("365") int calendarPastDays) {

}
