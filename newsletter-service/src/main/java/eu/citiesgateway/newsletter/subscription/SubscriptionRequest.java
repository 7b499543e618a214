package eu.citiesgateway.newsletter.subscription;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A request to subscribe.
 *
 * @param email the address to send the newsletter to
 * @param language {@code en} or {@code fr}
 * @param interests the clusters to hear about, at least one
 * @param consent must be true: the person agrees to receive the newsletter
 */
public record SubscriptionRequest(@Nullable String email, @Nullable String language, @Nullable List<String> interests,
		@Nullable Boolean consent) {

	/**
	 * Without the address: Spring's debug logging prints the bodies it reads.
	 */
	@Override
	public String toString() {
		return "SubscriptionRequest[email=(not shown), language=" + this.language + ", interests=" + this.interests
				+ ", consent=" + this.consent + "]";
	}

}
