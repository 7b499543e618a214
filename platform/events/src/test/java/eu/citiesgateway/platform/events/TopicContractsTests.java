package eu.citiesgateway.platform.events;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The types of each topic, as the platform's AsyncAPI documents declare them.
 */
class TopicContractsTests {

	final TopicContracts contracts = TopicContracts.onClasspath();

	@Test
	void theTypesOfATopicAreThoseItsChannelsMessagesAllow() {
		assertThat(this.contracts.typesOf(List.of("registry.cities.v1"))).containsExactly(
				"eu.citiesgateway.registry.CityJoined.v1", "eu.citiesgateway.registry.CityProfileUpdated.v1",
				"eu.citiesgateway.registry.CityWithdrawn.v1", "eu.citiesgateway.registry.OrganisationRegistered.v1");
		assertThat(this.contracts.typesOf(List.of("newsletter.issues.v1")))
			.containsExactly("eu.citiesgateway.newsletter.NewsletterIssuePublished.v1");
	}

	@Test
	void twoTopicsOfOneDocumentKeepTheirOwnTypes() {
		assertThat(this.contracts.typesOf(List.of("clusters.memberships.v1"))).containsExactly(
				"eu.citiesgateway.cluster.MemberJoinedCluster.v1", "eu.citiesgateway.cluster.MemberLeftCluster.v1",
				"eu.citiesgateway.cluster.MemberRoleChanged.v1");
		assertThat(this.contracts.typesOf(List.of("clusters.activities.v1"))).containsExactly(
				"eu.citiesgateway.cluster.ActivityCancelled.v1", "eu.citiesgateway.cluster.ActivityCompleted.v1",
				"eu.citiesgateway.cluster.ActivityRescheduled.v1", "eu.citiesgateway.cluster.ActivityScheduled.v1");
	}

	@Test
	void theTypesOfSeveralTopicsAreTheirUnionAndATopicWithoutContractHasNone() {
		assertThat(this.contracts.typesOf(List.of("matching.pairings.v1", "no.such.topic.v1"))).hasSize(7)
			.allMatch((type) -> type.startsWith("eu.citiesgateway.matching.Pairing"));
		assertThat(this.contracts.describes("matching.pairings.v1")).isTrue();
		assertThat(this.contracts.describes("no.such.topic.v1")).isFalse();
	}

	@Test
	void aMessageWithItsOwnHeadersAndAConstTypeIsRead() {
		assertThat(this.contracts.typesOf(List.of("test.notes.v1")))
			.containsExactly("eu.citiesgateway.test.NoteTaken.v1");
	}

}
