package org.sparsemdp.io;

/** Field parsers shared by the CSV readers, with {@code file:line:} errors, and the writers' quoting. */
public final class CsvFields {
    private CsvFields() {
    }

    static int state(String text, int n, String source, long line) throws ModelFormatException {
        int s;
        try {
            s = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new ModelFormatException(source, line, "state '" + text + "' is not an integer");
        }
        if (s < 0 || s >= n) {
            throw new ModelFormatException(source, line, "state " + s + " is out of range 0.." + (n - 1));
        }
        return s;
    }

    /** {@code field}, RFC 4180-quoted if it contains a comma, a quote or a line break. */
    static String quote(String field) {
        boolean needs = false;
        for (int i = 0; i < field.length() && !needs; i++) {
            char c = field.charAt(i);
            needs = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        return needs ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }

    /**
     * {@code text} as a finite double.
     *
     * @param what names the field in the message
     * @throws ModelFormatException starting {@code source:line:} if it is not a number or not finite
     */
    public static double finite(String text, String what, String source, long line) throws ModelFormatException {
        double x;
        try {
            x = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new ModelFormatException(source, line, what + " '" + text + "' is not a number");
        }
        if (!Double.isFinite(x)) {
            throw new ModelFormatException(source, line, what + " '" + text + "' is not finite");
        }
        return x;
    }
}
