package eu.citiesgateway.newsletter.issue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An issue was published and is going out to its subscribers. Holds no personal data: no
 * address, no subscriber, no count of subscribers.
 *
 * @param issueId the issue, also the Kafka key
 * @param title its title in English and French
 * @param clusters the clusters it has news of
 * @param entries the pieces of news it holds
 * @param sendsAt when sending starts
 * @param publishedAt when staff published it
 */
record NewsletterIssuePublished(UUID issueId, Text title, List<String> clusters, int entries, Instant sendsAt,
		Instant publishedAt) {

}
