package eu.citiesgateway.cluster.activity;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import eu.citiesgateway.cluster.ClusterCatalog;
import eu.citiesgateway.cluster.ClusterCatalog.Cluster;
import eu.citiesgateway.cluster.ClusterProperties;
import eu.citiesgateway.cluster.directory.KnownCities;
import eu.citiesgateway.cluster.directory.KnownCity;
import eu.citiesgateway.platform.web.ResourceNotFoundException;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The iCalendar feeds of a cluster and of a city.
 */
@RestController
class CalendarController {

	static final MediaType CALENDAR = new MediaType("text", "calendar", java.nio.charset.StandardCharsets.UTF_8);

	private final Calendars calendars;

	private final KnownCities cities;

	private final MongoTemplate mongo;

	private final Scheduling scheduling;

	private final ClusterProperties properties;

	CalendarController(Calendars calendars, KnownCities cities, MongoTemplate mongo, Scheduling scheduling,
			ClusterProperties properties) {
		this.calendars = calendars;
		this.cities = cities;
		this.mongo = mongo;
		this.scheduling = scheduling;
		this.properties = properties;
	}

	@GetMapping("/api/clusters/{id}/calendar.ics")
	ResponseEntity<String> cluster(@PathVariable String id) {
		Cluster cluster = ClusterCatalog.find(id).orElseThrow(() -> new ResourceNotFoundException("cluster", id));
		return feed(cluster.name().en() + " – EU Cities Gateway", Criteria.where("clusterId").is(id));
	}

	@GetMapping("/api/cities/{id}/calendar.ics")
	ResponseEntity<String> city(@PathVariable UUID id) {
		KnownCity city = this.cities.findById(id).orElseThrow(() -> new ResourceNotFoundException("city", id));
		return feed(city.name() + " – EU Cities Gateway", Criteria.where("details.participantCityIds").is(id));
	}

	private ResponseEntity<String> feed(String name, Criteria criteria) {
		Query query = new Query(criteria.and("details.endsAt")
			.gte(this.scheduling.now().minus(Duration.ofDays(this.properties.calendarPastDays()))))
			.with(Sort.by("details.startsAt", "_id"));
		List<Activity> activities = this.mongo.find(query, Activity.class);
		URI base = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUri();
		return ResponseEntity.ok().contentType(CALENDAR).body(this.calendars.feed(name, activities, base).toString());
	}

}
