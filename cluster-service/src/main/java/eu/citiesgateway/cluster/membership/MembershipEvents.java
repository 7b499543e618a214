package eu.citiesgateway.cluster.membership;

import java.time.Instant;

/**
 * The events of {@code clusters.memberships.v1}, keyed by cluster id: all the events of a
 * cluster are on one partition, and the changes of one member in one cluster are in order
 * (each membership is its own document, so the changes of different members may
 * interleave differently from the order they were made in).
 */
final class MembershipEvents {

	private MembershipEvents() {
	}

	/**
	 * A city or an organisation became a member of a cluster.
	 *
	 * @param clusterId the cluster, also the Kafka key
	 * @param memberId the city's or the organisation's id in the registry
	 * @param kind {@code city} or {@code organisation}
	 * @param role {@code member} or {@code coordinator}
	 * @param cause why: {@code theme} (a city works on the cluster's theme) or
	 * {@code api} (programme staff added it)
	 * @param joinedAt when
	 */
	record MemberJoinedCluster(String clusterId, String memberId, String kind, String role, String cause,
			Instant joinedAt) {
	}

	/**
	 * A member's role in a cluster changed.
	 *
	 * @param clusterId the cluster
	 * @param memberId the member
	 * @param kind {@code city} or {@code organisation}
	 * @param role the new role
	 * @param changedAt when
	 */
	record MemberRoleChanged(String clusterId, String memberId, String kind, String role, Instant changedAt) {
	}

	/**
	 * A city or an organisation left a cluster.
	 *
	 * @param clusterId the cluster
	 * @param memberId the member
	 * @param kind {@code city} or {@code organisation}
	 * @param cause why: {@code theme-removed}, {@code city-withdrawn} or {@code api}
	 * @param leftAt when
	 */
	record MemberLeftCluster(String clusterId, String memberId, String kind, String cause, Instant leftAt) {
	}

}
