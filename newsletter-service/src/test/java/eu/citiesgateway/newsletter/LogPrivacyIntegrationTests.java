package eu.citiesgateway.newsletter;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import eu.citiesgateway.newsletter.delivery.Dispatcher;
import eu.citiesgateway.newsletter.delivery.IssueFixtures;
import eu.citiesgateway.newsletter.logging.AddressMasking;
import eu.citiesgateway.newsletter.subscription.Addresses;
import eu.citiesgateway.newsletter.subscription.Language;
import eu.citiesgateway.newsletter.subscription.Subscriber;
import eu.citiesgateway.newsletter.subscription.SubscriberFixtures;
import eu.citiesgateway.newsletter.subscription.Subscribers;
import eu.citiesgateway.platform.test.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No e-mail address in any log line: the output of a whole flow — subscribing through the
 * API and the form, confirming, a bad address, mails refused by the SMTP server with
 * replies that quote the address, an issue sent with a bounce and a mail in doubt, an
 * export and erasures — holds none of the addresses involved, at the usual levels and
 * with the debug logging of Spring MVC, Spring's and Jakarta Mail's senders and the SMTP
 * servers on. At the usual levels the service's own lines never even needed masking.
 */
@NewsletterIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class LogPrivacyIntegrationTests {

	static final String CLUSTER = "digital-inclusive-innovation";

	/** Debug loggers that print bodies, SMTP dialogues or recipients. */
	static final List<String> CHATTY = List.of("org.springframework.web", "org.springframework.mail",
			"org.eclipse.angus.mail", "jakarta.mail", "com.icegreen.greenmail", "org.subethamail",
			"org.springframework.security", "org.springframework.data.mongodb.core", "org.apache.catalina",
			"org.apache.tomcat", "org.apache.coyote");

	/** The start of a log line as the console writes it: level, then the logger. */
	static final Pattern LINE = Pattern.compile("^\\S+\\s+(?:TRACE|DEBUG|INFO|WARN|ERROR) .*?\\] (\\S+)\\s+: ");

	static final ScriptedSmtpServer refusing = ScriptedSmtpServer.start();

	@Autowired
	Http http;

	@Autowired
	GreenMail smtp;

	@Autowired
	CrashingMailSender sender;

	@Autowired
	Dispatcher dispatcher;

	@Autowired
	Addresses addresses;

	@Autowired
	Subscribers subscribers;

	final List<String> involved = new ArrayList<>();

	final List<UUID> created = new ArrayList<>();

	int greenMailPort;

	@BeforeEach
	void rememberTheSmtpServer() {
		this.greenMailPort = this.sender.getPort();
	}

	@AfterEach
	void cleanUp() {
		this.sender.setPort(this.greenMailPort);
		this.subscribers.deleteAllById(this.created);
		LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
		CHATTY.forEach((logger) -> logging.setLogLevel(logger, null));
	}

	@AfterAll
	static void stop() {
		refusing.close();
	}

	@Test
	void theLogsOfAWholeFlowHoldNoAddress(CapturedOutput output) {
		flow();

		assertNoAddressIn(output);
		assertThat(serviceLinesMasked(output)).as("lines of the service that needed masking").isEmpty();
	}

	@Test
	void evenTheDebugLoggingOfTheLibrariesHoldsNoAddress(CapturedOutput output) {
		LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
		CHATTY.forEach((logger) -> logging.setLogLevel(logger, LogLevel.TRACE));

		flow();

		assertNoAddressIn(output);
		assertThat(output.getAll()).as("the debug logging names addresses, masked").contains(AddressMasking.MASK);
	}

	private void flow() {
		// subscribed through the API and confirmed, then asked again
		String reader = address("reader");
		assertThat(subscribe(reader).status()).isEqualTo(202);
		String confirm = Inbox.links(new Inbox(this.smtp, reader).last(1)).get(0);
		assertThat(this.http.get(path(confirm)).status()).isEqualTo(200);
		this.created.add(this.subscribers.findByAddressHash(this.addresses.hash(reader)).orElseThrow().id());
		assertThat(subscribe(reader).status()).isEqualTo(202);
		// through the hosted form
		String visitor = address("visitor");
		assertThat(this.http.browser()
			.submit("/subscribe", "/subscribe",
					"email=" + URLEncoder.encode(visitor, StandardCharsets.UTF_8) + "&language=fr&interests=" + CLUSTER
							+ "&consent=yes")
			.status()).isEqualTo(200);
		// refused as an address
		String literal = "literal-" + UUID.randomUUID().toString().substring(0, 8) + "@[192.0.2.1]";
		this.involved.add(literal);
		assertThat(subscribe(literal).status()).isEqualTo(400);
		// the SMTP server refuses confirmation mails, quoting the address
		this.sender.setPort(refusing.port());
		String unknown = address("unknown");
		refusing.refuse(unknown, 1, 550, "5.1.1 <" + unknown + ">: Recipient address rejected: User unknown");
		assertThat(subscribe(unknown).status()).as("answered like any other").isEqualTo(202);
		String busy = address("busy");
		refusing.refuse(busy, 1, 451, "4.2.1 <" + busy + ">: Mailbox busy, try again later");
		Http.Response notSent = subscribe(busy);
		assertThat(notSent.status()).isEqualTo(503);
		assertThat(notSent.body()).doesNotContain(busy);
		// an issue: one reader gets it, one address bounces, one mail ends in doubt
		String bouncing = active("bouncing");
		refusing.refuse(bouncing, 1, 550, "5.1.1 <" + bouncing + ">: Recipient address rejected: User unknown");
		String doubtful = active("doubtful");
		refusing.dropConnectionAfterMailTo(doubtful);
		String issue = IssueFixtures.publishedWithNewsFor(this.http, CLUSTER);
		this.dispatcher.run();
		assertThat(refusing.accepted(reader)).isOne();
		assertThat(this.http.get("/api/issues/" + issue + "/deliveries").body()).doesNotContain("@");
		this.sender.setPort(this.greenMailPort);
		// the privacy officer's requests
		assertThat(this.http.postJson("/api/subscribers/export", "{\"email\": \"" + reader + "\"}").status())
			.isEqualTo(200);
		assertThat(this.http.postJson("/api/subscribers/erasure", "{\"email\": \"" + reader + "\"}").status())
			.isEqualTo(204);
		assertThat(this.http.postJson("/api/subscribers/erasure", "{\"email\": \"" + bouncing + "\"}").status())
			.isEqualTo(204);
	}

	private void assertNoAddressIn(CapturedOutput output) {
		String all = output.getAll().toLowerCase(Locale.ROOT);
		for (String address : this.involved) {
			assertThat(all).as("the output names an address").doesNotContain(address.toLowerCase(Locale.ROOT));
			assertThat(all).doesNotContain(URLEncoder.encode(address, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT));
			assertThat(all).doesNotContain(address.substring(0, address.indexOf('@')).toLowerCase(Locale.ROOT) + "@");
		}
	}

	/**
	 * The lines (with the stack traces that follow them) of the service's and the
	 * platform's loggers in which an address was masked.
	 */
	private static List<String> serviceLinesMasked(CapturedOutput output) {
		List<String> masked = new ArrayList<>();
		String logger = "";
		for (String line : output.getAll().split("\\R")) {
			Matcher start = LINE.matcher(line);
			if (start.find()) {
				logger = start.group(1);
			}
			if (line.contains(AddressMasking.MASK) && (logger.startsWith("e.c.") || logger.startsWith("eu."))) {
				masked.add(line);
			}
		}
		return masked;
	}

	private String active(String name) {
		String address = address(name);
		Subscriber subscriber = this.subscribers
			.save(SubscriberFixtures.active(this.addresses, address, Language.EN, List.of(CLUSTER)));
		this.created.add(subscriber.id());
		return address;
	}

	private String address(String name) {
		String address = name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
		this.involved.add(address);
		return address;
	}

	private Http.Response subscribe(String address) {
		return this.http.postJson("/api/subscriptions", """
				{"email": "%s", "language": "en", "interests": ["%s"], "consent": true}
				""".formatted(address, CLUSTER));
	}

	private static String path(String link) {
		URI uri = URI.create(link);
		return uri.getRawPath() + "?" + uri.getRawQuery();
	}

}
