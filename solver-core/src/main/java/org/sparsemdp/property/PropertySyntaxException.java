package org.sparsemdp.property;

/**
 * A malformed or unsupported property: the message names the column (1-based) of the property
 * text where the problem was found, and, for properties files, the file and line.
 */
public final class PropertySyntaxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int column;

    /** A problem at {@code column} (1-based) of {@code text}. */
    public PropertySyntaxException(String text, int column, String problem) {
        super("property '" + text + "', column " + column + ": " + problem);
        this.column = column;
    }

    /** A problem in a properties file: {@code source}, line and column are named first. */
    PropertySyntaxException(String source, int line, int column, String problem) {
        super(source + ":" + line + ":" + column + ": " + problem);
        this.column = column;
    }

    /** The 1-based column of the problem in the property text (or the file line). */
    public int column() {
        return column;
    }
}
