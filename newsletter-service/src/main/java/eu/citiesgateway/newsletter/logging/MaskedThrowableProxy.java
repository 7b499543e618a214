package eu.citiesgateway.newsletter.logging;

import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.PackagingDataCalculator;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import org.jspecify.annotations.Nullable;

/**
 * An exception of a logging event with the addresses masked in its message and in those
 * of its causes and suppressed exceptions. A {@link ThrowableProxy}, as some encoders
 * (Spring Boot's structured logging with a stack trace printer) require, whose
 * {@link #getThrowable()} is a copy with the masked messages.
 */
final class MaskedThrowableProxy extends ThrowableProxy {

	private final IThrowableProxy original;

	private @Nullable Throwable copy;

	private MaskedThrowableProxy(IThrowableProxy original) {
		super(new Placeholder());
		this.original = original;
	}

	static @Nullable IThrowableProxy of(@Nullable IThrowableProxy original) {
		return (original != null && holdsAddress(original)) ? new MaskedThrowableProxy(original) : original;
	}

	static boolean holdsAddress(@Nullable IThrowableProxy proxy) {
		return holdsAddress(proxy, Collections.newSetFromMap(new IdentityHashMap<>()));
	}

	private static boolean holdsAddress(@Nullable IThrowableProxy proxy, Set<IThrowableProxy> seen) {
		if (proxy == null || !seen.add(proxy)) {
			return false;
		}
		if (AddressMasking.mayHoldAddress(proxy.getMessage())
				|| AddressMasking.mayHoldAddress(proxy.getOverridingMessage())
				|| holdsAddress(proxy.getCause(), seen)) {
			return true;
		}
		return proxy.getSuppressed() != null
				&& Arrays.stream(proxy.getSuppressed()).anyMatch((suppressed) -> holdsAddress(suppressed, seen));
	}

	private static @Nullable IThrowableProxy wrap(@Nullable IThrowableProxy proxy) {
		return (proxy != null) ? new MaskedThrowableProxy(proxy) : null;
	}

	@Override
	public synchronized Throwable getThrowable() {
		if (this.copy == null) {
			Throwable raw = (this.original instanceof ThrowableProxy proxy) ? proxy.getThrowable() : null;
			this.copy = (raw != null) ? copy(raw, new IdentityHashMap<>()) : new Copy(getClassName(), getMessage());
		}
		return this.copy;
	}

	@Override
	public @Nullable String getMessage() {
		return AddressMasking.mask(this.original.getMessage());
	}

	@Override
	public @Nullable String getOverridingMessage() {
		return AddressMasking.mask(this.original.getOverridingMessage());
	}

	@Override
	public String getClassName() {
		return this.original.getClassName();
	}

	@Override
	public StackTraceElementProxy[] getStackTraceElementProxyArray() {
		return this.original.getStackTraceElementProxyArray();
	}

	@Override
	public boolean isCyclic() {
		return this.original.isCyclic();
	}

	@Override
	public int getCommonFrames() {
		return this.original.getCommonFrames();
	}

	@Override
	public @Nullable IThrowableProxy getCause() {
		return wrap(this.original.getCause());
	}

	@Override
	public IThrowableProxy[] getSuppressed() {
		IThrowableProxy[] suppressed = this.original.getSuppressed();
		return (suppressed != null)
				? Arrays.stream(suppressed).map(MaskedThrowableProxy::wrap).toArray(IThrowableProxy[]::new)
				: new IThrowableProxy[0];
	}

	@Override
	public @Nullable PackagingDataCalculator getPackagingDataCalculator() {
		return (this.original instanceof ThrowableProxy proxy) ? proxy.getPackagingDataCalculator() : null;
	}

	@Override
	public void calculatePackagingData() {
		if (this.original instanceof ThrowableProxy proxy) {
			proxy.calculatePackagingData();
		}
	}

	private static Throwable copy(Throwable raw, Map<Throwable, Throwable> copies) {
		Throwable done = copies.get(raw);
		if (done != null) {
			return done;
		}
		Copy copy = new Copy(raw.getClass().getName(), AddressMasking.mask(raw.getMessage()));
		copies.put(raw, copy);
		copy.setStackTrace(raw.getStackTrace());
		if (raw.getCause() != null && raw.getCause() != raw) {
			copy.initCause(copy(raw.getCause(), copies));
		}
		for (Throwable suppressed : raw.getSuppressed()) {
			copy.addSuppressed(copy(suppressed, copies));
		}
		return copy;
	}

	/** An exception as it was, with its message masked, named by its original class. */
	private static final class Copy extends Throwable {

		private final String className;

		Copy(String className, @Nullable String message) {
			super(message);
			this.className = className;
		}

		@Override
		public synchronized Throwable fillInStackTrace() {
			return this;
		}

		@Override
		public String toString() {
			String message = getLocalizedMessage();
			return (message != null) ? this.className + ": " + message : this.className;
		}

	}

	/** What the superclass is made from: nothing, cheaply. */
	private static final class Placeholder extends Throwable {

		Placeholder() {
			super(null, null, false, false);
		}

	}

}
