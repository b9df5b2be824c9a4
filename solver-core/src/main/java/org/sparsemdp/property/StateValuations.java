package org.sparsemdp.property;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sparsemdp.io.Compression;
import org.sparsemdp.io.ModelFormatException;

/**
 * The state variables of a model, from PRISM's states file ({@code -exportstates}, {@code .sta}):
 * a header {@code (x,y,b)} naming the variables, then one line {@code i:(1,2,true)} per state
 * (lines starting with {@code #} before the header, as in PRISM's combined export, are skipped).
 * Integer and Boolean variables ({@code true}=1, {@code false}=0) are supported.
 */
public final class StateValuations {
    private final String source;
    private final List<String> names;
    private final long[][] values; // [variable][state]

    private StateValuations(String source, List<String> names, long[][] values) {
        this.source = source;
        this.names = List.copyOf(names);
        this.values = values;
    }

    /** The file {@code model.sta} beside {@code model.tra}, if it exists. */
    public static Path fileBeside(Path model) {
        String name = Compression.stripCompressionSuffix(model.getFileName().toString());
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        Path sta = model.toAbsolutePath().getParent().resolve(stem + ".sta");
        return Files.isRegularFile(sta) ? sta : null;
    }

    /**
     * Reads a states file for a model of {@code numStates} states.
     *
     * @throws ModelFormatException naming file and line for a malformed file, a state out of range
     *                              or a state listed twice or never
     */
    public static StateValuations read(Path file, int numStates) throws IOException {
        try (InputStream in = Compression.open(file)) {
            return read(in, file.toString(), numStates);
        }
    }

    /** Reads a states file from {@code in}; {@code source} names it in errors. */
    public static StateValuations read(InputStream in, String source, int numStates) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String header = r.readLine();
        int line = 1;
        while (header != null && (header.isBlank() || header.trim().startsWith("#"))) { // new-style '# States' header
            header = r.readLine();
            line++;
        }
        if (header == null || !header.trim().startsWith("(") || !header.trim().endsWith(")")) {
            throw new ModelFormatException(source, line, "expected the variable names as '(x,y,...)'");
        }
        List<String> names = new ArrayList<>();
        for (String part : inner(header.trim()).split(",")) {
            String v = part.trim();
            if (!v.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new ModelFormatException(source, line, "'" + v + "' is not a variable name");
            }
            names.add(v);
        }
        long[][] values = new long[names.size()][numStates];
        boolean[] seen = new boolean[numStates];
        int count = 0;
        String text;
        while ((text = r.readLine()) != null) {
            line++;
            String t = text.trim();
            if (t.isEmpty()) {
                continue;
            }
            int colon = t.indexOf(':');
            if (colon < 0 || !t.endsWith(")") || t.indexOf('(', colon) != colon + 1) {
                throw new ModelFormatException(source, line, "expected 'state:(values)', found '" + t + "'");
            }
            int s;
            try {
                s = Integer.parseInt(t.substring(0, colon).trim());
            } catch (NumberFormatException e) {
                throw new ModelFormatException(source, line, "bad state index '" + t.substring(0, colon) + "'");
            }
            if (s < 0 || s >= numStates) {
                throw new ModelFormatException(source, line, "state " + s + " out of range 0.." + (numStates - 1));
            }
            if (seen[s]) {
                throw new ModelFormatException(source, line, "state " + s + " listed twice");
            }
            seen[s] = true;
            count++;
            String[] parts = inner(t.substring(colon + 1)).split(",");
            if (parts.length != names.size()) {
                throw new ModelFormatException(source, line, "" + parts.length + " values for "
                        + names.size() + " variables");
            }
            for (int v = 0; v < parts.length; v++) {
                values[v][s] = parseValue(parts[v].trim(), source, line);
            }
        }
        if (count != numStates) {
            for (int s = 0; s < numStates; s++) {
                if (!seen[s]) {
                    throw ModelFormatException.inFile(source, "state " + s + " has no line (" + count + " of "
                            + numStates + " states listed)");
                }
            }
        }
        return new StateValuations(source, names, values);
    }

    private static String inner(String parenthesised) {
        return parenthesised.substring(1, parenthesised.length() - 1);
    }

    private static long parseValue(String v, String source, int line) throws ModelFormatException {
        if (v.equals("true")) {
            return 1;
        }
        if (v.equals("false")) {
            return 0;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new ModelFormatException(source, line, "'" + v
                    + "' is not an integer or Boolean value (only those are supported)");
        }
    }

    /** The file these valuations came from. */
    public String source() {
        return source;
    }

    /** The variable names, in file order. */
    public List<String> names() {
        return names;
    }

    /** Whether a variable of that name exists. */
    public boolean has(String name) {
        return names.contains(name);
    }

    /** The index of variable {@code name}, -1 if none. */
    public int indexOf(String name) {
        return names.indexOf(name);
    }

    /** The number of states. */
    public int numStates() {
        return values.length == 0 ? 0 : values[0].length;
    }

    /** The value of variable {@code variable} (index) in {@code state}. */
    public long value(int variable, int state) {
        return values[variable][state];
    }

    /** The valuation of {@code state} as PRISM prints it, e.g. {@code (1,2)}. */
    public String describe(int state) {
        long[] row = new long[values.length];
        for (int v = 0; v < values.length; v++) {
            row[v] = values[v][state];
        }
        return "(" + Arrays.toString(row).replace("[", "").replace("]", "").replace(" ", "") + ")";
    }
}
