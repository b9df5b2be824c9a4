package org.sparsemdp.io;

/**
 * Neither the name nor the content of an input tells its model format ({@link ModelFormats#detect}):
 * the caller must name the format. An {@link IllegalArgumentException}, so that command lines
 * report it as a usage problem.
 */
public final class UnknownFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The message names the input and what was examined. */
    public UnknownFormatException(String message) {
        super(message);
    }
}
