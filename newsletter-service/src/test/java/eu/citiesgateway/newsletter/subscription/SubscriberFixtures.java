package eu.citiesgateway.newsletter.subscription;

import java.time.Instant;
import java.util.List;

/**
 * Confirmed subscribers made directly, for tests of what happens after the opt-in.
 */
public final class SubscriberFixtures {

	private SubscriberFixtures() {
	}

	public static Subscriber active(Addresses addresses, String email, Language language, List<String> interests) {
		Subscriber subscriber = Subscriber.pending(addresses.currentKeyId(), addresses.hash(email), email, language,
				interests, "test", Instant.now());
		subscriber.confirm(Instant.now());
		return subscriber;
	}

	public static Subscriber pending(Addresses addresses, String email, Language language, List<String> interests,
			Instant consentAt) {
		return Subscriber.pending(addresses.currentKeyId(), addresses.hash(email), email, language, interests, "test",
				consentAt);
	}

}
