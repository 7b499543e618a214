package eu.citiesgateway.newsletter.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import eu.citiesgateway.newsletter.NewsletterProperties;
import eu.citiesgateway.newsletter.SmtpFailures;
import eu.citiesgateway.newsletter.issue.Issue;
import eu.citiesgateway.newsletter.issue.IssueRenderer;
import eu.citiesgateway.newsletter.issue.Issues;
import eu.citiesgateway.newsletter.subscription.Addresses;
import eu.citiesgateway.newsletter.subscription.Language;
import eu.citiesgateway.newsletter.subscription.Subscriber;
import eu.citiesgateway.newsletter.subscription.Subscribers;
import eu.citiesgateway.newsletter.subscription.Subscriptions;
import eu.citiesgateway.newsletter.subscription.Subscriptions.MailLinks;
import eu.citiesgateway.newsletter.subscription.Suppressions;
import eu.citiesgateway.platform.events.OutboxWriter;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.local.LocalBucketBuilder;
import jakarta.annotation.PreDestroy;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.MessageSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Sends published issues, each to each subscriber exactly once.
 * <p>
 * The deliveries of an issue are planned first: one record per subscriber who has news in
 * the issue, under the id {@code <issue>:<subscriber>}, so planning again after a crash
 * adds nothing twice. Then, connection by connection, each attempt is claimed
 * <em>before</em> its SMTP transaction by inserting a claim document with the id
 * {@code <delivery>:<attempt>} (the recorded intent: only one run of one instance can
 * insert it); the delivery becomes SENDING and is marked SENT once the server accepted
 * the mail. A delivery left in SENDING is never sent again: the one window that SMTP
 * cannot make atomic — between the server's acceptance and our record of it — may leave
 * the mail sent once or, if the transaction never completed, not at all, but never twice.
 * Such deliveries are counted apart ({@code sending}: in doubt) so that staff can see
 * them.
 */
@Service
public class Dispatcher {

	/** One document per delivery attempt begun, unique by id. */
	static final String CLAIMS = "delivery_claims";

	private static final Logger logger = LoggerFactory.getLogger(Dispatcher.class);

	private final MongoTemplate mongo;

	private final Issues issues;

	private final Subscribers subscribers;

	private final Suppressions suppressions;

	private final Subscriptions subscriptions;

	private final Addresses addresses;

	private final IssueRenderer renderer;

	private final JavaMailSender sender;

	private final MessageSource messages;

	private final OutboxWriter outbox;

	private final NewsletterProperties properties;

	private final Clock clock;

	private final DeliveryMetrics metrics;

	private final Bucket perSecond;

	private final Bucket perDay;

	private final ExecutorService connections;

	private volatile boolean closing;

	Dispatcher(MongoTemplate mongo, Issues issues, Subscribers subscribers, Suppressions suppressions,
			Subscriptions subscriptions, Addresses addresses, IssueRenderer renderer, JavaMailSender sender,
			MessageSource messages, OutboxWriter outbox, NewsletterProperties properties, Clock clock,
			DeliveryMetrics metrics) {
		this.addresses = addresses;
		this.mongo = mongo;
		this.issues = issues;
		this.subscribers = subscribers;
		this.suppressions = suppressions;
		this.subscriptions = subscriptions;
		this.renderer = renderer;
		this.sender = sender;
		this.messages = messages;
		this.outbox = outbox;
		this.properties = properties;
		this.clock = clock;
		this.metrics = metrics;
		NewsletterProperties.Delivery delivery = properties.delivery();
		this.perSecond = bucket(delivery.perSecond(), Duration.ofSeconds(1));
		this.perDay = bucket(delivery.perDay(), Duration.ofDays(1));
		this.connections = Executors.newFixedThreadPool(delivery.connections(), (task) -> {
			Thread thread = new Thread(task, "newsletter-smtp");
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Stops sending: the groups of mails not yet begun stay queued for the next run (of
	 * this instance or another), the connections sending finish their mails, for up to 30
	 * seconds.
	 */
	@PreDestroy
	void close() {
		this.closing = true;
		this.connections.shutdown();
		try {
			if (!this.connections.awaitTermination(30, TimeUnit.SECONDS)) {
				logger.warn("Connections still sending after 30 s are stopped; their mails stay in doubt");
				for (Runnable dropped : this.connections.shutdownNow()) {
					if (dropped instanceof Future<?> task) {
						task.cancel(false);
					}
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static Bucket bucket(int limit, Duration period) {
		LocalBucketBuilder builder = Bucket.builder();
		return (limit > 0)
				? builder.addLimit(Bandwidth.builder().capacity(limit).refillGreedy(limit, period).build()).build()
				: null;
	}

	@Scheduled(fixedDelayString = "${newsletter.delivery.poll-interval:PT2S}",
			initialDelayString = "${newsletter.delivery.poll-interval:PT2S}")
	void scheduled() {
		try {
			run();
		}
		catch (RuntimeException ex) {
			logger.warn("Sending issues failed; the next run resumes where it stopped", ex);
		}
	}

	/**
	 * Plans and sends what is due: every published issue whose time has come.
	 * @return the mails sent
	 */
	public synchronized int run() {
		int sent = 0;
		Instant now = this.clock.instant();
		for (Issue issue : this.issues.findByStatusAndDeliveredAtIsNull(Issue.Status.PUBLISHED)) {
			if (issue.publishAt() == null || issue.publishAt().isAfter(now)) {
				continue;
			}
			if (!issue.isPlanned()) {
				plan(issue);
				issue.planned();
				issue = saveOrReload(issue);
			}
			Pass pass;
			do {
				pass = sendDue(issue);
				sent += pass.sent();
			}
			while (pass.taken() > 0 && !pass.limited());
			if (this.mongo.count(Query.query(Criteria.where("issueId").is(issue.id()).and("status").is("QUEUED")),
					Delivery.class) == 0) {
				issue.delivered(this.clock.instant());
				saveOrReload(issue);
			}
			this.metrics.changed();
		}
		return sent;
	}

	/**
	 * Saves the issue's progress, unless another instance saved the same progress at the
	 * same time (it planned the same deliveries, by their ids, or found them all done).
	 */
	private Issue saveOrReload(Issue issue) {
		try {
			return this.outbox.update(issue);
		}
		catch (OptimisticLockingFailureException ex) {
			return this.issues.findById(issue.id()).orElseThrow(() -> ex);
		}
	}

	/** One delivery per active subscriber who has news in the issue; idempotent. */
	private void plan(Issue issue) {
		List<Delivery> planned = new ArrayList<>();
		for (Subscriber subscriber : this.subscribers.findAll()) {
			if (subscriber.status() != Subscriber.Status.ACTIVE) {
				continue;
			}
			List<String> clusters = IssueRenderer.sectionsFor(issue, subscriber.interests());
			if (clusters.isEmpty()) {
				continue;
			}
			planned.add(new Delivery(Delivery.id(issue.id(), subscriber.id()), issue.id(), subscriber.id(),
					subscriber.language().code(), clusters, Delivery.Status.QUEUED, 0, null, null, null, null));
			if (planned.size() == 1000) {
				insert(planned);
				planned.clear();
			}
		}
		insert(planned);
	}

	private void insert(List<Delivery> deliveries) {
		if (deliveries.isEmpty()) {
			return;
		}
		try {
			this.mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, Delivery.class).insert(deliveries).execute();
		}
		catch (BulkOperationException | DuplicateKeyException ex) {
			// planned before the crash that interrupted planning: kept as they are
			logger.debug("Some deliveries were planned already");
		}
	}

	/**
	 * Sends the deliveries of an issue that are due, read in one pass over the store and
	 * handed out connection by connection, so that every connection is busy while the
	 * next mails are read.
	 */
	private Pass sendDue(Issue issue) {
		Instant now = this.clock.instant();
		NewsletterProperties.Delivery settings = this.properties.delivery();
		Query due = Query
			.query(Criteria.where("issueId")
				.is(issue.id())
				.and("status")
				.is("QUEUED")
				.orOperator(Criteria.where("nextAttemptAt").is(null), Criteria.where("nextAttemptAt").lte(now)))
			.cursorBatchSize(settings.batchSize());
		// a connection's next mails wait while it sends: at most two chunks per
		// connection
		Semaphore free = new Semaphore(2 * settings.connections());
		List<Future<Integer>> pending = new ArrayList<>();
		// set when a connection failed: no more mails are handed out, and groups not yet
		// begun stay queued
		AtomicBoolean failed = new AtomicBoolean();
		int taken = 0;
		boolean limited = false;
		try (Stream<Delivery> stream = this.mongo.stream(due, Delivery.class)) {
			Iterator<Delivery> deliveries = stream.iterator();
			List<Delivery> chunk = new ArrayList<>();
			while (deliveries.hasNext() && !stopping(failed)) {
				chunk.add(deliveries.next());
				if (chunk.size() < settings.mailsPerConnection() && deliveries.hasNext()) {
					continue;
				}
				acquire(free);
				if (stopping(failed)) {
					free.release();
					break;
				}
				int allowed = allowedToday(chunk.size());
				limited = allowed < chunk.size();
				if (allowed > 0) {
					List<Delivery> part = List.copyOf(chunk.subList(0, allowed));
					taken += part.size();
					pending.add(this.connections.submit(() -> {
						try {
							return stopping(failed) ? 0 : claimAndSend(issue, part);
						}
						catch (RuntimeException | Error ex) {
							failed.set(true);
							throw ex;
						}
						finally {
							free.release();
						}
					}));
				}
				else {
					free.release();
				}
				chunk.clear();
				if (limited) {
					logger.info("The daily limit of {} mails is reached; sending resumes when it allows",
							settings.perDay());
					break;
				}
			}
		}
		catch (RuntimeException ex) {
			// reading failed: the connections given mails end them before the error goes
			// up, so that no send outlives this run
			try {
				collect(pending);
			}
			catch (RuntimeException | Error connection) {
				ex.addSuppressed(connection);
			}
			throw ex;
		}
		return new Pass(taken, collect(pending), limited);
	}

	/**
	 * The outcome of one pass over an issue's due deliveries.
	 *
	 * @param taken the deliveries handed to a connection
	 * @param sent the mails the server accepted
	 * @param limited whether the daily limit stopped the pass
	 */
	private record Pass(int taken, int sent, boolean limited) {
	}

	private boolean stopping(AtomicBoolean failed) {
		return failed.get() || this.closing;
	}

	/** How many of the next mails the daily limit allows, taken from it. */
	private int allowedToday(int wanted) {
		return (this.perDay != null) ? (int) this.perDay.tryConsumeAsMuchAsPossible(wanted) : wanted;
	}

	private static void acquire(Semaphore free) {
		try {
			free.acquire();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while sending", ex);
		}
	}

	/**
	 * Claims the deliveries of one SMTP connection, then sends them: a crash leaves at
	 * most one connection's mails undecided.
	 */
	private int claimAndSend(Issue issue, List<Delivery> part) {
		if (this.perSecond != null) {
			try {
				// in steps no larger than the bucket: a limit below the group's size
				// would
				// otherwise never be met
				int limit = this.properties.delivery().perSecond();
				for (int left = part.size(); left > 0; left -= limit) {
					this.perSecond.asBlocking().consume(Math.min(left, limit));
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return 0;
			}
		}
		List<Delivery> claimed = claim(part);
		if (claimed.isEmpty()) {
			return 0;
		}
		Map<java.util.UUID, Subscriber> subscribers = new java.util.HashMap<>();
		this.subscribers.findAllById(claimed.stream().map(Delivery::subscriberId).toList())
			.forEach((subscriber) -> subscribers.put(subscriber.id(), subscriber));
		// suppressed under any key: the hashes of each address with every key
		Map<String, java.util.UUID> hashes = new java.util.HashMap<>();
		subscribers.values()
			.forEach((subscriber) -> this.addresses.hashes(subscriber.email())
				.forEach((hash) -> hashes.put(hash, subscriber.id())));
		java.util.Set<java.util.UUID> suppressed = new java.util.HashSet<>();
		this.suppressions.findAllById(hashes.keySet())
			.forEach((suppression) -> suppressed.add(hashes.get(suppression.addressHash())));
		List<Delivery> sendable = new ArrayList<>();
		List<Subscriber> recipients = new ArrayList<>();
		BulkOperations skipped = this.mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, Delivery.class);
		List<Delivery> gone = new ArrayList<>();
		boolean anySkipped = false;
		for (Delivery delivery : claimed) {
			Subscriber subscriber = subscribers.get(delivery.subscriberId());
			if (subscriber == null || subscriber.status() != Subscriber.Status.ACTIVE
					|| suppressed.contains(subscriber.id())) {
				skipped.updateOne(byId(delivery), new Update().set("status", Delivery.Status.SKIPPED.name()));
				anySkipped = true;
				if (subscriber == null) {
					gone.add(delivery);
				}
			}
			else {
				sendable.add(delivery);
				recipients.add(subscriber);
			}
		}
		if (anySkipped) {
			skipped.execute();
			forgetErased(gone);
		}
		if (sendable.isEmpty()) {
			return 0;
		}
		List<MailLinks> links = this.subscriptions.linksFor(recipients);
		List<Outgoing> outgoing = new ArrayList<>();
		for (int i = 0; i < sendable.size(); i++) {
			outgoing.add(new Outgoing(sendable.get(i), recipients.get(i),
					message(issue, sendable.get(i), recipients.get(i), links.get(i))));
		}
		return transmitOnOneConnection(outgoing);
	}

	/**
	 * Claims the attempts of some deliveries: one claim document each, inserted in one
	 * write, then the claimed deliveries marked SENDING in one write.
	 * @return the deliveries this run claimed
	 */
	private List<Delivery> claim(List<Delivery> part) {
		Instant now = this.clock.instant();
		List<org.bson.Document> claims = new ArrayList<>();
		for (Delivery delivery : part) {
			claims.add(new org.bson.Document("_id", delivery.id() + ":" + delivery.attempts()).append("claimedAt",
					java.util.Date.from(now)));
		}
		java.util.Set<Integer> taken = new java.util.HashSet<>();
		try {
			this.mongo.getCollection(CLAIMS)
				.insertMany(claims, new com.mongodb.client.model.InsertManyOptions().ordered(false));
		}
		catch (com.mongodb.MongoBulkWriteException ex) {
			for (com.mongodb.bulk.BulkWriteError error : ex.getWriteErrors()) {
				if (error.getCategory() != com.mongodb.ErrorCategory.DUPLICATE_KEY) {
					throw ex;
				}
				taken.add(error.getIndex());
			}
		}
		List<Delivery> claimed = new ArrayList<>();
		BulkOperations sending = this.mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, Delivery.class);
		for (int i = 0; i < part.size(); i++) {
			Delivery delivery = part.get(i);
			if (taken.contains(i)) {
				// this attempt was claimed before: by a run that stopped before it
				// recorded the claim, or by another instance now; either way it is not
				// sent again (unless it was since refused and queued for its next
				// attempt)
				this.mongo.updateFirst(
						Query.query(Criteria.where("_id")
							.is(delivery.id())
							.and("status")
							.is("QUEUED")
							.and("attempts")
							.is(delivery.attempts())),
						new Update().set("status", "SENDING").set("sendingSince", now), Delivery.class);
			}
			else {
				sending.updateOne(byId(delivery),
						new Update().set("status", "SENDING").set("sendingSince", now).inc("attempts", 1));
				claimed.add(delivery);
			}
		}
		if (!claimed.isEmpty()) {
			sending.execute();
		}
		return claimed;
	}

	/**
	 * Waits for every connection, then raises the first failure among them, an error
	 * (such as a crash) before an exception, the others suppressed in it.
	 * @return the mails the connections sent
	 */
	private static int collect(List<Future<Integer>> results) {
		int sent = 0;
		List<Throwable> failures = new ArrayList<>();
		for (Future<Integer> result : results) {
			try {
				sent += result.get();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while the connections were sending", ex);
			}
			catch (ExecutionException ex) {
				failures.add(ex.getCause());
			}
			catch (CancellationException ex) {
				// dropped when the service stopped: its mails were never claimed
			}
		}
		if (failures.isEmpty()) {
			return sent;
		}
		Throwable first = failures.stream().filter(Error.class::isInstance).findFirst().orElse(failures.get(0));
		failures.stream().filter((failure) -> failure != first).forEach(first::addSuppressed);
		if (first instanceof Error error) {
			throw error;
		}
		throw (first instanceof RuntimeException runtime) ? runtime : new IllegalStateException(first);
	}

	private int transmitOnOneConnection(List<Outgoing> part) {
		MimeMessage[] messages = part.stream().map(Outgoing::message).toArray(MimeMessage[]::new);
		Map<Object, Exception> failures = Map.of();
		Throwable connecting = null;
		try {
			this.sender.send(messages);
		}
		catch (MailSendException ex) {
			failures = ex.getFailedMessages();
			if (connectionFailed(ex)) {
				// connecting failed, at first or to reconnect after a lost connection:
				// the
				// mails listed with that failure were never handed over; those before
				// them that are not listed were accepted
				connecting = ex.getCause();
			}
			else if (failures.isEmpty() && !closingFailed(ex)) {
				part.forEach((mail) -> failed(mail.delivery(), mail.subscriber(), ex));
				return 0;
			}
			// otherwise the mails not listed were accepted, also when closing the
			// connection failed after them
		}
		catch (MailAuthenticationException ex) {
			// the relay refused our login, at first or to reconnect after a lost
			// connection
			for (Outgoing mail : part) {
				if (handedOver(mail.message())) {
					// on the connection that was lost: it may have been accepted
					inDoubt(mail.delivery(), ex);
				}
				else {
					retry(mail.delivery(), ex);
				}
			}
			return 0;
		}
		catch (MailException ex) {
			part.forEach((mail) -> failed(mail.delivery(), mail.subscriber(), ex));
			return 0;
		}
		// the accepted mails are recorded first, so that a failure in recording the
		// others
		// cannot leave them in doubt
		int sent = 0;
		Instant now = this.clock.instant();
		BulkOperations done = this.mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, Delivery.class);
		for (Outgoing mail : part) {
			if (!failures.containsKey(mail.message())) {
				done.updateOne(byId(mail.delivery()),
						new Update().set("status", Delivery.Status.SENT.name()).set("sentAt", now));
				sent++;
			}
		}
		if (sent > 0 && done.execute().getMatchedCount() < sent) {
			forgetErased(part.stream().map(Outgoing::delivery).toList());
		}
		this.metrics.recorded(DeliveryMetrics.Outcome.SENT, sent);
		for (Outgoing mail : part) {
			Exception failure = failures.get(mail.message());
			if (failure != null && failure == connecting) {
				retry(mail.delivery(), failure);
			}
			else if (failure != null) {
				failed(mail.delivery(), mail.subscriber(), failure);
			}
		}
		return sent;
	}

	/**
	 * Removes the claims of deliveries erased while this run sent them: the erasure
	 * deleted their records and claims before this run claimed them, and a claim's id
	 * names the subscriber. Only once the erasure is through (the subscriber is deleted
	 * last): until then a claim may still be what keeps another run from sending.
	 */
	private void forgetErased(List<Delivery> deliveries) {
		for (Delivery delivery : deliveries) {
			if (!this.subscribers.existsById(delivery.subscriberId())
					&& !this.mongo.exists(byId(delivery), Delivery.class)) {
				this.mongo.remove(Query.query(Criteria.where("_id").is(delivery.id() + ":" + delivery.attempts())),
						CLAIMS);
			}
		}
	}

	private static boolean connectionFailed(MailSendException ex) {
		return ex.getMessage() != null && ex.getMessage().startsWith("Mail server connection failed")
				&& ex.getCause() != null;
	}

	/**
	 * Whether a mail was handed to the SMTP connection: Spring's sender dates each mail
	 * just before it hands it over, and this service never dates them itself.
	 */
	private static boolean handedOver(MimeMessage message) {
		try {
			return message.getSentDate() != null;
		}
		catch (MessagingException ex) {
			return true;
		}
	}

	private static boolean closingFailed(MailSendException ex) {
		return ex.getMessage() != null && ex.getMessage().startsWith("Failed to close server connection");
	}

	/**
	 * A claimed delivery and its mail.
	 */
	private record Outgoing(Delivery delivery, Subscriber subscriber, MimeMessage message) {
	}

	private MimeMessage message(Issue issue, Delivery delivery, Subscriber subscriber, MailLinks links) {
		Language language = Language.of(delivery.language()).orElse(Language.EN);
		MimeMessage message = this.sender.createMimeMessage();
		try {
			MimeMessageHelper mail = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
			mail.setFrom(this.properties.from());
			mail.setTo(subscriber.email());
			mail.setSubject(issue.title().in(language));
			mail.setText(
					this.renderer.text(issue, language, delivery.clusters(), links.preferences(), links.unsubscribe()),
					this.renderer.html(issue, language, delivery.clusters(), links.preferences(), links.unsubscribe()));
			message.setHeader("List-Unsubscribe", "<" + links.unsubscribe() + ">");
			message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
			message.setHeader("X-Newsletter-Issue", issue.id().toString());
		}
		catch (MessagingException ex) {
			// without the cause: its message quotes the address
			throw new org.springframework.mail.MailPreparationException(
					"The mail of delivery " + delivery.id() + " could not be prepared: " + ex.getClass().getName());
		}
		return message;
	}

	/**
	 * Records a failed SMTP transaction of a mail handed to the connection. Only a
	 * refusal by the server (a 4xx or 5xx reply) proves that the mail was not accepted;
	 * anything else (a lost reply, a reset in the middle) leaves the delivery SENDING, so
	 * that it is never sent twice. The error recorded is the reply code and enhanced
	 * status code with their standard names, never the server's text, which quotes the
	 * address.
	 */
	private void failed(Delivery delivery, Subscriber subscriber, Exception ex) {
		NewsletterProperties.Delivery settings = this.properties.delivery();
		int code = SmtpFailures.replyCode(ex);
		if (SmtpFailures.recipientRefused(ex) && code >= 500) {
			// the receiving side refused this address: a bounce
			finish(delivery, Delivery.Status.BOUNCED, null, SmtpFailures.describe(ex));
			this.metrics.recorded(DeliveryMetrics.Outcome.BOUNCED, 1);
			this.subscriptions.bounced(subscriber.id(), settings.bounceLimit());
			return;
		}
		if (code >= 500) {
			// refused for a reason not tied to the address (the sender, the content)
			finish(delivery, Delivery.Status.FAILED, null, SmtpFailures.describe(ex));
			this.metrics.recorded(DeliveryMetrics.Outcome.FAILED, 1);
			return;
		}
		if (code < 400) {
			// no reply that proves a refusal: the server may have taken the mail
			// (failures to connect never come here: the mails they concern were never
			// handed over and are retried by transmitOnOneConnection)
			inDoubt(delivery, ex);
			return;
		}
		// refused for now (4xx)
		retry(delivery, ex);
	}

	/**
	 * Leaves a delivery whose mail the server may have accepted in SENDING, never to be
	 * sent again.
	 */
	private void inDoubt(Delivery delivery, Exception ex) {
		String error = SmtpFailures.inDoubt(ex);
		logger.warn("Delivery {} ended {}; it is not sent again", delivery.id(), error);
		this.mongo.updateFirst(byId(delivery), new Update().set("error", error), Delivery.class);
		this.metrics.recorded(DeliveryMetrics.Outcome.IN_DOUBT, 1);
	}

	/**
	 * Queues a delivery the server certainly did not accept for another attempt, or fails
	 * it after the last.
	 */
	private void retry(Delivery delivery, Exception ex) {
		NewsletterProperties.Delivery settings = this.properties.delivery();
		int attempts = delivery.attempts() + 1;
		if (attempts >= settings.attempts()) {
			finish(delivery, Delivery.Status.FAILED, null, SmtpFailures.describe(ex));
			this.metrics.recorded(DeliveryMetrics.Outcome.FAILED, 1);
			return;
		}
		// refused for now (4xx), or no connection: the server did not accept the mail
		Instant retry = this.clock.instant().plus(settings.backOff().multipliedBy(1L << (attempts - 1)));
		this.mongo.updateFirst(byId(delivery),
				new Update().set("status", "QUEUED")
					.set("nextAttemptAt", retry)
					.set("error", SmtpFailures.describe(ex)),
				Delivery.class);
	}

	private void finish(Delivery delivery, Delivery.Status status, Instant sentAt, String error) {
		Update update = new Update().set("status", status.name());
		if (sentAt != null) {
			update.set("sentAt", sentAt);
		}
		if (error != null) {
			update.set("error", error);
		}
		this.mongo.updateFirst(byId(delivery), update, Delivery.class);
	}

	/** By id alone: the claim made this run the delivery's only writer. */
	private static Query byId(Delivery delivery) {
		return Query.query(Criteria.where("_id").is(delivery.id()));
	}

	/**
	 * The counts of an issue's deliveries by status.
	 * @param issueId the issue
	 * @return status name in lower case to count
	 */
	public java.util.Map<String, Long> counts(java.util.UUID issueId) {
		java.util.Map<String, Long> counts = new java.util.LinkedHashMap<>();
		for (Delivery.Status status : Delivery.Status.values()) {
			counts.put(status.name().toLowerCase(java.util.Locale.ROOT),
					this.mongo.count(Query.query(Criteria.where("issueId").is(issueId).and("status").is(status.name())),
							Delivery.class));
		}
		return counts;
	}

}
