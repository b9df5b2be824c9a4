package org.sparsemdp.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Heap measurements for the footprint mains ({@link ModelFootprint}, {@link SolverFootprint},
 * {@code io.LoadFootprint}), from the JVM's management beans:
 * <ul>
 *   <li>{@link #usedAfterGc()}: heap in use after full collections (the live data, ±1 MB);</li>
 *   <li>{@link #resetPeaks()} / {@link #peakSum()}: the sum of the heap pools' peak usage since
 *       the reset — an upper bound on the true peak (pools peak at different times; the young
 *       generation's peak includes garbage);</li>
 *   <li>{@link #resetLive()} / {@link #maxLiveAfterGc()}: the largest heap in use just after a
 *       collection since the reset (collectors' notifications) — a lower bound on the peak of live
 *       data, close to it when collections are frequent.</li>
 * </ul>
 * Meaningful only with one thread allocating and a stop-the-world collector
 * ({@code -XX:+UseSerialGC}).
 */
public final class HeapProbe {
    private static final Set<String> HEAP_POOLS = heapPoolNames();
    private static final AtomicLong MAX_AFTER_GC = new AtomicLong();
    private static boolean listening;

    private HeapProbe() {
    }

    private static Set<String> heapPoolNames() {
        Set<String> names = new HashSet<>();
        for (MemoryPoolMXBean pool : heapPools()) {
            names.add(pool.getName());
        }
        return names;
    }

    private static List<MemoryPoolMXBean> heapPools() {
        List<MemoryPoolMXBean> pools = new ArrayList<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pools.add(pool);
            }
        }
        return pools;
    }

    /** Heap in use right now (no collection). */
    public static long used() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** The smallest heap in use over four consecutive full collections. */
    public static long usedAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, used());
        }
        return used;
    }

    /** Resets the peak-usage counters of all heap pools. */
    public static void resetPeaks() {
        for (MemoryPoolMXBean pool : heapPools()) {
            pool.resetPeakUsage();
        }
    }

    /** Sum of the heap pools' peaks since {@link #resetPeaks()}: an upper bound on the peak heap. */
    public static long peakSum() {
        long sum = 0;
        for (MemoryPoolMXBean pool : heapPools()) {
            sum += pool.getPeakUsage().getUsed();
        }
        return sum;
    }

    /** Starts (once) recording the heap in use after every collection, and resets the maximum. */
    public static synchronized void resetLive() {
        if (!listening) {
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) gc).addNotificationListener((n, handback) -> {
                    if (!n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                        return;
                    }
                    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                            (CompositeData) n.getUserData());
                    long used = 0;
                    for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                        if (HEAP_POOLS.contains(e.getKey())) {
                            used += e.getValue().getUsed();
                        }
                    }
                    MAX_AFTER_GC.accumulateAndGet(used, Math::max);
                }, null, null);
            }
            listening = true;
        }
        MAX_AFTER_GC.set(0);
    }

    /**
     * The largest heap in use just after a collection since {@link #resetLive()}; waits half a
     * second first, since notifications arrive asynchronously.
     */
    public static long maxLiveAfterGc() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return MAX_AFTER_GC.get();
    }
}
