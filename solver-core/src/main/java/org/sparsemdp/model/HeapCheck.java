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

    private static final java.util.regex.Pattern REFUSAL =
            java.util.regex.Pattern.compile("needs (\\d+) MiB, but only (\\d+) MiB of heap are free");

    /**
     * The heap in MiB that a refusal of {@link #ensureFree} reported as needed, found in
     * {@code message} (the refusal's message, possibly wrapped with a file name and line by a
     * reader), or −1 if the message holds no such refusal. Lets the command line tell a heap too
     * small for the model from a malformed file, whatever exception carried the refusal.
     */
    public static long neededMiB(String message) {
        if (message == null) {
            return -1;
        }
        java.util.regex.Matcher m = REFUSAL.matcher(message);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static long mib(long bytes) {
        return bytes >> 20;
    }
}
