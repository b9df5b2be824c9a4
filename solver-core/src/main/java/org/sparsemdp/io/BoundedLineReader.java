package org.sparsemdp.io;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines of text like {@link java.io.BufferedReader#readLine()} (ended by {@code \n},
 * {@code \r} or {@code \r\n}, without the terminator), but refuses a line longer than a limit
 * with a {@code file:line} {@link ModelFormatException} as soon as the limit is passed, so that a
 * file without newlines ({@code /dev/zero}, a 300 MB line) costs bounded memory and time instead
 * of an OutOfMemoryError. A UTF-8 byte order mark at the start (U+FEFF) is skipped. Used by the
 * CSV readers (policies, observations, features).
 */
public final class BoundedLineReader {
    /** Default longest line, in chars: 1 Mi, far more than a CSV row of a valid file needs. */
    public static final int MAX_LINE_CHARS = 1 << 20;

    private final Reader in;
    private final String source;
    private final int maxChars;
    private final char[] buf = new char[1 << 16];
    private int len;
    private int pos;
    private boolean eof;
    private boolean skipLf;
    private long lineNumber;
    private final StringBuilder pending = new StringBuilder();

    /**
     * A reader of {@code in} with lines of at most {@link #MAX_LINE_CHARS} chars.
     *
     * @param in     the text to read (not closed by this reader)
     * @param source names the input in errors
     */
    public BoundedLineReader(Reader in, String source) {
        this(in, source, MAX_LINE_CHARS);
    }

    /**
     * A reader of {@code in} with lines of at most {@code maxChars} chars.
     *
     * @param in       the text to read (not closed by this reader)
     * @param source   names the input in errors
     * @param maxChars the longest line accepted, in chars
     */
    public BoundedLineReader(Reader in, String source, int maxChars) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("the line limit must be positive, got " + maxChars);
        }
        this.in = in;
        this.source = source;
        this.maxChars = maxChars;
    }

    /**
     * The number of lines returned so far.
     *
     * @return the 1-based number of the last line returned, 0 before the first
     */
    public long lineNumber() {
        return lineNumber;
    }

    /**
     * The next line without its terminator.
     *
     * @return the line, or null at the end of the input
     * @throws IOException          if reading fails
     * @throws ModelFormatException if the line is longer than the limit
     */
    public String readLine() throws IOException {
        pending.setLength(0);
        boolean any = false;
        while (true) {
            if (pos >= len) {
                if (eof || !fill()) {
                    if (!any) {
                        return null;
                    }
                    lineNumber++;
                    return pending.toString();
                }
                if (lineNumber == 0 && !any && buf[pos] == '\uFEFF') {
                    pos++; // byte order mark
                    continue;
                }
            }
            if (skipLf) {
                skipLf = false;
                if (buf[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            any = true;
            int start = pos;
            int i = pos;
            while (i < len && buf[i] != '\n' && buf[i] != '\r') {
                i++;
            }
            if (pending.length() + (i - start) > maxChars) {
                throw new ModelFormatException(source, lineNumber + 1, "line longer than " + maxChars
                        + " characters (the limit of this reader; no valid file needs such a line)");
            }
            pending.append(buf, start, i - start);
            if (i < len) {
                skipLf = buf[i] == '\r';
                pos = i + 1;
                lineNumber++;
                return pending.toString();
            }
            pos = len;
        }
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            eof = true;
            return false;
        }
        len = n;
        pos = 0;
        return true;
    }
}
