package eu.citiesgateway.matching.pairing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import eu.citiesgateway.matching.pairing.PairingEvents.PairingAccepted;
import eu.citiesgateway.matching.pairing.PairingEvents.PairingCompleted;
import eu.citiesgateway.matching.pairing.PairingEvents.PairingConfirmed;
import eu.citiesgateway.matching.pairing.PairingEvents.PairingDeclined;
import eu.citiesgateway.matching.pairing.PairingEvents.PairingExpired;
import eu.citiesgateway.matching.pairing.PairingEvents.PairingProposed;
import eu.citiesgateway.matching.pairing.PairingEvents.PairingWithdrawn;
import eu.citiesgateway.platform.test.EventContracts;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class PairingTests {

	static final Instant NOW = Instant.parse("2027-03-01T09:00:00Z");

	final UUID eu = UUID.randomUUID();

	final UUID na = UUID.randomUUID();

	@Test
	void aProposalIsConfirmedOnceBothSidesAcceptedAndAcceptingTwiceChangesNothing() {
		Pairing pairing = proposed();

		pairing.accept(Side.EU, NOW).accept(Side.EU, NOW);
		assertThat(pairing.status()).isEqualTo(Status.PROPOSED);
		pairing.accept(Side.NA, NOW);

		assertThat(pairing.status()).isEqualTo(Status.CONFIRMED);
		assertThat(pairing.raisedEvents()).hasExactlyElementsOfTypes(PairingProposed.class, PairingAccepted.class,
				PairingAccepted.class, PairingConfirmed.class);
	}

	@Test
	void aDeclineClosesTheProposalAndAsksForARefill() {
		Pairing pairing = proposed().decline(Side.NA, "Another partner already", NOW);

		assertThat(pairing.status()).isEqualTo(Status.DECLINED);
		assertThat(pairing.declinedBy()).isEqualTo(Side.NA);
		assertThat(pairing.refillPending()).isTrue();
		assertThat(pairing.refilled().refillPending()).isFalse();
	}

	@Test
	void acceptingADeclinedPairingFailsNamingItsState() {
		Pairing pairing = proposed().decline(Side.EU, "Too far", NOW);

		assertThatExceptionOfType(PairingClosedException.class).isThrownBy(() -> pairing.accept(Side.NA, NOW))
			.withMessageContaining("DECLINED")
			.satisfies((ex) -> assertThat(ex.properties()).containsEntry("state", Status.DECLINED));
	}

	@Test
	void declineWhenConfirmedShouldFail() {
		Pairing pairing = proposed().accept(Side.EU, NOW).accept(Side.NA, NOW);

		assertThatExceptionOfType(PairingClosedException.class)
			.isThrownBy(() -> pairing.decline(Side.EU, "Changed our mind", NOW));
	}

	@Test
	void onlyAConfirmedPairingCanBeCompleted() {
		assertThatExceptionOfType(PairingClosedException.class)
			.isThrownBy(() -> proposed().complete("Joint pilot on reuse centres", NOW));

		Pairing pairing = proposed().accept(Side.EU, NOW).accept(Side.NA, NOW).complete("Joint pilot", NOW);
		assertThat(pairing.status()).isEqualTo(Status.COMPLETED);
		assertThat(pairing.outcome()).isEqualTo("Joint pilot");
	}

	@Test
	void aProposalExpiresOnlyOnceItsTimeHasPassed() {
		Pairing pairing = proposed();

		assertThatIllegalStateException().isThrownBy(() -> pairing.expire(NOW.plus(Duration.ofDays(29))));
		pairing.expire(NOW.plus(Duration.ofDays(30)));
		assertThat(pairing.status()).isEqualTo(Status.EXPIRED);
		assertThat(pairing.refillPending()).isTrue();
	}

	@Test
	void aWithdrawalRefillsTheEuCitysSlotOnlyWhenItsPartnerLeft() {
		assertThat(proposed().withdraw(this.na, NOW).refillPending()).isTrue();
		assertThat(proposed().withdraw(this.eu, NOW).refillPending()).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> proposed().withdraw(UUID.randomUUID(), NOW));
	}

	@Test
	void reasonsAndOutcomesAreNeverBlankNorLongerThanTheContractAllows() {
		assertThatIllegalArgumentException().isThrownBy(() -> proposed().decline(Side.EU, " ", NOW));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> proposed().decline(Side.EU, "x".repeat(Pairing.MAX_TEXT + 1), NOW));
	}

	@Test
	void everyEventValidatesAgainstItsSchema() {
		Pairing confirmed = proposed().accept(Side.EU, NOW).accept(Side.NA, NOW);
		List<Object> events = new java.util.ArrayList<>(confirmed.raisedEvents());
		events.addAll(confirmed.complete("Joint pilot", NOW).raisedEvents().subList(4, 5));
		events.addAll(proposed().decline(Side.NA, "No capacity this year", NOW).raisedEvents().subList(1, 2));
		events.addAll(proposed().expire(NOW.plus(Duration.ofDays(30))).raisedEvents().subList(1, 2));
		events.addAll(proposed().withdraw(this.na, NOW).raisedEvents().subList(1, 2));
		assertThat(events).extracting((event) -> event.getClass().getSimpleName())
			.containsExactlyInAnyOrder("PairingProposed", "PairingAccepted", "PairingAccepted", "PairingConfirmed",
					"PairingCompleted", "PairingDeclined", "PairingExpired", "PairingWithdrawn");
		JsonMapper json = JsonMapper.builder().build();
		for (Object event : events) {
			String type = "eu.citiesgateway.matching." + event.getClass().getSimpleName() + ".v1";
			assertThat(EventContracts.violations(type, json.writeValueAsString(event))).as(type).isEmpty();
		}
		assertThat(events).hasAtLeastOneElementOfType(PairingCompleted.class)
			.hasAtLeastOneElementOfType(PairingDeclined.class)
			.hasAtLeastOneElementOfType(PairingExpired.class)
			.hasAtLeastOneElementOfType(PairingWithdrawn.class);
	}

	private Pairing proposed() {
		Reason reason = new Reason("shared-themes", 0.35, "Lyon and Denver both work on circular-economy",
				List.of("circular-economy"));
		return Pairing.propose(new Proposal(UUID.randomUUID(), this.eu, this.na, false, 0.72,
				List.of("circular-economy"), List.of(reason)), UUID.randomUUID(), null, NOW, Duration.ofDays(30));
	}

}
