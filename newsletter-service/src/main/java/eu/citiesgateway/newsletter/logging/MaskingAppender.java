package eu.citiesgateway.newsletter.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;

/**
 * Hands an appender the events without the addresses in them.
 */
final class MaskingAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

	private final Appender<ILoggingEvent> delegate;

	MaskingAppender(Appender<ILoggingEvent> delegate) {
		this.delegate = delegate;
		setName(delegate.getName());
	}

	@Override
	protected void append(ILoggingEvent event) {
		this.delegate.doAppend(MaskedEvent.of(event));
	}

	@Override
	public void stop() {
		super.stop();
		this.delegate.stop();
	}

}
