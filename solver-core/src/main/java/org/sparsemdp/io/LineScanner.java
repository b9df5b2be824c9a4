package org.sparsemdp.io;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.sparsemdp.model.HeapCheck;
import org.sparsemdp.model.InvalidModelException;

/**
 * A streaming, allocation-light tokenizer for line-oriented text formats. It reads bytes (ASCII /
 * UTF-8) in large blocks, never holds more than the current line plus one block, and parses
 * integers directly and doubles with FastDoubleParser (exact, like {@link Double#parseDouble})
 * from the byte buffer, without creating a String per number.
 *
 * <p>Tokens are separated by whitespace and by the configured separator characters
 * ({@link #separators(String)}); text from the comment character ({@link #commentChar(char)}) to
 * the end of the line is ignored. Every parse error is a {@link ModelFormatException} with
 * {@code file:line}.
 *
 * <p>Memory is bounded whatever the input: a line longer than {@link #maxLineBytes(int)} bytes
 * (default {@link #MAX_LINE_BYTES}, 64 MiB, or the system property {@code sparsemdp.maxLineBytes})
 * is an error as soon as that many bytes have been read without a newline, a line buffer that
 * would not fit in the free heap is refused with the heap it needs ({@link HeapCheck}), and a
 * token read as a String ({@link #nextToken}, {@link #nextInternedToken}) may be at most
 * {@link #MAX_TOKEN_BYTES} bytes. So {@code /dev/zero} or a 300 MB line ends in a
 * {@code file:line} error after reading at most the limit, never in an OutOfMemoryError. 64 MiB
 * is far more than any valid model needs on one line (a {@code .mdp} choice line with three
 * million successors, a Cassandra {@code start:} distribution over seven million states). A UTF-8
 * byte order mark at the start is skipped; a UTF-16 one is an error (the formats are ASCII/UTF-8).
 */
public final class LineScanner implements Closeable {
    /**
     * Default longest line accepted (bytes): 64 MiB, unless the system property
     * {@code sparsemdp.maxLineBytes} says otherwise. Longer lines are an error rather than an
     * OutOfMemoryError.
     */
    public static final int MAX_LINE_BYTES = Math.max(1 << 10, Integer.getInteger("sparsemdp.maxLineBytes", 1 << 26));
    /** Longest token returned as a String (labels, keywords): 64 KiB; no valid label is longer. */
    public static final int MAX_TOKEN_BYTES = 1 << 16;

    private final InputStream in;
    private final String source;
    private int maxLineBytes = MAX_LINE_BYTES;
    private boolean started;
    private byte[] buf = new byte[1 << 16];
    private int bufLen;
    private boolean eof;
    private int lineStart;
    private int lineEnd; // exclusive, without the '\n'
    private int nextLineStart;
    private int pos;
    private long lineNumber;
    private long bytesBeforeBuffer;
    private int commentChar = -1;
    /** Absolute index in {@code buf} of the first comment character of the line being scanned, or −1. */
    private int commentAt = -1;
    private final boolean[] separator = new boolean[128];
    /** Bytes that end a token: whitespace and the separators (indexed by {@code b & 0xff}). */
    private final boolean[] ender = new boolean[256];
    /** Whitespace bytes (indexed by {@code b & 0xff}). */
    private static final boolean[] SPACE = new boolean[256];
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long NEWLINES = '\n' * ONES;

    static {
        for (char c : new char[] {' ', '\t', '\r', '\f', 0x0b}) {
            SPACE[c] = true;
        }
    }
    private static final int INTERN_SLOTS = 256;
    private final byte[][] internBytes = new byte[INTERN_SLOTS][];
    private final String[] internStrings = new String[INTERN_SLOTS];

    /** A scanner over {@code in}; {@code source} names it in error messages. */
    public LineScanner(InputStream in, String source) {
        this.in = in;
        this.source = source;
        separators("");
    }

    /**
     * Sets the longest line accepted, in bytes (at least 16; default {@link #MAX_LINE_BYTES}). A
     * longer line is a {@code file:line} error reached after reading {@code max} bytes of it.
     */
    public LineScanner maxLineBytes(int max) {
        if (max < 16) {
            throw new IllegalArgumentException("the line limit must be at least 16 bytes, got " + max);
        }
        this.maxLineBytes = max;
        return this;
    }

    /** Sets the comment character (text from it to the end of the line is ignored). */
    public LineScanner commentChar(char c) {
        if (c == '\n' || c > 127) {
            throw new IllegalArgumentException("the comment character must be ASCII and not a newline");
        }
        this.commentChar = c;
        return this;
    }

    /** Sets characters that end a token besides whitespace (they are tokens of their own). */
    public LineScanner separators(String chars) {
        java.util.Arrays.fill(separator, false);
        for (int i = 0; i < chars.length(); i++) {
            separator[chars.charAt(i)] = true;
        }
        for (int b = 0; b < 256; b++) {
            ender[b] = isSpace((byte) b) || (b < 128 && separator[b]);
        }
        return this;
    }

    /** The name used in error messages. */
    public String source() {
        return source;
    }

    /** 1-based number of the current line (0 before the first). */
    public long lineNumber() {
        return lineNumber;
    }

    /** Bytes consumed up to the end of the current line (for throughput reporting). */
    public long bytesRead() {
        return bytesBeforeBuffer + nextLineStart;
    }

    /**
     * Advances to the next line.
     *
     * @return false at the end of the input
     */
    public boolean nextLine() throws IOException {
        if (!started) {
            checkStart();
        }
        int start = nextLineStart;
        int scan = start;
        commentAt = -1;
        while (true) {
            int nl = indexOfNewline(scan, bufLen);
            if (nl >= 0) {
                setLine(start, nl, nl + 1);
                return true;
            }
            if (eof) {
                if (start >= bufLen) {
                    lineStart = lineEnd = pos = nextLineStart = bufLen;
                    return false;
                }
                setLine(start, bufLen, bufLen);
                return true;
            }
            // Need more bytes: compact, grow if the line fills the buffer, then read.
            int kept = bufLen - start;
            if (start > 0) {
                if (commentAt >= 0) {
                    commentAt -= start;
                }
                System.arraycopy(buf, start, buf, 0, kept);
                bytesBeforeBuffer += start;
                bufLen = kept;
                start = 0;
            }
            scan = bufLen;
            if (bufLen >= maxLineBytes) {
                throw new ModelFormatException(source, lineNumber + 1, "line longer than " + maxLineBytes
                        + " bytes (the limit of this reader; no valid model needs such a line)");
            }
            if (bufLen == buf.length) {
                grow();
            }
            int n = in.read(buf, bufLen, Math.min(buf.length, maxLineBytes) - bufLen);
            if (n < 0) {
                eof = true;
            } else {
                bufLen += n;
            }
        }
    }

    /** Doubles the buffer (up to the line limit), refusing a size the free heap cannot take. */
    private void grow() throws ModelFormatException {
        int size = (int) Math.min((long) maxLineBytes, 2L * buf.length);
        try {
            HeapCheck.ensureFree(size + (long) buf.length, "a line buffer of " + size + " bytes");
        } catch (InvalidModelException e) {
            throw new ModelFormatException(source, lineNumber + 1, "line of more than " + buf.length
                    + " bytes: " + e.getMessage(), e);
        }
        buf = java.util.Arrays.copyOf(buf, size);
    }

    /**
     * Reads the first bytes: skips a UTF-8 byte order mark, refuses UTF-16 text (told by its
     * byte order mark or a NUL byte among the first two), which would otherwise be read as
     * garbage tokens.
     */
    private void checkStart() throws IOException {
        started = true;
        while (bufLen < 3 && !eof) {
            int n = in.read(buf, bufLen, buf.length - bufLen);
            if (n < 0) {
                eof = true;
            } else {
                bufLen += n;
            }
        }
        int b0 = bufLen > 0 ? buf[0] & 0xff : -1;
        int b1 = bufLen > 1 ? buf[1] & 0xff : -1;
        if (b0 == 0xef && b1 == 0xbb && bufLen > 2 && (buf[2] & 0xff) == 0xbf) {
            nextLineStart = 3; // UTF-8 byte order mark
        } else if ((b0 == 0xfe && b1 == 0xff) || (b0 == 0xff && b1 == 0xfe) || b0 == 0 || (b1 == 0 && b0 < 0x80)) {
            throw new ModelFormatException(source, 1, "the file is UTF-16 text or binary data (its first bytes are "
                    + String.format(java.util.Locale.ROOT, "%02X %02X", b0, b1)
                    + "); this format is read as ASCII/UTF-8: save it as UTF-8");
        }
    }

    /**
     * The index of the first '\n' in [from, to), or −1; records the first comment character
     * met on the way in {@link #commentAt}. Eight bytes at a time (SWAR: a byte equal to the
     * pattern is the lowest set high bit of {@code (x − 0x01…01) & ~x & 0x80…80} for
     * {@code x = word ^ pattern}; H. S. Warren, Hacker's Delight, 2nd ed., §6-1), so that a line
     * is scanned in one pass for both.
     */
    private int indexOfNewline(int from, int to) {
        final byte[] b = buf;
        final long comments = commentChar >= 0 && commentAt < 0 ? commentChar * ONES : NEWLINES;
        long pattern2 = comments;
        int i = from;
        while (i + 8 <= to) {
            long w = (long) LONG_LE.get(b, i);
            long x = w ^ NEWLINES;
            long y = w ^ pattern2;
            long m = ((x - ONES) & ~x & HIGHS) | ((y - ONES) & ~y & HIGHS);
            if (m == 0) {
                i += 8;
                continue;
            }
            int j = i + (Long.numberOfTrailingZeros(m) >>> 3);
            if (b[j] == '\n') {
                return j;
            }
            commentAt = j; // the first comment character; from now on only newlines matter
            pattern2 = NEWLINES;
            i = j + 1;
        }
        for (; i < to; i++) {
            byte c = b[i];
            if (c == '\n') {
                return i;
            }
            if (c == commentChar && commentAt < 0) {
                commentAt = i;
            }
        }
        return -1;
    }

    private void setLine(int start, int end, int next) {
        lineStart = start;
        lineEnd = commentAt >= 0 && commentAt < end ? commentAt : end;
        nextLineStart = next;
        pos = start;
        lineNumber++;
    }

    /**
     * Advances to the next line that has a token (skipping blank and comment-only lines).
     *
     * @return false at the end of the input
     */
    public boolean nextContentLine() throws IOException {
        while (nextLine()) {
            if (hasMoreTokens()) {
                return true;
            }
        }
        return false;
    }

    /** Whether the current line has another token. */
    public boolean hasMoreTokens() {
        skipSpace();
        return pos < lineEnd;
    }

    /** The next character of the line without consuming it, or −1 at the end of the line. */
    public int peek() {
        skipSpace();
        return pos < lineEnd ? buf[pos] & 0xff : -1;
    }

    /** Consumes {@code c} if it is the next character. */
    public boolean tryConsume(char c) {
        skipSpace();
        if (pos < lineEnd && buf[pos] == c) {
            pos++;
            return true;
        }
        return false;
    }

    /** Consumes {@code c} or fails with "expected 'c' after what". */
    public void expect(char c, String after) throws ModelFormatException {
        if (!tryConsume(c)) {
            throw error("expected '" + c + "' after " + after + ", found " + describeNext());
        }
    }

    /**
     * Consumes {@code c} or fails with "expected 'c' after {@code after} {@code number}" (the
     * message is built only on failure, so this costs nothing per call in a hot loop).
     */
    public void expect(char c, String after, long number) throws ModelFormatException {
        if (!tryConsume(c)) {
            throw error("expected '" + c + "' after " + after + " " + number + ", found " + describeNext());
        }
    }

    /** The next token as a String (allocates; for keywords and labels). */
    public String nextToken(String what) throws ModelFormatException {
        int start = tokenStart(what);
        int end = checkedTokenEnd(start, what);
        pos = end;
        return new String(buf, start, end - start, StandardCharsets.UTF_8);
    }

    /**
     * The next token as a String, reusing the String of an identical recent token (for action
     * labels and other tokens drawn from a small vocabulary): no allocation on a cache hit.
     */
    public String nextInternedToken(String what) throws ModelFormatException {
        int start = tokenStart(what);
        int end = checkedTokenEnd(start, what);
        pos = end;
        int hash = 1;
        for (int i = start; i < end; i++) {
            hash = 31 * hash + buf[i];
        }
        int slot = (hash ^ (hash >>> 16)) & (INTERN_SLOTS - 1);
        byte[] cached = internBytes[slot];
        if (cached != null && cached.length == end - start
                && java.util.Arrays.equals(cached, 0, cached.length, buf, start, end)) {
            return internStrings[slot];
        }
        byte[] bytes = java.util.Arrays.copyOfRange(buf, start, end);
        String s = new String(bytes, StandardCharsets.UTF_8);
        internBytes[slot] = bytes;
        internStrings[slot] = s;
        return s;
    }

    /** Whether the next token equals {@code word} (ASCII), consuming it if so. */
    public boolean tryKeyword(String word) {
        skipSpace();
        int end = tokenEnd(pos);
        if (end - pos != word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (buf[pos + i] != word.charAt(i)) {
                return false;
            }
        }
        pos = end;
        return true;
    }

    /** The next token as a non-negative or negative decimal int; {@code what} names it in errors. */
    public int nextInt(String what) throws ModelFormatException {
        long v = nextLong(what);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw error(what + " " + v + " is out of the supported range (at most " + Integer.MAX_VALUE + ")");
        }
        return (int) v;
    }

    /** The next token as a decimal long. */
    public long nextLong(String what) throws ModelFormatException {
        final int start = tokenStart(what);
        final byte[] b = buf;
        final int limit = lineEnd;
        int i = start;
        boolean negative = false;
        if (b[i] == '-' || b[i] == '+') {
            negative = b[i] == '-';
            i++;
        }
        final int digits = i;
        long v = 0;
        // One pass: digits until the first non-digit, which must end the token.
        while (i < limit) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            if (i - digits >= 18 && v > (Long.MAX_VALUE - d) / 10) { // 18 digits always fit
                throw error(what + " '" + text(start, tokenEnd(start)) + "' is too large");
            }
            v = v * 10 + d;
            i++;
        }
        if (i == digits || (i < limit && !ender[b[i] & 0xff])) {
            throw error("expected " + what + " (an integer), found '" + text(start, tokenEnd(start)) + "'");
        }
        pos = i;
        return negative ? -v : v;
    }

    /** The next token as a finite or infinite double (Java syntax); {@code what} names it in errors. */
    public double nextDouble(String what) throws ModelFormatException {
        int start = tokenStart(what);
        int end = tokenEnd(start);
        try {
            double d = JavaDoubleParser.parseDouble(buf, start, end - start);
            pos = end;
            return d;
        } catch (NumberFormatException e) {
            throw error("expected " + what + " (a number), found '" + text(start, end) + "'");
        }
    }

    /** The next token without consuming it (allocates, at most 80 characters), or null at the end of the line. */
    public String peekToken() {
        skipSpace();
        return pos < lineEnd ? text(pos, tokenEnd(pos)) : null;
    }

    /** The rest of the current line, trimmed (allocates). */
    public String restOfLine() {
        skipSpace();
        int end = lineEnd;
        while (end > pos && isSpace(buf[end - 1])) {
            end--;
        }
        String s = text(pos, end);
        pos = lineEnd;
        return s;
    }

    /** The whole current line as read (allocates; comments removed). */
    public String currentLine() {
        return text(lineStart, lineEnd);
    }

    /** Fails unless the line has no more tokens. */
    public void expectEndOfLine(String after) throws ModelFormatException {
        if (hasMoreTokens()) {
            throw error("unexpected '" + text(pos, tokenEnd(pos)) + "' after " + after);
        }
    }

    /** An exception for the current line. */
    public ModelFormatException error(String problem) {
        return new ModelFormatException(source, lineNumber, problem);
    }

    /** An exception for the current line with a cause. */
    public ModelFormatException error(String problem, Throwable cause) {
        return new ModelFormatException(source, lineNumber, problem, cause);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private int tokenStart(String what) throws ModelFormatException {
        skipSpace();
        if (pos >= lineEnd) {
            throw error("expected " + what + ", found the end of the line");
        }
        return pos;
    }

    /** {@link #tokenEnd}, refusing a token longer than {@link #MAX_TOKEN_BYTES}. */
    private int checkedTokenEnd(int start, String what) throws ModelFormatException {
        int end = tokenEnd(start);
        if (end - start > MAX_TOKEN_BYTES) {
            throw error(what + " '" + text(start, end) + "' is longer than " + MAX_TOKEN_BYTES + " bytes");
        }
        return end;
    }

    private int tokenEnd(int start) {
        int i = start;
        if (i < lineEnd && isSeparator(buf[i])) {
            return i + 1;
        }
        final byte[] b = buf;
        final boolean[] ends = ender;
        final int limit = lineEnd;
        while (i < limit && !ends[b[i] & 0xff]) {
            i++;
        }
        return i;
    }

    private String describeNext() {
        skipSpace();
        return pos < lineEnd ? "'" + text(pos, tokenEnd(pos)) + "'" : "the end of the line";
    }

    private void skipSpace() {
        final byte[] b = buf;
        final int limit = lineEnd;
        int i = pos;
        while (i < limit && SPACE[b[i] & 0xff]) {
            i++;
        }
        pos = i;
    }

    private boolean isSeparator(byte b) {
        return b >= 0 && separator[b];
    }

    private static boolean isSpace(byte b) {
        return SPACE[b & 0xff];
    }

    /** At most 80 bytes of the input from {@code start}, safe to print ({@link SafeText}). */
    private String text(int start, int end) {
        int len = Math.min(end - start, 80);
        String s = SafeText.escape(new String(buf, start, len, StandardCharsets.UTF_8));
        return len < end - start ? s + "..." : s;
    }
}
