package eu.citiesgateway.cluster.membership;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import eu.citiesgateway.cluster.membership.MembershipEvents.MemberJoinedCluster;
import eu.citiesgateway.cluster.membership.MembershipEvents.MemberLeftCluster;
import eu.citiesgateway.cluster.membership.MembershipEvents.MemberRoleChanged;
import eu.citiesgateway.platform.test.EventContracts;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class MembershipTests {

	static final Instant NOW = Instant.parse("2027-01-10T10:00:00Z");

	final String city = UUID.randomUUID().toString();

	@Test
	void aThemeMakesACityAMemberOnceHoweverOftenItIsRepeated() {
		Membership membership = Membership.of("circular-economy", this.city, Kind.CITY).themeAdded(NOW).themeAdded(NOW);

		assertThat(membership.active()).isTrue();
		assertThat(membership.raisedEvents()).hasExactlyElementsOfTypes(MemberJoinedCluster.class);
		assertThat(membership.aggregateId()).isEqualTo("circular-economy");
	}

	@Test
	void aMemberAddedByStaffStaysWhenTheThemeGoesButLeavesWhenTheCityWithdraws() {
		Membership membership = Membership.of("circular-economy", this.city, Kind.CITY)
			.themeAdded(NOW)
			.added(Role.COORDINATOR, NOW)
			.themeRemoved(NOW);

		assertThat(membership.active()).isTrue();
		assertThat(membership.role()).isEqualTo(Role.COORDINATOR);
		membership.cityWithdrawn(NOW);
		assertThat(membership.active()).isFalse();
		assertThat(membership.raisedEvents()).hasExactlyElementsOfTypes(MemberJoinedCluster.class,
				MemberRoleChanged.class, MemberLeftCluster.class);
	}

	@Test
	void aThemeRemovedEndsAThemeMembership() {
		Membership membership = Membership.of("affordable-housing", this.city, Kind.CITY)
			.themeAdded(NOW)
			.themeRemoved(NOW);

		assertThat(membership.active()).isFalse();
		assertThat(((MemberLeftCluster) membership.raisedEvents().get(1)).cause()).isEqualTo("theme-removed");
	}

	@Test
	void aCityRemovedByStaffIsNotBroughtBackByItsNextProfileUpdateUntilStaffAddIt() {
		Membership membership = Membership.of("circular-economy", this.city, Kind.CITY).themeAdded(NOW).removed(NOW);

		membership.themeAdded(NOW);
		assertThat(membership.active()).isFalse();
		membership.added(Role.MEMBER, NOW);
		assertThat(membership.active()).isTrue();
	}

	@Test
	void everyEventValidatesAgainstItsSchema() {
		List<Object> events = new ArrayList<>(Membership.of("nature-based-solutions", this.city, Kind.ORGANISATION)
			.added(Role.MEMBER, NOW)
			.added(Role.COORDINATOR, NOW)
			.removed(NOW)
			.raisedEvents());
		events.addAll(Membership.of("nature-based-solutions", this.city, Kind.CITY)
			.themeAdded(NOW)
			.cityWithdrawn(NOW)
			.raisedEvents());

		JsonMapper json = JsonMapper.builder().build();
		assertThat(events).hasSize(5);
		for (Object event : events) {
			String type = "eu.citiesgateway.cluster." + event.getClass().getSimpleName() + ".v1";
			assertThat(EventContracts.violations(type, json.writeValueAsString(event))).as(type).isEmpty();
		}
	}

}
