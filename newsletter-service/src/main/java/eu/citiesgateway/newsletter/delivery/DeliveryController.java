package eu.citiesgateway.newsletter.delivery;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import eu.citiesgateway.newsletter.SmtpFailures;
import eu.citiesgateway.newsletter.issue.Issues;
import eu.citiesgateway.platform.web.InvalidRequestException;
import eu.citiesgateway.platform.web.Paging;
import eu.citiesgateway.platform.web.ResourceNotFoundException;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The deliveries of an issue for staff: counts by status and a page of records, which
 * {@code status} filters. A status is one of those the list writes ({@code sending}), in
 * any case; any other value is refused naming the allowed ones, so that a misspelt filter
 * does not answer the unfiltered list.
 */
@RestController
class DeliveryController {

	static final int MAX_PAGE = 500;

	/** The most characters of a refused status the answer repeats. */
	private static final int ECHO = 40;

	private final Dispatcher dispatcher;

	private final Issues issues;

	private final MongoTemplate mongo;

	DeliveryController(Dispatcher dispatcher, Issues issues, MongoTemplate mongo) {
		this.dispatcher = dispatcher;
		this.issues = issues;
		this.mongo = mongo;
	}

	@GetMapping("/api/issues/{id}/deliveries")
	Deliveries deliveries(@PathVariable UUID id, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "100") int size, @RequestParam @Nullable String status) {
		if (!this.issues.existsById(id)) {
			throw new ResourceNotFoundException("issue", id);
		}
		Delivery.Status wanted = (status != null) ? statusOf(status) : null;
		Paging.check(page, size, MAX_PAGE);
		Criteria criteria = Criteria.where("issueId").is(id);
		if (wanted != null) {
			criteria.and("status").is(wanted);
		}
		List<Record> records = this.mongo
			.find(new Query(criteria).with(PageRequest.of(page, size, Sort.by("_id"))), Delivery.class)
			.stream()
			.map((d) -> new Record(d.subscriberId(), written(d.status()), d.language(), d.clusters(), d.attempts(),
					d.sentAt(), SmtpFailures.sanitise(d.error())))
			.toList();
		return new Deliveries(id, this.dispatcher.counts(id), records);
	}

	private static Delivery.Status statusOf(String status) {
		String wanted = status.toLowerCase(Locale.ROOT);
		return Arrays.stream(Delivery.Status.values())
			.filter((candidate) -> written(candidate).equals(wanted))
			.findFirst()
			.orElseThrow(() -> new InvalidRequestException("status",
					"'" + echo(status) + "' is not one of "
							+ Arrays.stream(Delivery.Status.values())
								.map(DeliveryController::written)
								.collect(Collectors.joining(", "))));
	}

	private static String echo(String text) {
		return (text.codePointCount(0, text.length()) > ECHO)
				? text.substring(0, text.offsetByCodePoints(0, ECHO)) + "…" : text;
	}

	/** A status as the list writes it. */
	private static String written(Delivery.Status status) {
		return status.name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The deliveries of an issue.
	 *
	 * @param issueId the issue
	 * @param counts deliveries by status: {@code queued}, {@code sending} (begun and not
	 * known to have ended: the mail went out once or not at all), {@code sent},
	 * {@code failed}, {@code bounced}, {@code skipped}
	 * @param deliveries a page of delivery records
	 */
	record Deliveries(UUID issueId, Map<String, Long> counts, List<Record> deliveries) {
	}

	/**
	 * One delivery.
	 *
	 * @param subscriberId the subscriber (the address is not shown)
	 * @param status where it is
	 * @param language the language sent in
	 * @param clusters the sections sent
	 * @param attempts SMTP transactions begun
	 * @param sentAt when the server accepted it
	 * @param error the last failure: the SMTP reply code and enhanced status code with
	 * their standard names ({@code 550 5.1.1 Bad destination mailbox address}) or the
	 * kind of network failure, never the server's text, which may quote the address
	 */
	record Record(UUID subscriberId, String status, String language, List<String> clusters, int attempts,
			@Nullable Instant sentAt, @Nullable String error) {
	}

}
