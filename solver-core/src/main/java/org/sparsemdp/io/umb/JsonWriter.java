package org.sparsemdp.io.umb;

import java.util.List;
import java.util.Map;

/**
 * Writes {@code index.json}: maps (in iteration order) as indented objects, lists on one line,
 * strings quoted with the escapes RFC 8259 requires, other values (numbers, booleans) with
 * {@code toString}. Reading goes through {@link org.sparsemdp.io.json.JsonReader}.
 */
final class JsonWriter {
    private JsonWriter() {
    }

    /** Appends {@code v} (Map, List, String, Number, Boolean) as JSON, indented by {@code indent}. */
    static void write(StringBuilder out, Object v, int indent) {
        if (v instanceof Map) {
            Map<?, ?> map = (Map<?, ?>) v;
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(first ? "\n" : ",\n");
                first = false;
                pad(out, indent + 2);
                quote(out, e.getKey().toString());
                out.append(": ");
                write(out, e.getValue(), indent + 2);
            }
            if (!first) {
                out.append('\n');
                pad(out, indent);
            }
            out.append('}');
        } else if (v instanceof List) {
            out.append('[');
            boolean first = true;
            for (Object x : (List<?>) v) {
                out.append(first ? "" : ", ");
                first = false;
                write(out, x, indent);
            }
            out.append(']');
        } else if (v instanceof String) {
            quote(out, (String) v);
        } else {
            out.append(v);
        }
    }

    private static void pad(StringBuilder out, int n) {
        for (int i = 0; i < n; i++) {
            out.append(' ');
        }
    }

    private static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
