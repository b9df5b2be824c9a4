package org.sparsemdp.lp;

import java.io.IOException;

/**
 * A cost file (see {@link CostConstraintReader}) that does not conform to its format. The message
 * starts with the location, {@code file:line: problem}, so it can be shown to a user as it is
 * (the same convention as the model readers' {@code ModelFormatException}).
 */
public class CostFileException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final long line;

    /** A problem at {@code line} (1-based; 0 for the file as a whole) of {@code source}. */
    public CostFileException(String source, long line, String problem) {
        super(line > 0 ? source + ":" + line + ": " + problem : source + ": " + problem);
        this.source = source;
        this.line = line;
    }

    /** The file (or stream name). */
    public String source() {
        return source;
    }

    /** The 1-based line, 0 for the file as a whole. */
    public long line() {
        return line;
    }
}
