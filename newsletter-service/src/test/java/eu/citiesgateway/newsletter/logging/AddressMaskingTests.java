package eu.citiesgateway.newsletter.logging;

import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The last guard against addresses in log lines: what the appenders get.
 */
class AddressMaskingTests {

	static final String ADDRESS = "jane.doe+news@example.org";

	final LoggerContext context = new LoggerContext();

	final ListAppender<ILoggingEvent> written = new ListAppender<>();

	Logger logger;

	@BeforeEach
	void maskedAppender() {
		if (this.context.getMDCAdapter() == null) {
			this.context.setMDCAdapter(MDC.getMDCAdapter());
		}
		this.written.setContext(this.context);
		this.written.start();
		MaskingAppender masking = new MaskingAppender(this.written);
		masking.setContext(this.context);
		masking.start();
		this.logger = this.context.getLogger("test");
		this.logger.setLevel(Level.DEBUG);
		this.logger.addAppender(masking);
	}

	@Test
	void addressesInATextAreReplacedPlainQuotedEncodedAndAsLiterals() {
		assertThat(AddressMasking.mask("Created user login " + ADDRESS + " for address " + ADDRESS.toUpperCase()))
			.isEqualTo("Created user login <address> for address <address>");
		assertThat(AddressMasking.mask("RCPT TO:<r\u00E9ader@ex\u00E4mple.org> and \"john doe\"@example.org"))
			.isEqualTo("RCPT TO:<<address>> and <address>");
		assertThat(AddressMasking.mask("email=jane%40example.org&language=en"))
			.isEqualTo("email=<address>&language=en");
		assertThat(AddressMasking.mask("user@[192.0.2.1] wrote")).isEqualTo("<address> wrote");
		assertThat(AddressMasking.mask("mongodb://user:secret@mongo-0.mongo:27017/newsletter"))
			.isEqualTo("mongodb://user:<address>:27017/newsletter");
	}

	@Test
	void textsWithoutAnAddressAreLeftAlone() {
		String text = "Delivery 3f2a:9b1c ended in doubt; java.lang.Object@1b2c3d and an @ sign";
		assertThat(AddressMasking.mask(text)).isSameAs(text);
		assertThat(AddressMasking.mask(null)).isNull();
	}

	@Test
	void theMessageIsWrittenMaskedAndFormattedOnce() {
		this.logger.info("Sent to {} with {}", ADDRESS, "a {} placeholder");

		ILoggingEvent event = this.written.list.get(0);
		assertThat(event.getFormattedMessage()).isEqualTo("Sent to <address> with a {} placeholder");
		assertThat(event.getArgumentArray()).isNull();
	}

	@Test
	void anExceptionItsCausesAndSuppressedOnesAreMaskedAndKeepTheirClassesAndStackTraces() {
		IllegalStateException cause = new IllegalStateException("550 5.1.1 <" + ADDRESS + ">: no such user");
		RuntimeException failure = new RuntimeException("Failed messages: " + ADDRESS, cause);
		failure.addSuppressed(new IllegalArgumentException("also " + ADDRESS));

		this.logger.warn("Sending failed", failure);

		ThrowableProxy proxy = (ThrowableProxy) this.written.list.get(0).getThrowableProxy();
		String trace = ThrowableProxyUtil.asString(proxy);
		assertThat(trace).doesNotContain(ADDRESS)
			.contains("java.lang.RuntimeException: Failed messages: <address>")
			.contains("Caused by: java.lang.IllegalStateException: 550 5.1.1 <<address>>: no such user")
			.contains("Suppressed: java.lang.IllegalArgumentException: also <address>")
			.contains("at " + AddressMaskingTests.class.getName());
		assertThat(proxy.getThrowable().toString()).isEqualTo("java.lang.RuntimeException: Failed messages: <address>");
		assertThat(proxy.getThrowable().getCause().getMessage()).doesNotContain(ADDRESS);
		assertThat(proxy.getThrowable().getStackTrace()).isEqualTo(failure.getStackTrace());
	}

	@Test
	void theMdcIsMaskedAndEventsWithoutAnAddressPassUnchanged() {
		MDC.setContextMap(Map.of("subscriber", ADDRESS));
		try {
			this.logger.info("Subscribed");
		}
		finally {
			MDC.clear();
		}
		this.logger.info("Nothing to hide", new IllegalStateException("no address"));

		assertThat(this.written.list.get(0).getMDCPropertyMap()).containsEntry("subscriber", "<address>");
		assertThat(this.written.list.get(1)).isNotInstanceOf(MaskedEvent.class);
		assertThat(this.written.list.get(1).getThrowableProxy()).isNotInstanceOf(MaskedThrowableProxy.class);
	}

}
