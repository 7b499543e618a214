package eu.citiesgateway.newsletter.delivery;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One issue to one subscriber. Its id is {@code <issueId>:<subscriberId>}, so there is at
 * most one per pair however often the deliveries of an issue are planned.
 *
 * @param id {@code <issueId>:<subscriberId>}
 * @param issueId the issue
 * @param subscriberId the subscriber
 * @param language the language it is sent in
 * @param clusters the sections it carries
 * @param status where it is
 * @param attempts SMTP transactions begun for it
 * @param nextAttemptAt when a temporary failure may be retried
 * @param sendingSince when the last SMTP transaction began (the recorded intent)
 * @param sentAt when the SMTP server accepted it
 * @param error the last failure, described by
 * {@link eu.citiesgateway.newsletter.SmtpFailures}: never the server's text
 */
@Document("deliveries")
public record Delivery(@Id String id, UUID issueId, UUID subscriberId, String language, List<String> clusters,
		Status status, int attempts, @Nullable Instant nextAttemptAt, @Nullable Instant sendingSince,
		@Nullable Instant sentAt, @Nullable String error) {

	static String id(UUID issueId, UUID subscriberId) {
		return issueId + ":" + subscriberId;
	}

	/** Where a delivery is. */
	public enum Status {

		/** Waiting to be sent, or to be retried after a temporary failure. */
		QUEUED,
		/**
		 * An SMTP transaction began and its end was not recorded: the service stopped in
		 * between. It is never sent again, so the mail reached the subscriber once or not
		 * at all.
		 */
		SENDING,
		/** Accepted by the SMTP server. */
		SENT,
		/** Failed temporarily too often, or could not be sent at all. */
		FAILED,
		/** Refused permanently by the receiving side. */
		BOUNCED,
		/** The subscriber left before it was sent. */
		SKIPPED

	}

}
