package org.sparsemdp.io;

import java.io.IOException;

/**
 * A file that does not conform to its format. The message always starts with the location:
 * {@code file:line: problem} for text formats, {@code file@offset: problem} (byte offset) for
 * binary ones, so that it can be shown to a user as it is: control characters and terminal
 * escapes that a problem echoes from the file (a label, a token) are shown escaped
 * ({@link SafeText}).
 */
public class ModelFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final long line;

    /** A problem at {@code line} (1-based) of text file {@code source}. */
    public ModelFormatException(String source, long line, String problem) {
        super(SafeText.escape(source + ":" + line + ": " + problem));
        this.source = source;
        this.line = line;
    }

    /** A problem at {@code line} of {@code source}, caused by {@code cause}. */
    public ModelFormatException(String source, long line, String problem, Throwable cause) {
        super(SafeText.escape(source + ":" + line + ": " + problem), cause);
        this.source = source;
        this.line = line;
    }

    /** A problem at byte {@code offset} of binary file {@code source}; {@link #line()} is then −1. */
    public static ModelFormatException atOffset(String source, long offset, String problem) {
        return new ModelFormatException(source, problem, offset);
    }

    /** A problem with file {@code source} as a whole (no line); {@link #line()} is then 0. */
    public static ModelFormatException inFile(String source, String problem) {
        return new ModelFormatException(source, problem);
    }

    /** A problem with file {@code source} as a whole, caused by {@code cause}; {@link #line()} is then 0. */
    public static ModelFormatException inFile(String source, String problem, Throwable cause) {
        ModelFormatException e = new ModelFormatException(source, problem);
        e.initCause(cause);
        return e;
    }

    private ModelFormatException(String source, String problem, long offset) {
        super(SafeText.escape(source + "@" + offset + ": " + problem));
        this.source = source;
        this.line = -1;
    }

    private ModelFormatException(String source, String problem) {
        super(SafeText.escape(source + ": " + problem));
        this.source = source;
        this.line = 0;
    }

    /** The file (or stream name) the problem was found in. */
    public String source() {
        return source;
    }

    /** The 1-based line number, 0 for the file as a whole, −1 for binary offsets. */
    public long line() {
        return line;
    }
}
