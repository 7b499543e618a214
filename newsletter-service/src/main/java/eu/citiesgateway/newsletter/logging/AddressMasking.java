package eu.citiesgateway.newsletter.logging;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import org.jspecify.annotations.Nullable;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The last guard against e-mail addresses in log lines: every appender of the logging
 * system (Logback) gets the events with anything that looks like an address, plain or
 * percent-encoded, replaced by {@value #MASK}, in the message, the exceptions and their
 * causes, the MDC and the key-value pairs. It covers what the service does not write
 * itself: the libraries' debug logging (Spring MVC prints the bodies it reads and writes,
 * Jakarta Mail the SMTP dialogue, GreenMail the recipients) and exceptions whose messages
 * quote addresses. The service's own lines name subscribers by id and never need it.
 */
@Component
public class AddressMasking {

	/** What an address becomes. */
	public static final String MASK = "<address>";

	private static final Pattern ADDRESS = Pattern
		.compile("(?:\"[^\"\\r\\n]{0,64}\"|[\\p{L}\\p{N}\\p{M}!#$%&'*+/?^_`{|}~.\\-]+)(?:@|%40)"
				+ "(?:(?:[\\p{L}\\p{N}\\p{M}\\-]+\\.)+[\\p{L}\\p{N}\\p{M}\\-]+|\\[[^\\]\\s]{1,64}\\])");

	AddressMasking() {
		install();
	}

	/**
	 * Wraps every appender of every logger of the Logback context, once.
	 */
	static void install() {
		ILoggerFactory factory = LoggerFactory.getILoggerFactory();
		if (!(factory instanceof LoggerContext context)) {
			return;
		}
		for (Logger logger : context.getLoggerList()) {
			List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
			for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext();) {
				Appender<ILoggingEvent> appender = it.next();
				if (!(appender instanceof MaskingAppender)) {
					appenders.add(appender);
				}
			}
			for (Appender<ILoggingEvent> appender : appenders) {
				MaskingAppender masking = new MaskingAppender(appender);
				masking.setContext(context);
				masking.start();
				logger.addAppender(masking);
				logger.detachAppender(appender);
			}
		}
	}

	/**
	 * A text with every address in it replaced.
	 * @param text a text
	 * @return the text without addresses, or the same text when it had none
	 */
	public static @Nullable String mask(@Nullable String text) {
		if (!mayHoldAddress(text)) {
			return text;
		}
		return ADDRESS.matcher(text).replaceAll(MASK);
	}

	/**
	 * A quick test before the pattern: no {@code @} or {@code %40}, no address.
	 */
	static boolean mayHoldAddress(@Nullable String text) {
		return text != null && (text.indexOf('@') >= 0 || text.contains("%40"));
	}

}
