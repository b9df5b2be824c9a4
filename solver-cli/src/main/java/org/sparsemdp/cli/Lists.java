package org.sparsemdp.cli;

/** Parses comma-separated option values. */
final class Lists {
    private Lists() {
    }

    /** Parses {@code "1,2.5,3"}; {@code what} names the option in the error message. */
    static double[] doubles(String text, String what) {
        String[] parts = text.split(",", -1);
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(what + ": '" + parts[i].trim() + "' (item " + (i + 1)
                        + ") is not a number");
            }
        }
        return v;
    }
}
