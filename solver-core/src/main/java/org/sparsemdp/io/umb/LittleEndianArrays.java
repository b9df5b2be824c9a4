package org.sparsemdp.io.umb;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Bulk little-endian conversion between tar entry data and primitive arrays, one 64 KiB block at a
 * time (no per-element parsing, no intermediate copy of the whole entry): uint64 → int with a
 * range check, uint32 → int, IEEE-754 double, and the reverse for writing.
 */
final class LittleEndianArrays {
    static final int CHUNK = 1 << 16;
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle DOUBLE = MethodHandles.byteArrayViewVarHandle(double[].class,
            ByteOrder.LITTLE_ENDIAN);

    private final byte[] buf = new byte[CHUNK];

    /**
     * Decodes {@code count} uint64 values of {@code buf} into {@code dest[at..]}, each required to
     * be ≤ {@code max}; returns the index (within this block) of the first one out of range, or −1.
     */
    static int decodeUint64(byte[] buf, int[] dest, int at, int count, long max, long[] badValue) {
        for (int j = 0; j < count; j++) {
            long v = (long) LONG.get(buf, j * 8);
            if (v < 0 || v > max) { // v < 0: an unsigned value of at least 2^63
                badValue[0] = v;
                return j;
            }
            dest[at + j] = (int) v;
        }
        return -1;
    }

    /** Decodes {@code count} uint32 values; returns the index of the first one ≥ {@code limit}, or −1. */
    static int decodeUint32(byte[] buf, int[] dest, int at, int count, long limit) {
        for (int j = 0; j < count; j++) {
            int v = (int) INT.get(buf, j * 4);
            if (Integer.toUnsignedLong(v) >= limit) {
                return j;
            }
            dest[at + j] = v;
        }
        return -1;
    }

    /** Decodes {@code count} doubles into {@code dest[at..]}. */
    static void decodeDoubles(byte[] buf, double[] dest, int at, int count) {
        for (int j = 0; j < count; j++) {
            dest[at + j] = (double) DOUBLE.get(buf, j * 8);
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
