package org.sparsemdp.bilevel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sparsemdp.io.ModelFormatException;
import org.sparsemdp.io.json.JsonReader;
import org.sparsemdp.model.Mdp;

/**
 * Reads the leader's part of a bilevel instance from JSON and binds it to a follower {@link Mdp}.
 * Format (members other than {@code n} and {@code c} are optional; unknown members are errors):
 * <pre>
 * {
 *   "comment": "any text",                   ignored
 *   "n": 3,                                  number of leader variables
 *   "names": ["a", "b", "c"],                names for reports (default x0, x1, ...)
 *   "c": [1, 2, 3],                          leader costs
 *   "lower": [0, 0, 0], "upper": [1, 1, 1],  bounds, finite (default 0 and 1)
 *   "integer": [true, true, false],          integrality (default all true: binary with the default bounds)
 *   "A": [[1, 1, 0]], "b": [1],              equality rows A x = b
 *   "G": [[0, 1, 1]], "h": [1],              inequality rows G x ≤ h
 *   "w": "initial" | [w_0, ..., w_{S-1}],    f(v) = w·v; "initial" (the default) is the uniform
 *                                            distribution over the follower's initial states
 *   "reductions": [                          d per choice, or per transition (folded: d_c += p(s'|c)·d)
 *     {"state": 0, "action": "go", "d": [0.5, 0, 0]},
 *     {"state": 0, "action": "go", "next": 2, "d": [0, 1, 0]}
 *   ]
 * }
 * </pre>
 * Several entries for the same choice add up. A state is its index in the follower's model, an
 * action its label there ({@link Mdp#findChoice}). Syntax errors name file, line and column;
 * semantic errors name the file and the member path (for example {@code reductions[3].action}).
 */
public final class LeaderJson {
    private static final Set<String> MEMBERS = Set.of("n", "names", "c", "lower", "upper", "integer", "A", "b",
            "G", "h", "w", "reductions", "comment");
    private static final Set<String> REDUCTION_MEMBERS = Set.of("state", "action", "next", "d");
    /** Largest accepted file, in bytes (the leader's data is small; this stops a runaway read). */
    public static final long MAX_BYTES = 256L << 20;

    private final String source;

    private LeaderJson(String source) {
        this.source = source;
    }

    /** Reads {@code path} and binds it to {@code follower}. */
    public static BilevelInstance read(Path path, Mdp follower) throws IOException {
        byte[] bytes;
        try (java.io.InputStream in = new java.io.FileInputStream(path.toFile())) { // also a pipe or device
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_BYTES + 1L));
        } catch (java.io.FileNotFoundException e) {
            throw Files.exists(path) ? new java.nio.file.AccessDeniedException(path.toString())
                    : new java.nio.file.NoSuchFileException(path.toString());
        }
        if (bytes.length > MAX_BYTES) {
            throw ModelFormatException.inFile(path.toString(), "file of more than " + MAX_BYTES
                    + " bytes: larger than accepted for a leader description");
        }
        return parse(new String(bytes, StandardCharsets.UTF_8), path.toString(), follower);
    }

    /** Parses {@code json}; {@code source} names it in error messages. */
    public static BilevelInstance parse(String json, String source, Mdp follower) throws ModelFormatException {
        return new LeaderJson(source).bind(JsonReader.parse(json, source), follower);
    }

    private BilevelInstance bind(Object root, Mdp follower) throws ModelFormatException {
        Map<String, Object> top = object(root, "the top level");
        for (String key : top.keySet()) {
            if (!MEMBERS.contains(key)) {
                throw error("unknown member \"" + key + "\" (known: " + String.join(", ", new java.util.TreeSet<>(MEMBERS))
                        + ")");
            }
        }
        int n = integer(require(top, "n", "n"), "n", 1, 1_000_000);
        BilevelInstance.Builder b;
        try {
            b = BilevelInstance.builder(follower, n);
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
        b.cost(numbers(require(top, "c", "c"), "c", n));
        double[] lower = top.containsKey("lower") ? numbers(top.get("lower"), "lower", n) : new double[n];
        double[] upper = top.containsKey("upper") ? numbers(top.get("upper"), "upper", n) : filled(n, 1.0);
        boolean[] integer = top.containsKey("integer") ? booleans(top.get("integer"), "integer", n) : trues(n);
        for (int i = 0; i < n; i++) {
            try {
                b.variable(i, lower[i], upper[i], integer[i]);
            } catch (IllegalArgumentException e) {
                throw error("variable " + i + ": " + e.getMessage());
            }
        }
        if (top.containsKey("names")) {
            List<Object> names = array(top.get("names"), "names", n);
            for (int i = 0; i < n; i++) {
                if (!(names.get(i) instanceof String)) {
                    throw error("names[" + i + "] must be a string");
                }
                b.name(i, (String) names.get(i));
            }
        }
        rows(top, "A", "b", n, b, true);
        rows(top, "G", "h", n, b, false);
        if (top.containsKey("w")) {
            Object w = top.get("w");
            if (!"initial".equals(w)) {
                if (w instanceof String) {
                    throw error("w: unknown weighting \"" + w + "\" (use \"initial\" or an array of "
                            + follower.numStates() + " numbers)");
                }
                b.weights(numbers(w, "w", follower.numStates()));
            }
        }
        if (top.containsKey("reductions")) {
            List<Object> list = array(top.get("reductions"), "reductions", -1);
            for (int j = 0; j < list.size(); j++) {
                reduction(list.get(j), "reductions[" + j + "]", n, follower, b);
            }
        }
        return b.build();
    }

    private void reduction(Object item, String path, int n, Mdp follower, BilevelInstance.Builder b)
            throws ModelFormatException {
        Map<String, Object> r = object(item, path);
        for (String key : r.keySet()) {
            if (!REDUCTION_MEMBERS.contains(key)) {
                throw error(path + ": unknown member \"" + key + "\" (known: action, d, next, state)");
            }
        }
        int s = integer(require(r, "state", path + ".state"), path + ".state", 0, follower.numStates() - 1);
        Object label = require(r, "action", path + ".action");
        String action = label instanceof Number ? formatInteger(((Number) label).doubleValue())
                : label instanceof String ? (String) label : null;
        if (action == null) {
            throw error(path + ".action must be a string (an action label) or an integer");
        }
        int c = follower.findChoice(s, action);
        if (c < 0) {
            throw error(path + ".action: state " + s + " has no action \"" + action + "\"");
        }
        double[] d = numbers(require(r, "d", path + ".d"), path + ".d", n);
        if (r.containsKey("next")) {
            int next = integer(r.get("next"), path + ".next", 0, follower.numStates() - 1);
            try {
                b.transitionReduction(c, next, d);
            } catch (IllegalArgumentException e) {
                throw error(path + ": " + e.getMessage());
            }
        } else {
            b.reduction(c, d);
        }
    }

    private void rows(Map<String, Object> top, String matrix, String rhs, int n, BilevelInstance.Builder b,
                      boolean equality) throws ModelFormatException {
        if (!top.containsKey(matrix) && !top.containsKey(rhs)) {
            return;
        }
        if (!top.containsKey(matrix) || !top.containsKey(rhs)) {
            throw error("\"" + matrix + "\" and \"" + rhs + "\" must be given together");
        }
        List<Object> rows = array(top.get(matrix), matrix, -1);
        double[] values = numbers(top.get(rhs), rhs, rows.size());
        for (int k = 0; k < rows.size(); k++) {
            double[] row = numbers(rows.get(k), matrix + "[" + k + "]", n);
            if (equality) {
                b.equality(row, values[k]);
            } else {
                b.lessOrEqual(row, values[k]);
            }
        }
    }

    private Object require(Map<String, Object> map, String key, String path) throws ModelFormatException {
        if (!map.containsKey(key)) {
            throw error("missing member " + path);
        }
        return map.get(key);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> object(Object value, String path) throws ModelFormatException {
        if (!(value instanceof Map)) {
            throw error(path + " must be a JSON object");
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private List<Object> array(Object value, String path, int length) throws ModelFormatException {
        if (!(value instanceof List)) {
            throw error(path + " must be an array");
        }
        List<Object> list = (List<Object>) value;
        if (length >= 0 && list.size() != length) {
            throw error(path + " must have " + length + " entries, found " + list.size());
        }
        return list;
    }

    private double[] numbers(Object value, String path, int length) throws ModelFormatException {
        List<Object> list = array(value, path, length);
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Number)) {
                throw error(path + "[" + i + "] must be a number");
            }
            out[i] = ((Number) list.get(i)).doubleValue();
        }
        return out;
    }

    private boolean[] booleans(Object value, String path, int length) throws ModelFormatException {
        List<Object> list = array(value, path, length);
        boolean[] out = new boolean[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Boolean)) {
                throw error(path + "[" + i + "] must be true or false");
            }
            out[i] = (Boolean) list.get(i);
        }
        return out;
    }

    private int integer(Object value, String path, int min, int max) throws ModelFormatException {
        if (!(value instanceof Number) || ((Number) value).doubleValue() != Math.rint(((Number) value).doubleValue())) {
            throw error(path + " must be an integer");
        }
        double v = ((Number) value).doubleValue();
        if (v < min || v > max) {
            throw error(path + " = " + formatInteger(v) + " is out of range " + min + ".." + max);
        }
        return (int) v;
    }

    private static String formatInteger(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static double[] filled(int n, double value) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, value);
        return a;
    }

    private static boolean[] trues(int n) {
        boolean[] a = new boolean[n];
        java.util.Arrays.fill(a, true);
        return a;
    }

    private ModelFormatException error(String problem) {
        return ModelFormatException.inFile(source, problem);
    }
}
