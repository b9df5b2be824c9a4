package org.sparsemdp.io;

/** Field parsers shared by the CSV readers, with {@code file:line:} errors. */
final class CsvFields {
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

    static double finite(String text, String what, String source, long line) throws ModelFormatException {
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
