package eu.citiesgateway.newsletter.logging;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggerContextVO;
import org.jspecify.annotations.Nullable;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/**
 * A logging event as another, its message formatted and masked (no arguments left to
 * format again), its exception, MDC and key-value pairs masked.
 */
final class MaskedEvent implements ILoggingEvent {

	private final ILoggingEvent event;

	private final @Nullable String message;

	private final @Nullable IThrowableProxy throwable;

	private final Map<String, String> mdc;

	private final @Nullable List<KeyValuePair> keyValuePairs;

	private MaskedEvent(ILoggingEvent event) {
		this.event = event;
		this.message = AddressMasking.mask(event.getFormattedMessage());
		this.throwable = MaskedThrowableProxy.of(event.getThrowableProxy());
		Map<String, String> mdc = new LinkedHashMap<>();
		if (event.getMDCPropertyMap() != null) {
			event.getMDCPropertyMap().forEach((key, value) -> mdc.put(key, AddressMasking.mask(value)));
		}
		this.mdc = mdc;
		this.keyValuePairs = (event.getKeyValuePairs() != null) ? event.getKeyValuePairs()
			.stream()
			.map((pair) -> new KeyValuePair(pair.key,
					(pair.value != null) ? AddressMasking.mask(String.valueOf(pair.value)) : null))
			.toList() : null;
	}

	/**
	 * The event without addresses; the same event when it holds none.
	 */
	static ILoggingEvent of(ILoggingEvent event) {
		return holdsAddress(event) ? new MaskedEvent(event) : event;
	}

	private static boolean holdsAddress(ILoggingEvent event) {
		if (AddressMasking.mayHoldAddress(event.getFormattedMessage())
				|| MaskedThrowableProxy.holdsAddress(event.getThrowableProxy())) {
			return true;
		}
		if (event.getMDCPropertyMap() != null
				&& event.getMDCPropertyMap().values().stream().anyMatch(AddressMasking::mayHoldAddress)) {
			return true;
		}
		return event.getKeyValuePairs() != null && event.getKeyValuePairs()
			.stream()
			.anyMatch((pair) -> pair.value != null && AddressMasking.mayHoldAddress(String.valueOf(pair.value)));
	}

	@Override
	public String getThreadName() {
		return this.event.getThreadName();
	}

	@Override
	public Level getLevel() {
		return this.event.getLevel();
	}

	@Override
	public @Nullable String getMessage() {
		return this.message;
	}

	@Override
	public Object @Nullable [] getArgumentArray() {
		return null;
	}

	@Override
	public @Nullable String getFormattedMessage() {
		return this.message;
	}

	@Override
	public String getLoggerName() {
		return this.event.getLoggerName();
	}

	@Override
	public LoggerContextVO getLoggerContextVO() {
		return this.event.getLoggerContextVO();
	}

	@Override
	public @Nullable IThrowableProxy getThrowableProxy() {
		return this.throwable;
	}

	@Override
	public StackTraceElement[] getCallerData() {
		return this.event.getCallerData();
	}

	@Override
	public boolean hasCallerData() {
		return this.event.hasCallerData();
	}

	@Override
	public List<Marker> getMarkerList() {
		return this.event.getMarkerList();
	}

	@Override
	public Map<String, String> getMDCPropertyMap() {
		return this.mdc;
	}

	@Override
	@SuppressWarnings("deprecation")
	public Map<String, String> getMdc() {
		return this.mdc;
	}

	@Override
	public long getTimeStamp() {
		return this.event.getTimeStamp();
	}

	@Override
	public int getNanoseconds() {
		return this.event.getNanoseconds();
	}

	@Override
	public Instant getInstant() {
		return this.event.getInstant();
	}

	@Override
	public long getSequenceNumber() {
		return this.event.getSequenceNumber();
	}

	@Override
	public @Nullable List<KeyValuePair> getKeyValuePairs() {
		return this.keyValuePairs;
	}

	@Override
	public void prepareForDeferredProcessing() {
		this.event.prepareForDeferredProcessing();
	}

}
