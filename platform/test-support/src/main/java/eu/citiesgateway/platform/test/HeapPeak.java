package eu.citiesgateway.platform.test;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * The peak heap use of this JVM, summed over the heap's memory pools, for the benchmarks'
 * figures.
 */
public final class HeapPeak {

	private HeapPeak() {
	}

	/** Starts measuring the peak from now. */
	public static void reset() {
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				pool.resetPeakUsage();
			}
		}
	}

	/**
	 * The peak since the last {@link #reset()}, or since the JVM started.
	 * @return the peak in bytes
	 */
	public static long bytes() {
		long peak = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				peak += pool.getPeakUsage().getUsed();
			}
		}
		return peak;
	}

	/**
	 * The peak in MiB.
	 * @return the peak, rounded down
	 */
	public static long mebibytes() {
		return bytes() >> 20;
	}

}
