package org.sparsemdp.io.umb;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;

/**
 * Bulk little-endian conversion between tar entry data and primitive arrays, one block at a time
 * (no per-element parsing, no intermediate copy of the whole entry): uint64 → int with a range
 * check, uint32 → int, IEEE-754 double ({@link Decoder}), and the reverse for writing (64 KiB
 * blocks).
 */
final class LittleEndianArrays {
    static final int CHUNK = 1 << 16;
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle DOUBLE = MethodHandles.byteArrayViewVarHandle(double[].class,
            ByteOrder.LITTLE_ENDIAN);

    private final byte[] buf = new byte[CHUNK];

    /**
     * The decoding side: one block of {@value #BLOCK} bytes with little-endian views, reused for
     * every entry of an archive. Doubles and uint32 are bulk copies from the block into the
     * destination array (a plain memory copy on little-endian hardware); uint64 values are bulk
     * copied into a scratch long[] and narrowed to int in one branch-free loop whose range check
     * is folded into a single OR (the slow search for the offending index runs only on failure).
     */
    static final class Decoder {
        static final int BLOCK = 1 << 20;
        final byte[] block = new byte[BLOCK];
        private final ByteBuffer bytes = ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN);
        private final LongBuffer longs = bytes.asLongBuffer();
        private final IntBuffer ints = bytes.asIntBuffer();
        private final DoubleBuffer doubles = bytes.asDoubleBuffer();
        private final long[] scratch = new long[BLOCK / 8];

        /**
         * Decodes {@code count} uint64 values of the block into {@code dest[at..]}, each required
         * to be ≤ {@code max} (&lt; 2<sup>31</sup>); returns the index (within the block) of the
         * first one out of range, its value in {@code badValue[0]}, or −1.
         */
        int uint64(int[] dest, int at, int count, long max, long[] badValue) {
            final long[] v = scratch;
            longs.get(0, v, 0, count);
            long outOfRange = 0;
            for (int j = 0; j < count; j++) {
                long x = v[j];
                outOfRange |= x | (max - x); // negative iff x ≥ 2^63 (unsigned) or x > max
                dest[at + j] = (int) x;
            }
            if (outOfRange >= 0) {
                return -1;
            }
            for (int j = 0; j < count; j++) {
                if (v[j] < 0 || v[j] > max) {
                    badValue[0] = v[j];
                    return j;
                }
            }
            throw new AssertionError("unreachable");
        }

        /** Decodes {@code count} uint32 values; returns the index of the first one ≥ {@code limit}, or −1. */
        int uint32(int[] dest, int at, int count, long limit) {
            ints.get(0, dest, at, count);
            long outOfRange = 0;
            for (int j = 0; j < count; j++) {
                outOfRange |= limit - 1 - Integer.toUnsignedLong(dest[at + j]);
            }
            if (outOfRange >= 0) {
                return -1;
            }
            for (int j = 0; j < count; j++) {
                if (Integer.toUnsignedLong(dest[at + j]) >= limit) {
                    return j;
                }
            }
            throw new AssertionError("unreachable");
        }

        /** Decodes {@code count} doubles of the block into {@code dest[at..]}. */
        void doubles(double[] dest, int at, int count) {
            doubles.get(0, dest, at, count);
        }
    }

    /** Writes {@code src[0..n)} as uint64. */
    void writeUint64(OutputStream out, int[] src, int n) throws IOException {
        int i = 0;
        while (i < n) {
            int count = Math.min(CHUNK / 8, n - i);
            for (int j = 0; j < count; j++) {
                LONG.set(buf, j * 8, (long) src[i + j]);
            }
            out.write(buf, 0, count * 8);
            i += count;
        }
    }

    /** Writes {@code src[0..n)} as uint32. */
    void writeUint32(OutputStream out, int[] src, int n) throws IOException {
        int i = 0;
        while (i < n) {
            int count = Math.min(CHUNK / 4, n - i);
            for (int j = 0; j < count; j++) {
                INT.set(buf, j * 4, src[i + j]);
            }
            out.write(buf, 0, count * 4);
            i += count;
        }
    }

    /** Writes {@code src[0..n)} as doubles. */
    void writeDoubles(OutputStream out, double[] src, int n) throws IOException {
        int i = 0;
        while (i < n) {
            int count = Math.min(CHUNK / 8, n - i);
            for (int j = 0; j < count; j++) {
                DOUBLE.set(buf, j * 8, src[i + j]);
            }
            out.write(buf, 0, count * 8);
            i += count;
        }
    }
}
