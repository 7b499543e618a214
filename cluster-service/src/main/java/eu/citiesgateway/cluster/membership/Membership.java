package eu.citiesgateway.cluster.membership;

import java.time.Instant;

import eu.citiesgateway.cluster.membership.MembershipEvents.MemberJoinedCluster;
import eu.citiesgateway.cluster.membership.MembershipEvents.MemberLeftCluster;
import eu.citiesgateway.cluster.membership.MembershipEvents.MemberRoleChanged;
import eu.citiesgateway.platform.events.AggregateRoot;
import eu.citiesgateway.platform.events.PublishesTo;
import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A city's or an organisation's membership of one cluster, active or past. Its events are
 * keyed by the cluster, so a member's changes in a cluster reach consumers in order.
 */
@Document("memberships")
@PublishesTo("clusters.memberships.v1")
public class Membership extends AggregateRoot {

	@Id
	private final String id;

	private final String clusterId;

	private final String memberId;

	private final Kind kind;

	private Role role;

	private boolean active;

	/** Whether the city works on the cluster's theme (from the registry). */
	private boolean viaTheme;

	/** Whether programme staff added the member through the API. */
	private boolean viaApi;

	/**
	 * Whether staff removed a city that works on the theme: its theme no longer makes it
	 * a member, until staff add it again.
	 */
	private boolean removedByStaff;

	private @Nullable Instant since;

	private @Nullable Instant leftAt;

	@PersistenceCreator
	Membership(String id, String clusterId, String memberId, Kind kind) {
		this.id = id;
		this.clusterId = clusterId;
		this.memberId = memberId;
		this.kind = kind;
		this.role = Role.MEMBER;
	}

	static Membership of(String clusterId, String memberId, Kind kind) {
		return new Membership(id(clusterId, memberId), clusterId, memberId, kind);
	}

	static String id(String clusterId, String memberId) {
		return clusterId + ":" + memberId;
	}

	/**
	 * Records that a city works on the cluster's theme; it joins unless it is a member
	 * already.
	 * @param now when
	 * @return this membership
	 */
	Membership themeAdded(Instant now) {
		this.viaTheme = true;
		if (!this.removedByStaff) {
			join("theme", now);
		}
		return this;
	}

	/**
	 * Records that a city no longer works on the cluster's theme; it leaves unless staff
	 * added it.
	 * @param now when
	 * @return this membership
	 */
	Membership themeRemoved(Instant now) {
		this.viaTheme = false;
		if (this.active && !this.viaApi) {
			leave("theme-removed", now);
		}
		return this;
	}

	/**
	 * Staff add the member with a role, or change the role of a member.
	 * @param role the role
	 * @param now when
	 * @return this membership
	 */
	Membership added(Role role, Instant now) {
		this.viaApi = true;
		this.removedByStaff = false;
		if (!this.active) {
			this.role = role;
			join("api", now);
		}
		else if (this.role != role) {
			this.role = role;
			raise(new MemberRoleChanged(this.clusterId, this.memberId, this.kind.slug(), role.slug(), now));
		}
		return this;
	}

	/**
	 * Staff remove the member.
	 * @param now when
	 * @return this membership
	 */
	Membership removed(Instant now) {
		this.viaApi = false;
		this.removedByStaff = this.viaTheme;
		if (this.active) {
			leave("api", now);
		}
		return this;
	}

	/**
	 * The city left the programme: every membership ends.
	 * @param now when
	 * @return this membership
	 */
	Membership cityWithdrawn(Instant now) {
		this.viaApi = false;
		this.viaTheme = false;
		this.removedByStaff = false;
		if (this.active) {
			leave("city-withdrawn", now);
		}
		return this;
	}

	private void join(String cause, Instant now) {
		if (!this.active) {
			this.active = true;
			this.since = now;
			this.leftAt = null;
			raise(new MemberJoinedCluster(this.clusterId, this.memberId, this.kind.slug(), this.role.slug(), cause,
					now));
		}
	}

	private void leave(String cause, Instant now) {
		this.active = false;
		this.leftAt = now;
		this.role = Role.MEMBER;
		raise(new MemberLeftCluster(this.clusterId, this.memberId, this.kind.slug(), cause, now));
	}

	@Override
	public String aggregateId() {
		return this.clusterId;
	}

	public String clusterId() {
		return this.clusterId;
	}

	public String memberId() {
		return this.memberId;
	}

	public Kind kind() {
		return this.kind;
	}

	public Role role() {
		return this.role;
	}

	public boolean active() {
		return this.active;
	}

	public @Nullable Instant since() {
		return this.since;
	}

}
