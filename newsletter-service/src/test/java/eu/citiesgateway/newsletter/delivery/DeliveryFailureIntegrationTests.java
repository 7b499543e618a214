package eu.citiesgateway.newsletter.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.UUID;
import java.util.function.UnaryOperator;

import eu.citiesgateway.newsletter.CrashingMailSender;
import eu.citiesgateway.newsletter.NewsletterIntegrationTest;
import eu.citiesgateway.newsletter.NewsletterProperties;
import eu.citiesgateway.newsletter.ScriptedSmtpServer;
import eu.citiesgateway.newsletter.issue.IssueRenderer;
import eu.citiesgateway.newsletter.issue.Issues;
import eu.citiesgateway.newsletter.subscription.Addresses;
import eu.citiesgateway.newsletter.subscription.Language;
import eu.citiesgateway.newsletter.subscription.Subscriber;
import eu.citiesgateway.newsletter.subscription.SubscriberFixtures;
import eu.citiesgateway.newsletter.subscription.Subscribers;
import eu.citiesgateway.newsletter.subscription.Subscriptions;
import eu.citiesgateway.newsletter.subscription.Suppressions;
import eu.citiesgateway.platform.events.OutboxWriter;
import eu.citiesgateway.platform.test.Http;
import eu.citiesgateway.platform.test.TestClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the service does with each answer an SMTP server can give, against a real SMTP
 * server scripted to give it: permanent refusals of a recipient (bounces, and the count
 * after which an address is suppressed), temporary refusals (retried with a back-off that
 * doubles), a refusal of the mail itself, and the daily limit.
 */
@NewsletterIntegrationTest
class DeliveryFailureIntegrationTests {

	/** The interest of this class's subscribers alone: its issues reach no one else. */
	static final String CLUSTER = "digital-inclusive-innovation";

	static final ScriptedSmtpServer smtp = ScriptedSmtpServer.start();

	@Autowired
	Http http;

	@Autowired
	CrashingMailSender sender;

	@Autowired
	Dispatcher dispatcher;

	@Autowired
	Subscribers subscribers;

	@Autowired
	Suppressions suppressions;

	@Autowired
	Addresses addresses;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	NewsletterProperties properties;

	@Autowired
	Issues issues;

	@Autowired
	Subscriptions subscriptions;

	@Autowired
	IssueRenderer renderer;

	@Autowired
	MessageSource messages;

	@Autowired
	OutboxWriter outbox;

	@Autowired
	DeliveryMetrics metrics;

	int greenMailPort;

	final List<Dispatcher> started = new ArrayList<>();

	final List<Subscriber> created = new ArrayList<>();

	final String run = UUID.randomUUID().toString().substring(0, 8);

	@BeforeEach
	void sendThroughTheScriptedServer() {
		this.greenMailPort = this.sender.getPort();
		this.sender.setPort(smtp.port());
	}

	@AfterEach
	void sendThroughGreenMailAgain() {
		this.sender.setPort(this.greenMailPort);
		this.started.forEach(Dispatcher::close);
		// the next test's issues reach its own subscribers only
		this.subscribers.deleteAllById(this.created.stream().map(Subscriber::id).toList());
	}

	@AfterAll
	static void stop() {
		smtp.close();
	}

	@Test
	void aRecipientRefusedPermanentlyBouncesIsSuppressedAndLeavesTheOthersOnItsConnectionUntouched() {
		Subscriber first = subscriber("first");
		Subscriber refused = subscriber("refused");
		Subscriber last = subscriber("last");
		smtp.refuse(refused.email(), Integer.MAX_VALUE, 550, "5.1.1 No such mailbox");

		String issue = publish();
		this.dispatcher.run();

		assertThat(delivery(issue, refused).status()).isEqualTo(Delivery.Status.BOUNCED);
		assertThat(delivery(issue, refused).error()).isEqualTo("550 5.1.1 Bad destination mailbox address");
		assertThat(delivery(issue, first).status()).isEqualTo(Delivery.Status.SENT);
		assertThat(delivery(issue, last).status()).isEqualTo(Delivery.Status.SENT);
		assertThat(smtp.accepted(first.email())).isOne();
		assertThat(smtp.accepted(last.email())).isOne();
		assertThat(smtp.accepted(refused.email())).isZero();
		// the bounce limit is 1 by default: the address is suppressed and the subscriber
		// gone
		assertThat(this.subscribers.findById(refused.id())).isEmpty();
		assertThat(this.suppressions.findById(refused.addressHash())).isPresent();
		JsonNode bounced = this.http.get("/api/issues/" + issue + "/deliveries?status=bounced").json();
		assertThat(bounced.get("counts").get("bounced").asLong()).isOne();
		assertThat(bounced.get("deliveries").get(0).get("subscriberId").asString()).isEqualTo(refused.id().toString());

		String next = publish();
		this.dispatcher.run();
		assertThat(this.mongo.findById(Delivery.id(UUID.fromString(next), refused.id()), Delivery.class)).isNull();
		assertThat(smtp.accepted(first.email())).isEqualTo(2);
	}

	@Test
	void aBounceKeepsTheReplyCodeAndEnhancedStatusButNeverTheServersTextWhichQuotesTheAddress() {
		Subscriber refused = subscriber("quoted");
		smtp.refuse(refused.email(), Integer.MAX_VALUE, 550,
				"5.1.1 <" + refused.email() + ">: Recipient address rejected: User unknown in virtual mailbox table");

		String issue = publish();
		this.dispatcher.run();

		assertThat(delivery(issue, refused).error()).isEqualTo("550 5.1.1 Bad destination mailbox address");
		Http.Response listed = this.http.get("/api/issues/" + issue + "/deliveries?status=bounced");
		assertThat(listed.json().get("deliveries").get(0).get("error").asString())
			.isEqualTo("550 5.1.1 Bad destination mailbox address");
		assertThat(listed.body()).doesNotContain(refused.email()).doesNotContain("@").doesNotContain("User unknown");
	}

	@Test
	void errorsRecordedWithTheServersTextBeforeAreListedWithoutIt() {
		Subscriber reader = subscriber("legacy");
		String issue = IssueFixtures.draftWithNewsFor(this.http, CLUSTER);
		this.mongo.insert(new Delivery(Delivery.id(UUID.fromString(issue), reader.id()), UUID.fromString(issue),
				reader.id(), "en", List.of(CLUSTER), Delivery.Status.BOUNCED, 1, null, null, null,
				"550 5.1.1 <" + reader.email() + ">: Recipient address rejected: User unknown"));
		Subscriber doubt = subscriber("doubt");
		this.mongo.insert(new Delivery(Delivery.id(UUID.fromString(issue), doubt.id()), UUID.fromString(issue),
				doubt.id(), "en", List.of(CLUSTER), Delivery.Status.SENDING, 1, null, null, null,
				"in doubt: Failed messages: jakarta.mail.SendFailedException: " + doubt.email()));

		Http.Response listed = this.http.get("/api/issues/" + issue + "/deliveries");

		assertThat(listed.json().get("deliveries").values()).extracting((record) -> record.get("error").asString())
			.containsExactlyInAnyOrder("550 5.1.1 Bad destination mailbox address", "in doubt: details not kept");
		assertThat(listed.body()).doesNotContain("@");
	}

	@Test
	void anAddressIsSuppressedOnlyOnceItBouncedAsOftenAsTheBounceLimitSays() {
		Dispatcher dispatcher = dispatcher(Clock.systemUTC(),
				(delivery) -> settings(delivery.perDay(), delivery.attempts(), delivery.backOff(), 2));
		Subscriber refused = subscriber("refused");
		smtp.refuse(refused.email(), Integer.MAX_VALUE, 550, "5.1.1 No such mailbox");

		String issue = publish();
		dispatcher.run();
		assertThat(delivery(issue, refused).status()).isEqualTo(Delivery.Status.BOUNCED);
		assertThat(this.subscribers.findById(refused.id())).get()
			.satisfies((subscriber) -> assertThat(subscriber.status()).isEqualTo(Subscriber.Status.ACTIVE));
		assertThat(this.suppressions.findById(refused.addressHash())).isEmpty();

		publish();
		dispatcher.run();
		assertThat(this.subscribers.findById(refused.id())).isEmpty();
		assertThat(this.suppressions.findById(refused.addressHash())).isPresent();
	}

	@Test
	void aRecipientRefusedForNowIsRetriedWithABackOffThatDoublesAndGetsItsMailOnce() {
		Subscriber busy = subscriber("busy");
		Subscriber other = subscriber("other");
		smtp.refuse(busy.email(), 2, 451, "4.2.1 Mailbox busy, try again later");
		String issue = publish();
		TestClock clock = new TestClock();
		clock.advance(Duration.ofSeconds(1));
		clock.stop();
		Dispatcher dispatcher = dispatcher(clock,
				(delivery) -> settings(delivery.perDay(), 5, Duration.ofMinutes(1), delivery.bounceLimit()));

		dispatcher.run();
		Delivery first = delivery(issue, busy);
		assertThat(first.status()).isEqualTo(Delivery.Status.QUEUED);
		assertThat(first.attempts()).isOne();
		assertThat(first.nextAttemptAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
		assertThat(first.error()).contains("451");
		assertThat(delivery(issue, other).status()).isEqualTo(Delivery.Status.SENT);

		clock.advance(Duration.ofSeconds(30));
		dispatcher.run();
		assertThat(delivery(issue, busy).attempts()).as("not due before its back-off").isOne();

		clock.advance(Duration.ofSeconds(30));
		dispatcher.run();
		Delivery second = delivery(issue, busy);
		assertThat(second.attempts()).isEqualTo(2);
		assertThat(second.nextAttemptAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(2)));

		clock.advance(Duration.ofMinutes(2));
		dispatcher.run();
		assertThat(delivery(issue, busy).status()).isEqualTo(Delivery.Status.SENT);
		assertThat(delivery(issue, busy).attempts()).isEqualTo(3);
		assertThat(smtp.accepted(busy.email())).isOne();
		assertThat(smtp.accepted(other.email())).isOne();
		assertThat(this.http.get("/api/issues/" + issue).json().get("deliveredAt").isNull()).isFalse();
	}

	@Test
	void aMailRefusedForItsContentFailsWithoutCountingAgainstItsReader() {
		Subscriber reader = subscriber("reader");
		smtp.refuseNextMail(554, "5.7.1 Message rejected as spam");

		String issue = publish();
		this.dispatcher.run();

		assertThat(delivery(issue, reader).status()).isEqualTo(Delivery.Status.FAILED);
		assertThat(delivery(issue, reader).error()).contains("554");
		assertThat(this.subscribers.findById(reader.id())).get()
			.satisfies((subscriber) -> assertThat(subscriber.status()).isEqualTo(Subscriber.Status.ACTIVE));
		assertThat(smtp.accepted(reader.email())).isZero();
	}

	@Test
	void aConnectionLostWithoutAReplyLeavesThatMailInDoubtForGoodAndTheOthersAreSentOnce() {
		List<Subscriber> readers = subscribers(5);
		Subscriber lost = readers.get(2);
		smtp.dropConnectionAfterMailTo(lost.email());

		String issue = publish();
		this.dispatcher.run();
		this.dispatcher.run();

		assertThat(delivery(issue, lost).status()).isEqualTo(Delivery.Status.SENDING);
		assertThat(delivery(issue, lost).error()).startsWith("in doubt:");
		assertThat(delivery(issue, lost).attempts()).isOne();
		for (Subscriber reader : readers) {
			if (reader != lost) {
				assertThat(delivery(issue, reader).status()).isEqualTo(Delivery.Status.SENT);
				assertThat(smtp.accepted(reader.email())).isOne();
			}
		}
		JsonNode counts = this.http.get("/api/issues/" + issue + "/deliveries?size=1").json().get("counts");
		assertThat(counts.get("sending").asLong()).isOne();
		assertThat(counts.get("sent").asLong()).isEqualTo(4);
	}

	@Test
	void aConnectionLostAndNotRegainedRetriesOnlyTheMailsNeverHandedOver() {
		List<Subscriber> readers = subscribers(6);
		// the first mail is accepted, the connection is lost after the second, and the
		// sender, reconnecting for the third, is turned away once
		smtp.dropConnectionAtMail(2, 1);

		String issue = publish();
		this.dispatcher.run();

		List<Subscriber> lost = readers.stream()
			.filter((reader) -> delivery(issue, reader).status() == Delivery.Status.SENDING)
			.toList();
		assertThat(lost).singleElement().satisfies((reader) -> {
			assertThat(smtp.accepted(reader.email())).isZero();
			assertThat(delivery(issue, reader).error()).startsWith("in doubt:");
		});
		List<Subscriber> others = readers.stream().filter((reader) -> !lost.contains(reader)).toList();
		assertThat(others).allSatisfy((reader) -> {
			assertThat(delivery(issue, reader).status()).isEqualTo(Delivery.Status.SENT);
			assertThat(smtp.accepted(reader.email())).as(reader.email()).isOne();
		});
		// the mail handed over before the connection was lost took one attempt, those
		// after it two: refused at the greeting, then sent
		assertThat(others).extracting((reader) -> delivery(issue, reader).attempts())
			.containsExactlyInAnyOrder(1, 2, 2, 2, 2);
	}

	@Test
	void twoInstancesSendingOneIssueAtOnceSendEachMailOnce() throws Exception {
		List<Subscriber> readers = subscribers(300);
		Dispatcher other = dispatcher(Clock.systemUTC(), UnaryOperator.identity());
		String issue = publish();

		ExecutorService instances = Executors.newFixedThreadPool(2);
		try {
			Future<Integer> first = instances.submit(this.dispatcher::run);
			Future<Integer> second = instances.submit(other::run);
			// a run also sends what earlier tests left due (their retries), so the runs'
			// counts are not this issue's alone: the server's count per reader is the
			// proof
			assertThat(first.get() + second.get()).isPositive();
		}
		finally {
			instances.shutdownNow();
		}
		this.dispatcher.run();

		assertEachSentOnce(issue, readers);
	}

	@Test
	void aDispatcherClosedWhileSendingLeavesTheMailsNotBegunQueuedForTheNextRun() {
		List<Subscriber> readers = subscribers(300);
		Dispatcher closing = dispatcher(Clock.systemUTC(), UnaryOperator.identity());
		String issue = publish();
		smtp.whenAccepted(smtp.total() + 30, closing::close);

		closing.run();
		long queued = readers.stream()
			.filter((reader) -> delivery(issue, reader).status() == Delivery.Status.QUEUED)
			.count();
		assertThat(queued).as("the groups not begun when it closed").isPositive();
		assertThat(readers).allSatisfy((reader) -> assertThat(delivery(issue, reader).status())
			.isIn(Delivery.Status.QUEUED, Delivery.Status.SENT));

		this.dispatcher.run();
		assertEachSentOnce(issue, readers);
	}

	@Test
	void aPerSecondLimitBelowTheMailsOfAConnectionStillSendsEveryMailOnce() {
		Dispatcher dispatcher = dispatcher(Clock.systemUTC(),
				(delivery) -> new NewsletterProperties.Delivery(10, delivery.perDay(), delivery.attempts(),
						delivery.backOff(), delivery.bounceLimit(), delivery.batchSize(), delivery.pollInterval(),
						delivery.connections(), 25));
		List<Subscriber> readers = subscribers(30);
		String issue = publish();

		assertThat(dispatcher.run()).isEqualTo(30);
		assertEachSentOnce(issue, readers);
	}

	@Test
	void aLoginRefusedSendsNothingAndIsRetried() {
		Subscriber reader = subscriber("reader");
		smtp.refuseLogins(1);
		this.sender.setUsername("newsletter");
		this.sender.setPassword("secret");
		try {
			String issue = publish();
			this.dispatcher.run();

			assertThat(delivery(issue, reader).status()).isEqualTo(Delivery.Status.SENT);
			assertThat(delivery(issue, reader).attempts()).isEqualTo(2);
			assertThat(smtp.accepted(reader.email())).isOne();
		}
		finally {
			this.sender.setUsername(null);
			this.sender.setPassword(null);
		}
	}

	@Test
	void theDailyLimitStopsSendingAndLeavesTheRestQueued() {
		Dispatcher dispatcher = dispatcher(Clock.systemUTC(),
				(delivery) -> settings(7, delivery.attempts(), delivery.backOff(), delivery.bounceLimit()));
		List<Subscriber> readers = subscribers(20);

		String issue = publish();
		assertThat(dispatcher.run()).isEqualTo(7);
		assertThat(dispatcher.run()).as("the limit holds across runs").isZero();

		JsonNode counts = this.http.get("/api/issues/" + issue + "/deliveries?size=1").json().get("counts");
		assertThat(counts.get("sent").asLong()).isEqualTo(7);
		assertThat(counts.get("queued").asLong()).isEqualTo(13);
		assertThat(readers.stream().mapToInt((reader) -> smtp.accepted(reader.email())).sum()).isEqualTo(7);
		assertThat(this.http.get("/api/issues/" + issue).json().get("deliveredAt").isNull()).isTrue();

		// the service's own dispatcher, without a daily limit, sends the rest
		this.dispatcher.run();
		assertThat(readers).allSatisfy((reader) -> assertThat(smtp.accepted(reader.email())).isOne());
	}

	private List<Subscriber> subscribers(int count) {
		List<Subscriber> readers = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			readers.add(subscriber("reader" + i));
		}
		return readers;
	}

	private void assertEachSentOnce(String issue, List<Subscriber> readers) {
		assertThat(readers).allSatisfy((reader) -> {
			assertThat(smtp.accepted(reader.email())).as(reader.email()).isOne();
			assertThat(delivery(issue, reader).status()).isEqualTo(Delivery.Status.SENT);
		});
	}

	private Subscriber subscriber(String name) {
		Subscriber subscriber = this.subscribers.save(SubscriberFixtures.active(this.addresses,
				name + "-" + this.run + "@example.org", Language.EN, List.of(CLUSTER)));
		this.created.add(subscriber);
		return subscriber;
	}

	private String publish() {
		String issue = IssueFixtures.draftWithNewsFor(this.http, CLUSTER);
		assertThat(this.http.postJson("/api/issues/" + issue + "/publication", "{}").status()).isEqualTo(200);
		return issue;
	}

	private Delivery delivery(String issue, Subscriber subscriber) {
		return this.mongo.findById(Delivery.id(UUID.fromString(issue), subscriber.id()), Delivery.class);
	}

	private NewsletterProperties.Delivery settings(int perDay, int attempts, Duration backOff, int bounceLimit) {
		NewsletterProperties.Delivery delivery = this.properties.delivery();
		return new NewsletterProperties.Delivery(delivery.perSecond(), perDay, attempts, backOff, bounceLimit,
				delivery.batchSize(), delivery.pollInterval(), delivery.connections(), delivery.mailsPerConnection());
	}

	/** A dispatcher of the service's parts with other delivery settings and clock. */
	private Dispatcher dispatcher(Clock clock, UnaryOperator<NewsletterProperties.Delivery> settings) {
		NewsletterProperties p = this.properties;
		NewsletterProperties changed = new NewsletterProperties(p.publicUrl(), p.from(), p.addressKeys(),
				p.confirmationValidity(), p.linkValidity(), p.confirmationsPerAddress(), p.requestsPerClient(),
				p.trustedProxies(), settings.apply(p.delivery()));
		Dispatcher dispatcher = new Dispatcher(this.mongo, this.issues, this.subscribers, this.suppressions,
				this.subscriptions, this.addresses, this.renderer, this.sender, this.messages, this.outbox, changed,
				clock, this.metrics);
		this.started.add(dispatcher);
		return dispatcher;
	}

}
