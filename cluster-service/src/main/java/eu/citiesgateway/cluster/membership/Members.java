package eu.citiesgateway.cluster.membership;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

import eu.citiesgateway.cluster.ClusterCatalog;
import eu.citiesgateway.cluster.directory.CityChange;
import eu.citiesgateway.platform.events.OutboxWriter;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;

/**
 * Who is in which cluster: cities by the themes they work on, and whoever programme staff
 * add. Every change is idempotent, so a redelivered event changes nothing.
 */
@Service
public class Members {

	private static final int ATTEMPTS = 5;

	private final Memberships memberships;

	private final OutboxWriter outbox;

	private final Clock clock;

	Members(Memberships memberships, OutboxWriter outbox, Clock clock) {
		this.memberships = memberships;
		this.outbox = outbox;
		this.clock = clock;
	}

	/**
	 * Brings a city's memberships in line with its themes, or ends them all when it
	 * withdrew.
	 * @param change what the registry says about the city now
	 */
	public void reconcile(CityChange change) {
		String cityId = change.cityId().toString();
		Set<String> themes = change.active() ? new HashSet<>(change.themes()) : Set.of();
		for (String clusterId : ClusterCatalog.ids()) {
			boolean wanted = themes.contains(clusterId);
			Optional<Membership> existing = this.memberships.findById(Membership.id(clusterId, cityId));
			if (!change.active()) {
				existing.ifPresent((membership) -> change(membership.clusterId(), cityId, Kind.CITY,
						(m) -> m.cityWithdrawn(this.clock.instant())));
			}
			else if (wanted) {
				change(clusterId, cityId, Kind.CITY, (m) -> m.themeAdded(this.clock.instant()));
			}
			else if (existing.isPresent()) {
				change(clusterId, cityId, Kind.CITY, (m) -> m.themeRemoved(this.clock.instant()));
			}
		}
	}

	/**
	 * Staff add a member, or change its role.
	 * @param clusterId the cluster
	 * @param memberId the city or organisation
	 * @param kind what it is
	 * @param role its role
	 * @return the membership
	 */
	public Membership add(String clusterId, UUID memberId, Kind kind, Role role) {
		return change(clusterId, memberId.toString(), kind, (m) -> m.added(role, this.clock.instant()));
	}

	/**
	 * Staff remove a member.
	 * @param clusterId the cluster
	 * @param memberId the member
	 * @return the ended membership, empty if it was not an active member
	 */
	public Optional<Membership> remove(String clusterId, UUID memberId) {
		Optional<Membership> existing = this.memberships.findById(Membership.id(clusterId, memberId.toString()))
			.filter(Membership::active);
		return existing.map((membership) -> change(clusterId, memberId.toString(), membership.kind(),
				(m) -> m.removed(this.clock.instant())));
	}

	/**
	 * The active members of a cluster.
	 * @param clusterId the cluster
	 * @return its members
	 */
	public List<Membership> of(String clusterId) {
		return this.memberships.findByClusterIdAndActiveTrue(clusterId);
	}

	/**
	 * An active membership.
	 * @param clusterId the cluster
	 * @param memberId the member
	 * @return the membership, if active
	 */
	public Optional<Membership> find(String clusterId, UUID memberId) {
		return this.memberships.findById(Membership.id(clusterId, memberId.toString())).filter(Membership::active);
	}

	/**
	 * Whether a city is an active member of a cluster.
	 * @param clusterId the cluster
	 * @param cityId the city
	 * @return true if it is
	 */
	public boolean isMember(String clusterId, UUID cityId) {
		return this.memberships.findById(Membership.id(clusterId, cityId.toString()))
			.filter(Membership::active)
			.isPresent();
	}

	private Membership change(String clusterId, String memberId, Kind kind, UnaryOperator<Membership> decision) {
		for (int attempt = 1;; attempt++) {
			Optional<Membership> existing = this.memberships.findById(Membership.id(clusterId, memberId));
			Membership membership = decision.apply(existing.orElseGet(() -> Membership.of(clusterId, memberId, kind)));
			try {
				if (existing.isEmpty()) {
					return this.outbox.insert(membership);
				}
				// also without events: the flags that say why the member is there may
				// change
				return this.outbox.update(membership);
			}
			catch (DuplicateKeyException | OptimisticLockingFailureException ex) {
				if (attempt == ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

}
