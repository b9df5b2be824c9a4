package org.sparsemdp.io;

import org.sparsemdp.model.HeapCheck;
import org.sparsemdp.model.MdpBuilder;

/**
 * Reserves an {@link MdpBuilder}'s arrays from the counts a file header declares, without
 * trusting them. A reader that knows the number of choices and transitions before the rows
 * arrive lets the builder fill arrays of exactly the final size, so that they are never grown or
 * trimmed and the peak heap of a load is the model itself (instead of up to about twice the
 * transition arrays while a growable array is copied).
 *
 * <p>A header may lie, so each count is first capped by what the file can hold (the caller's
 * bound, e.g. its size in bytes divided by the shortest possible row), and the reservation is
 * skipped altogether when it is out of the int range or would take more than
 * {@value #HEAP_SHARE_NUMERATOR}/{@value #HEAP_SHARE_DENOMINATOR} of the free heap
 * ({@link HeapCheck#freeBytes()}), which leaves room for the rest of the reading. A skipped or
 * too small reservation only costs growth; the reader checks the declared counts against the
 * actual ones after reading and reports a lie there.
 */
public final class DeclaredCapacity {
    /** Builder bytes per choice: state, transition start and action index (int each), reward (double). */
    public static final long BYTES_PER_CHOICE = 20;
    /** Builder bytes per transition: successor (int) and probability (double). */
    public static final long BYTES_PER_TRANSITION = 12;
    /** Numerator of the largest share of the free heap a reservation may take. */
    public static final int HEAP_SHARE_NUMERATOR = 7;
    /** Denominator of the largest share of the free heap a reservation may take. */
    public static final int HEAP_SHARE_DENOMINATOR = 8;

    private DeclaredCapacity() {
    }

    /**
     * Reserves room in {@code builder} for {@code min(choices, maxChoices)} choices and
     * {@code min(transitions, maxTransitions)} transitions when that fits the int range and the
     * free heap (see the class comment). A negative count means "not declared" and reserves
     * nothing for it.
     *
     * @return whether anything was reserved
     */
    public static boolean reserve(MdpBuilder builder, long choices, long transitions, long maxChoices,
            long maxTransitions) {
        try {
            return reserve(builder, choices, transitions, maxChoices, maxTransitions, null);
        } catch (ModelFormatException e) {
            throw new AssertionError("no refusal without a source", e);
        }
    }

    /**
     * As {@link #reserve(MdpBuilder, long, long, long, long)}, but when the capped counts need
     * more than the whole free heap (measured after a collection), the model cannot be loaded at
     * all (growing arrays need more, not less): then fails at once with the heap it needs,
     * {@code source: ... needs N MiB, but only M MiB of heap are free}, instead of an
     * OutOfMemoryError after reading most of the file. Counts from a header that lies (within what
     * the file can hold) are refused the same way.
     *
     * @param source names the file in the error; null: never refuse, only skip the reservation
     * @throws ModelFormatException if the counts cannot fit in the heap
     */
    public static boolean reserve(MdpBuilder builder, long choices, long transitions, long maxChoices,
            long maxTransitions, String source) throws ModelFormatException {
        long c = Math.max(0, Math.min(choices, maxChoices));
        long t = Math.max(0, Math.min(transitions, maxTransitions));
        long limit = Integer.MAX_VALUE - 8;
        if ((c == 0 && t == 0) || c > limit || t > limit) {
            return false;
        }
        long bytes = BYTES_PER_CHOICE * c + BYTES_PER_TRANSITION * t;
        long free = HeapCheck.freeBytes();
        if (source != null && bytes > free) {
            try {
                HeapCheck.ensureFree(bytes, "storing " + c + " choices and " + t + " transitions");
            } catch (org.sparsemdp.model.InvalidModelException e) {
                throw ModelFormatException.inFile(source, e.getMessage(), e);
            }
            free = HeapCheck.freeBytes();
        }
        if (bytes > free / HEAP_SHARE_DENOMINATOR * HEAP_SHARE_NUMERATOR) {
            return false; // larger than the heap can take: grow as the rows arrive
        }
        builder.ensureCapacity(c, t);
        return true;
    }
}
