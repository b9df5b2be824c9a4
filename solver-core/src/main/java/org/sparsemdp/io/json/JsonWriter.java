package org.sparsemdp.io.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Map;

/**
 * A small streaming JSON writer (RFC 8259, "The JavaScript Object Notation Data Interchange
 * Format"): every JSON the project writes (the commands' {@code --json} summaries, the Spark
 * {@code summary.json}, a UMB archive's {@code index.json}, Storm scheduler files) goes through
 * it, so that they agree on escaping and on numbers. Values are appended to an
 * {@link Appendable} as they come (nothing is buffered), in the order the caller writes them.
 *
 * <p>Policy, the same for every output:
 * <ul>
 *   <li><b>Strings</b>: {@code "} and {@code \} escaped, the control characters U+0000..U+001F
 *       as {@code \b \f \n \r \t} or {@code \}{@code u00XX}, U+007F, U+2028 and U+2029 (line
 *       separators in JavaScript) as {@code \}{@code uXXXX}; a lone (unpaired) UTF-16 surrogate
 *       as {@code \}{@code uXXXX}, so the output stays valid UTF-8; everything else, including
 *       surrogate pairs, unescaped. A null string is written as {@code null}.</li>
 *   <li><b>Finite doubles</b> as {@link Double#toString(double)} writes them: the shortest
 *       decimal that distinguishes the value among doubles (reads back to the same double),
 *       independent of the locale ({@code 0.1}, {@code 26.3265306122449}, {@code 1.0E-9},
 *       {@code -0.0}), which is a valid JSON number.</li>
 *   <li><b>Non-finite doubles</b>, which JSON cannot express, as the strings
 *       {@code "Infinity"}, {@code "-Infinity"} and {@code "NaN"} (what
 *       {@link Double#parseDouble} and Python's {@code float()} read back).</li>
 *   <li>Integers ({@code long}) in decimal.</li>
 * </ul>
 *
 * <p>Layout: compact (one line, no spaces; for JSON Lines output) or, with {@link #pretty},
 * each object member on its own line indented by two spaces per level, {@code ": "} after names
 * and arrays on one line with {@code ", "} between elements. Misuse (a value where a member
 * name is due, a member name in an array, closing the wrong container, a second top-level
 * value) throws {@link IllegalStateException}. Errors of the underlying {@code Appendable} are
 * rethrown as {@link UncheckedIOException} (a {@link StringBuilder} never fails).
 */
public final class JsonWriter {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final Appendable out;
    private final boolean pretty;
    /** Per open container: true for an object, false for an array. */
    private boolean[] isObject = new boolean[8];
    /** Per open container: whether it has an element yet. */
    private boolean[] hasElement = new boolean[8];
    private int depth;
    /** Inside an object: whether a member name has been written and its value is due. */
    private boolean nameWritten;
    /** Whether the top-level value has begun. */
    private boolean started;

    private JsonWriter(Appendable out, boolean pretty) {
        if (out == null) {
            throw new NullPointerException("out");
        }
        this.out = out;
        this.pretty = pretty;
    }

    /** A writer of compact JSON (no whitespace) to {@code out}. */
    public static JsonWriter compact(Appendable out) {
        return new JsonWriter(out, false);
    }

    /** A writer of indented JSON (objects one member per line, two spaces per level) to {@code out}. */
    public static JsonWriter pretty(Appendable out) {
        return new JsonWriter(out, true);
    }

    /**
     * {@code value} (a {@link Map}, {@link Iterable}, array of primitives, {@link String},
     * {@link Number}, {@link Boolean} or null, nested) as one line of compact JSON.
     */
    public static String toJson(Object value) {
        StringBuilder sb = new StringBuilder();
        compact(sb).value(value);
        return sb.toString();
    }

    /** Opens an object (as a value: at the top, in an array, or after {@link #name}). */
    public JsonWriter beginObject() {
        beforeValue();
        append('{');
        push(true);
        return this;
    }

    /** Closes the innermost open container, which must be an object with no member name pending. */
    public JsonWriter endObject() {
        return end(true, '}');
    }

    /** Opens an array (as a value). */
    public JsonWriter beginArray() {
        beforeValue();
        append('[');
        push(false);
        return this;
    }

    /** Closes the innermost open container, which must be an array. */
    public JsonWriter endArray() {
        return end(false, ']');
    }

    /**
     * Writes the name of the next member of the innermost open object (duplicates are the
     * caller's responsibility).
     */
    public JsonWriter name(String name) {
        if (depth == 0 || !isObject[depth - 1] || nameWritten) {
            throw new IllegalStateException(depth == 0 || !isObject[depth - 1]
                    ? "member name '" + name + "' outside an object" : "member name '" + name + "' after a name");
        }
        if (name == null) {
            throw new NullPointerException("member name");
        }
        separate();
        string(name);
        append(pretty ? ": " : ":");
        nameWritten = true;
        return this;
    }

    /** A string value, or {@code null} when {@code s} is null. */
    public JsonWriter value(String s) {
        if (s == null) {
            return nullValue();
        }
        beforeValue();
        string(s);
        return this;
    }

    /** A number value; non-finite values as the strings "Infinity", "-Infinity", "NaN". */
    public JsonWriter value(double x) {
        beforeValue();
        if (Double.isFinite(x)) {
            append(Double.toString(x));
        } else {
            append('"').append(Double.toString(x)).append('"');
        }
        return this;
    }

    /** An integer value. */
    public JsonWriter value(long x) {
        beforeValue();
        append(Long.toString(x));
        return this;
    }

    /** {@code true} or {@code false}. */
    public JsonWriter value(boolean b) {
        beforeValue();
        append(b ? "true" : "false");
        return this;
    }

    /** {@code null}. */
    public JsonWriter nullValue() {
        beforeValue();
        append("null");
        return this;
    }

    /**
     * A value of any of the types a JSON document is made of: {@link Map} (an object; keys by
     * {@code toString}, in iteration order), {@link Iterable} (an array), {@code double[]},
     * {@code int[]}, {@code long[]}, {@link String}, {@link Double}/{@link Float} (as
     * {@link #value(double)}), {@link Integer}/{@link Long}/{@link Short}/{@link Byte}/
     * {@link BigInteger}/{@link BigDecimal} (in decimal), {@link Boolean} or null.
     *
     * @throws IllegalArgumentException for any other type
     */
    public JsonWriter value(Object v) {
        if (v == null) {
            return nullValue();
        } else if (v instanceof String) {
            return value((String) v);
        } else if (v instanceof Double || v instanceof Float) {
            return value(((Number) v).doubleValue());
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return value(((Number) v).longValue());
        } else if (v instanceof BigInteger) {
            beforeValue();
            append(v.toString());
            return this;
        } else if (v instanceof BigDecimal) {
            beforeValue();
            append(((BigDecimal) v).toString());
            return this;
        } else if (v instanceof Boolean) {
            return value(((Boolean) v).booleanValue());
        } else if (v instanceof Map) {
            beginObject();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                name(String.valueOf(e.getKey())).value(e.getValue());
            }
            return endObject();
        } else if (v instanceof Iterable) {
            beginArray();
            for (Object x : (Iterable<?>) v) {
                value(x);
            }
            return endArray();
        } else if (v instanceof double[]) {
            return array((double[]) v, 0, ((double[]) v).length);
        } else if (v instanceof int[]) {
            return array((int[]) v, 0, ((int[]) v).length);
        } else if (v instanceof long[]) {
            beginArray();
            for (long x : (long[]) v) {
                value(x);
            }
            return endArray();
        }
        throw new IllegalArgumentException("no JSON form for a " + v.getClass().getName());
    }

    /** The array {@code [a[from], ..., a[to − 1]]}, each element as {@link #value(double)}. */
    public JsonWriter array(double[] a, int from, int to) {
        beginArray();
        for (int i = from; i < to; i++) {
            value(a[i]);
        }
        return endArray();
    }

    /** The array {@code [a[from], ..., a[to − 1]]}. */
    public JsonWriter array(int[] a, int from, int to) {
        beginArray();
        for (int i = from; i < to; i++) {
            value((long) a[i]);
        }
        return endArray();
    }

    /** The member {@code name: s} ({@code null} when {@code s} is null). */
    public JsonWriter field(String name, String s) {
        return name(name).value(s);
    }

    /** The member {@code name: x} (non-finite as a string, see the class comment). */
    public JsonWriter field(String name, double x) {
        return name(name).value(x);
    }

    /** The member {@code name: x}. */
    public JsonWriter field(String name, long x) {
        return name(name).value(x);
    }

    /** The member {@code name: b}. */
    public JsonWriter field(String name, boolean b) {
        return name(name).value(b);
    }

    /** Whether one complete top-level value has been written (all containers closed). */
    public boolean isComplete() {
        return started && depth == 0;
    }

    /**
     * Appends {@code s} to {@code sb} as a JSON string literal with the escaping of this class
     * (for a caller that assembles a line around it).
     */
    public static StringBuilder appendString(StringBuilder sb, String s) {
        JsonWriter w = new JsonWriter(sb, false);
        w.string(s);
        return sb;
    }

    private void push(boolean object) {
        if (depth == isObject.length) {
            isObject = Arrays.copyOf(isObject, depth * 2);
            hasElement = Arrays.copyOf(hasElement, depth * 2);
        }
        isObject[depth] = object;
        hasElement[depth] = false;
        depth++;
    }

    private JsonWriter end(boolean object, char close) {
        if (depth == 0 || isObject[depth - 1] != object || nameWritten) {
            throw new IllegalStateException(depth == 0 ? "nothing to close"
                    : nameWritten ? "the value of the last member name is missing"
                    : "cannot close " + (object ? "an object" : "an array") + " inside "
                            + (isObject[depth - 1] ? "an object" : "an array"));
        }
        depth--;
        if (pretty && object && hasElement[depth]) {
            newline(depth);
        }
        append(close);
        return this;
    }

    /** Checks that a value may come here and writes the separator before it. */
    private void beforeValue() {
        if (depth == 0) {
            if (started) {
                throw new IllegalStateException("a JSON document holds one top-level value");
            }
            started = true;
            return;
        }
        if (isObject[depth - 1]) {
            if (!nameWritten) {
                throw new IllegalStateException("an object member needs a name before its value");
            }
            nameWritten = false;
        } else {
            separate();
        }
    }

    /** The separator before a member or element of the innermost container, and its indentation. */
    private void separate() {
        boolean object = isObject[depth - 1];
        if (hasElement[depth - 1]) {
            append(pretty && !object ? ", " : ",");
        }
        hasElement[depth - 1] = true;
        if (pretty && object) {
            newline(depth);
        }
    }

    private void newline(int level) {
        append('\n');
        for (int i = 0; i < level; i++) {
            append("  ");
        }
    }

    private void string(String s) {
        append('"');
        int start = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            String escape = null;
            if (c == '"') {
                escape = "\\\"";
            } else if (c == '\\') {
                escape = "\\\\";
            } else if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                escape = control(c);
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++; // a pair: written as it is
                    continue;
                }
                escape = unicode(c);
            } else if (Character.isLowSurrogate(c)) {
                escape = unicode(c); // lone: a pair's low half was skipped above
            }
            if (escape != null) {
                appendRange(s, start, i);
                append(escape);
                start = i + 1;
            }
        }
        appendRange(s, start, n);
        append('"');
    }

    private static String control(char c) {
        switch (c) {
            case '\b':
                return "\\b";
            case '\f':
                return "\\f";
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            default:
                return unicode(c);
        }
    }

    private static String unicode(char c) {
        return new String(new char[] {'\\', 'u', HEX[c >> 12 & 15], HEX[c >> 8 & 15], HEX[c >> 4 & 15], HEX[c & 15]});
    }

    private void appendRange(String s, int from, int to) {
        if (from < to) {
            try {
                out.append(s, from, to);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private JsonWriter append(char c) {
        try {
            out.append(c);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    private JsonWriter append(CharSequence s) {
        try {
            out.append(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
