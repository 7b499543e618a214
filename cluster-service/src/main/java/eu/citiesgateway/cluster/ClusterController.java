package eu.citiesgateway.cluster;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import eu.citiesgateway.cluster.ClusterCatalog.Cluster;
import eu.citiesgateway.cluster.ClusterCatalog.Text;
import eu.citiesgateway.cluster.activity.Activity;
import eu.citiesgateway.cluster.activity.ActivityView;
import eu.citiesgateway.cluster.membership.MemberView;
import eu.citiesgateway.cluster.membership.Members;
import eu.citiesgateway.cluster.membership.Memberships;
import eu.citiesgateway.cluster.pairing.ClusterPairing;
import eu.citiesgateway.cluster.pairing.ClusterPairings;
import eu.citiesgateway.platform.web.ResourceNotFoundException;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The clusters under {@code /api/clusters}: the four of the programme, each with its
 * members, pairings and upcoming activities.
 */
@RestController
@RequestMapping("/api/clusters")
class ClusterController {

	private final Members members;

	private final Memberships memberships;

	private final ClusterPairings pairings;

	private final MongoTemplate mongo;

	private final ClusterProperties properties;

	private final Clock clock;

	ClusterController(Members members, Memberships memberships, ClusterPairings pairings, MongoTemplate mongo,
			ClusterProperties properties, Clock clock) {
		this.members = members;
		this.memberships = memberships;
		this.pairings = pairings;
		this.mongo = mongo;
		this.properties = properties;
		this.clock = clock;
	}

	@GetMapping
	List<ClusterSummary> list() {
		return ClusterCatalog.ALL.stream()
			.map((cluster) -> new ClusterSummary(cluster.id(), cluster.name(), cluster.description(),
					this.memberships.countByClusterIdAndActiveTrue(cluster.id()),
					this.pairings.findByClusterId(cluster.id()).stream().filter(ClusterController::current).count(),
					"/api/clusters/" + cluster.id() + "/calendar.ics"))
			.toList();
	}

	@GetMapping("/{id}")
	ClusterView show(@PathVariable String id) {
		Cluster cluster = ClusterCatalog.find(id).orElseThrow(() -> new ResourceNotFoundException("cluster", id));
		Instant now = this.clock.instant();
		Query upcoming = new Query(Criteria.where("clusterId")
			.is(id)
			.and("state")
			.is(Activity.State.SCHEDULED)
			.and("details.endsAt")
			.gte(now)).with(Sort.by("details.startsAt", "_id")).limit(this.properties.upcomingActivities());
		return new ClusterView(cluster.id(), cluster.name(), cluster.description(),
				this.members.of(id)
					.stream()
					.map(MemberView::of)
					.sorted(Comparator.comparing(MemberView::kind).thenComparing(MemberView::memberId))
					.toList(),
				this.pairings.findByClusterId(id)
					.stream()
					.sorted(Comparator.comparing(ClusterPairing::confirmedAt))
					.map(PairingView::of)
					.toList(),
				this.mongo.find(upcoming, Activity.class).stream().map((a) -> ActivityView.of(a, now)).toList(),
				"/api/clusters/" + id + "/calendar.ics");
	}

	private static boolean current(ClusterPairing pairing) {
		return !"WITHDRAWN".equals(pairing.status());
	}

	/**
	 * A cluster in the list.
	 *
	 * @param id the theme slug
	 * @param name its name in English and French
	 * @param description what it works on, in English and French
	 * @param memberCount its members
	 * @param pairingCount its confirmed and completed pairings
	 * @param calendar its iCalendar feed
	 */
	record ClusterSummary(String id, Text name, Text description, long memberCount, long pairingCount,
			String calendar) {
	}

	/**
	 * A cluster with who and what is in it.
	 *
	 * @param id the theme slug
	 * @param name its name in English and French
	 * @param description what it works on, in English and French
	 * @param members its members
	 * @param pairings the pairings on its theme
	 * @param upcomingActivities its scheduled activities that have not ended, soonest
	 * first
	 * @param calendar its iCalendar feed
	 */
	record ClusterView(String id, Text name, Text description, List<MemberView> members, List<PairingView> pairings,
			List<ActivityView> upcomingActivities, String calendar) {
	}

	/**
	 * A pairing on the cluster's theme.
	 *
	 * @param pairingId the pairing in matching-service
	 * @param euCityId the EU city
	 * @param naCityId the US or Canadian city
	 * @param status CONFIRMED, COMPLETED or WITHDRAWN
	 * @param confirmedAt when both sides accepted
	 * @param closedAt when it was completed or withdrawn
	 */
	record PairingView(UUID pairingId, UUID euCityId, UUID naCityId, String status, Instant confirmedAt,
			@Nullable Instant closedAt) {

		static PairingView of(ClusterPairing pairing) {
			return new PairingView(pairing.pairingId(), pairing.euCityId(), pairing.naCityId(), pairing.status(),
					pairing.confirmedAt(), pairing.closedAt());
		}

	}

}
