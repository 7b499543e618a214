package eu.citiesgateway.cluster.activity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import eu.citiesgateway.platform.test.EventContracts;
import eu.citiesgateway.platform.web.ConflictException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ActivityTests {

	static final Instant NOW = Instant.parse("2027-01-10T10:00:00Z");

	static final Instant START = Instant.parse("2027-03-02T08:00:00Z");

	final UUID lyon = UUID.randomUUID();

	final UUID denver = UUID.randomUUID();

	@Test
	void aRescheduleThatChangesNothingRaisesNothing() {
		Activity activity = pilot();

		assertThat(activity.reschedule(activity.details(), NOW)).isFalse();
		assertThat(activity.raisedEvents()).hasSize(1);
	}

	@Test
	void aPilotProjectIsPlannedThenRunningThenCompleted() {
		Activity activity = pilot();

		assertThat(activity.status(NOW)).isEqualTo("PLANNED");
		assertThat(activity.status(START)).isEqualTo("RUNNING");
		activity.complete(List.of("Two reuse centres opened"), "Diverted 120 t from landfill", START.plusSeconds(60));
		assertThat(activity.status(START)).isEqualTo("COMPLETED");
	}

	@Test
	void completingBeforeTheStartOrAfterACancellationFails() {
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> pilot().complete(List.of("Too early"), null, NOW))
			.withMessageContaining("has not started");

		Activity cancelled = pilot();
		cancelled.cancel("Budget withdrawn", NOW);
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> cancelled.complete(List.of("Done"), null, START))
			.withMessageContaining("CANCELLED");
		assertThat(cancelled.sequence()).isEqualTo(1);
	}

	@Test
	void everyEventValidatesAgainstItsSchema() {
		Activity completed = pilot();
		completed.reschedule(details("Reuse centres, extended", START.plus(Duration.ofDays(1))), NOW);
		completed.complete(List.of("Two reuse centres opened"), "Diverted 120 t from landfill",
				START.plus(Duration.ofDays(2)));
		Activity cancelled = pilot();
		cancelled.cancel("Budget withdrawn", NOW);
		List<Object> events = new ArrayList<>(completed.raisedEvents());
		events.addAll(cancelled.raisedEvents());

		assertThat(events).extracting((event) -> event.getClass().getSimpleName())
			.containsExactly("ActivityScheduled", "ActivityRescheduled", "ActivityCompleted", "ActivityScheduled",
					"ActivityCancelled");
		JsonMapper json = JsonMapper.builder().build();
		for (Object event : events) {
			String type = "eu.citiesgateway.cluster." + event.getClass().getSimpleName() + ".v1";
			assertThat(EventContracts.violations(type, json.writeValueAsString(event))).as(type).isEmpty();
		}
	}

	private Activity pilot() {
		return Activity.schedule("circular-economy", Type.PILOT_PROJECT, details("Reuse centres", START), NOW);
	}

	private Details details(String title, Instant start) {
		return new Details(title, "A joint pilot", null, List.of(this.lyon, this.denver), start, "+01:00",
				start.plus(Duration.ofDays(180)), "+02:00", "Europe/Paris", null, true, List.of(),
				List.of("Open one reuse centre per city"));
	}

}
