package org.sparsemdp.io;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A first pass over a text model file that counts its lines by their first non-blank byte,
 * without parsing anything, so that a reader whose header does not give the model's size (DRN
 * gives no transition count, Cassandra's format none at all) can allocate its arrays once at
 * their final size: growing arrays to an unknown size costs up to about twice their size in heap
 * while the larger copy is made, which a census avoids for the price of reading the file twice.
 *
 * <p>A census is configured with an optional <em>start line</em> (lines are counted only after a
 * line that begins with it, e.g. DRN's {@code @model}) and a class for each possible first byte.
 * Its counts are hints: the reader checks every line itself, so a file that changed between the
 * passes, or one whose lines do not mean what their first byte suggests, costs at most some
 * growth or a trimming copy, never a wrong model. Lines are skipped eight bytes at a time (SWAR
 * newline search, H. S. Warren, Hacker's Delight, 2nd ed., §6-1), so that the pass runs at about
 * a GB/s from the page cache.
 *
 * <p>Only uncompressed regular files get a census ({@link #ofFile}): for a compressed file the
 * second decompression would cost more than the growth it saves, and a stream cannot be read
 * twice.
 */
public final class LineCensus {
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long NEWLINES = '\n' * ONES;
    private static final int BUFFER = 1 << 20;

    private final byte[] startLine;
    private final byte[] classOfByte = new byte[256];
    private final int numClasses;

    /**
     * A census that counts after the first line beginning with {@code startLine} (null: from the
     * first line), with one counter per string of {@code firstBytes}: a line is counted in class
     * {@code i} when its first non-blank byte occurs in {@code firstBytes[i]}.
     */
    public LineCensus(String startLine, String... firstBytes) {
        this.startLine = startLine == null ? null : startLine.getBytes(StandardCharsets.US_ASCII);
        this.numClasses = firstBytes.length;
        java.util.Arrays.fill(classOfByte, (byte) -1);
        for (int i = 0; i < firstBytes.length; i++) {
            for (char c : firstBytes[i].toCharArray()) {
                if (c > 127 || classOfByte[c] >= 0) {
                    throw new IllegalArgumentException("byte '" + c + "' is not ASCII or in two classes");
                }
                classOfByte[c] = (byte) i;
            }
        }
    }

    /**
     * The counts of an uncompressed regular file, or null for a compressed file, a file that is
     * not regular (a pipe), or one without the start line.
     */
    public long[] ofFile(Path path) throws IOException {
        if (!Files.isRegularFile(path) || Compression.isCompressed(path)) {
            return null;
        }
        try (InputStream in = Files.newInputStream(path)) {
            return of(in);
        }
    }

    /** The counts of {@code in} (read to its end; not closed), or null without the start line. */
    public long[] of(InputStream in) throws IOException {
        return of(in, BUFFER);
    }

    /** As {@link #of(InputStream)} with a buffer of {@code bufferBytes} (tests cross its boundaries). */
    long[] of(InputStream in, int bufferBytes) throws IOException {
        byte[] buf = new byte[bufferBytes];
        long[] counts = new long[numClasses];
        boolean counting = startLine == null;
        boolean lineStart = true; // the next byte starts a line (or continues its leading blanks)
        int matched = 0; // bytes of the start line matched at the beginning of the current line
        int n;
        while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
            int i = 0;
            while (i < n) {
                if (!lineStart) {
                    int nl = indexOfNewline(buf, i, n);
                    if (nl < 0) {
                        break;
                    }
                    i = nl + 1;
                    lineStart = true;
                    matched = 0;
                    continue;
                }
                byte b = buf[i];
                if (matched == 0 && (b == ' ' || b == '\t' || b == '\r' || b == '\n')) {
                    i++;
                    continue;
                }
                if (counting) {
                    int c = classOfByte[b & 0xff];
                    if (c >= 0) {
                        counts[c]++;
                    }
                    lineStart = false;
                    continue;
                }
                while (i < n && matched < startLine.length && buf[i] == startLine[matched]) {
                    matched++;
                    i++;
                }
                if (matched == startLine.length) {
                    counting = true;
                    lineStart = false;
                } else if (i < n) {
                    lineStart = false; // another line
                }
                // i == n within a partial match: go on matching in the next buffer
            }
        }
        return counting ? counts : null;
    }

    private static int indexOfNewline(byte[] b, int from, int to) {
        int i = from;
        while (i + 8 <= to) {
            long x = (long) LONG_LE.get(b, i) ^ NEWLINES;
            long m = (x - ONES) & ~x & HIGHS;
            if (m != 0) {
                return i + (Long.numberOfTrailingZeros(m) >>> 3);
            }
            i += 8;
        }
        for (; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
