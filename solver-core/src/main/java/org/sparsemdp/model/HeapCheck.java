package org.sparsemdp.model;

/**
 * Guards allocations whose size comes from untrusted input (a file header): refuses them with a
 * clear message when they cannot fit in the heap, instead of failing with an OutOfMemoryError.
 */
public final class HeapCheck {
    private HeapCheck() {
    }

    /** Bytes the JVM could still allocate: max heap minus what is in use now. */
    public static long freeBytes() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    /**
     * Throws {@link InvalidModelException} if {@code bytes} exceed the free heap. Garbage not yet
     * collected counts as used in {@link #freeBytes()}, so before refusing a request that could
     * fit the check asks the JVM for a full collection, once, and measures again: a load that
     * leaves large arrays behind (a reader's buffers) is not refused in a heap it fits in.
     *
     * @param what names the allocation in the message, e.g. "the state index of 10^10 states"
     */
    public static void ensureFree(long bytes, String what) {
        long free = freeBytes();
        if (bytes > free && bytes <= Runtime.getRuntime().maxMemory()) {
            System.gc();
            free = freeBytes();
        }
        if (bytes < 0 || bytes > free) {
            throw new InvalidModelException(what + " needs " + mib(bytes) + " MiB, but only " + mib(free)
                    + " MiB of heap are free");
        }
    }

    private static long mib(long bytes) {
        return bytes >> 20;
    }
}
