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
 * <p>Regular files get a census ({@link #ofFile}), compressed ones too: there the second
 * decompression makes a load markedly slower (measured +64% for gzip-compressed DRN, +48% for
 * Cassandra), the price of a load that fits in a heap not much larger than the model. A stream
 * cannot be read twice and gets none; its reader grows its arrays.
 */
public final class LineCensus {
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long NEWLINES = '\n' * ONES;
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
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
        if (firstBytes.length > 64) {
            throw new IllegalArgumentException("at most 64 classes, got " + firstBytes.length);
        }
        this.numClasses = firstBytes.length;
        java.util.Arrays.fill(classOfByte, (byte) numClasses); // the counter of lines of no class
        for (int i = 0; i < firstBytes.length; i++) {
            for (char c : firstBytes[i].toCharArray()) {
                if (c > 127 || classOfByte[c] != numClasses) {
                    throw new IllegalArgumentException("byte '" + c + "' is not ASCII or in two classes");
                }
                classOfByte[c] = (byte) i;
            }
        }
    }

    /**
     * The counts of a regular file (decompressed if it is gzip or xz), or null for a file that is
     * not regular (a pipe) or one without the start line.
     */
    public long[] ofFile(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            return null;
        }
        try (InputStream in = Compression.open(path)) {
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
        long[] counts = new long[numClasses + 1]; // the last counter: lines of no class
        boolean counting = startLine == null;
        boolean blanks = true; // body: the next bytes are the leading blanks of a line not yet classified
        boolean lineStart = true; // header: the next byte starts a line (or continues its leading blanks)
        int matched = 0; // header: bytes of the start line matched at the beginning of the current line
        int n;
        while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
            int i = 0;
            while (!counting && i < n) {
                if (!lineStart) {
                    int nl = indexOfNewline(buf, i, n);
                    if (nl < 0) {
                        i = n;
                        break;
                    }
                    i = nl + 1;
                    lineStart = true;
                    matched = 0;
                    continue;
                }
                byte b = buf[i];
                if (matched == 0 && (isBlank(b) || b == '\n')) {
                    i++;
                    continue;
                }
                while (i < n && matched < startLine.length && buf[i] == startLine[matched]) {
                    matched++;
                    i++;
                }
                if (matched == startLine.length) {
                    counting = true; // the body starts after the end of this line
                    blanks = false;
                } else if (i < n) {
                    lineStart = false; // another line
                }
                // i == n within a partial match: go on matching in the next buffer
            }
            if (counting) {
                blanks = countLines(buf, i, n, blanks, counts);
            }
        }
        return counting ? java.util.Arrays.copyOf(counts, numClasses) : null;
    }

    /**
     * Counts, by class, the lines that start after each newline in {@code b[from..n)} (and the one
     * whose leading blanks begin at {@code from} when {@code blanks}). Newlines are found eight
     * bytes at a time with an exact per-byte zero test, {@code ~(((x & 0x7F…) + 0x7F…) | x | 0x7F…)}
     * for {@code x = word ^ '\n'…} (no borrow between bytes, so every newline of a word is found).
     *
     * @return whether the buffer ends inside the leading blanks of a line not yet classified
     */
    private boolean countLines(byte[] b, int from, int n, boolean blanks, long[] counts) {
        final byte[] cls = classOfByte;
        if (blanks) {
            int j = from;
            while (j < n && isBlank(b[j])) {
                j++;
            }
            if (j == n) {
                return true;
            }
            counts[cls[b[j] & 0xff]]++; // a '\n' here (blank line) is of no class and is also seen below
            from = j;
        }
        int w = from;
        for (; w + 8 <= n; w += 8) {
            long x = (long) LONG_LE.get(b, w) ^ NEWLINES;
            long m = ~(((x & LOW7) + LOW7) | x | LOW7);
            while (m != 0) {
                int j = w + (Long.numberOfTrailingZeros(m) >>> 3) + 1;
                while (j < n && isBlank(b[j])) { // blanks hold no newline: no bit of m is skipped
                    j++;
                }
                if (j == n) {
                    return true;
                }
                counts[cls[b[j] & 0xff]]++;
                m &= m - 1;
            }
        }
        for (; w < n; w++) {
            if (b[w] == '\n') {
                int j = w + 1;
                while (j < n && isBlank(b[j])) {
                    j++;
                }
                if (j == n) {
                    return true;
                }
                counts[cls[b[j] & 0xff]]++;
            }
        }
        return false;
    }

    private static boolean isBlank(byte c) {
        return c == ' ' || c == '\t' || c == '\r';
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
