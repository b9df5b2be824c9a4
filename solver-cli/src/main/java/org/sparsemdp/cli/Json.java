package org.sparsemdp.cli;

/**
 * A minimal JSON object writer for the {@code --json} summaries (one flat object). Non-finite
 * numbers, which JSON cannot express, are written as the strings "Infinity", "-Infinity", "NaN".
 */
final class Json {
    private final StringBuilder sb = new StringBuilder("{");
    private boolean first = true;

    Json put(String key, String value) {
        key(key);
        if (value == null) {
            sb.append("null");
        } else {
            quote(value);
        }
        return this;
    }

    Json put(String key, long value) {
        key(key);
        sb.append(value);
        return this;
    }

    Json put(String key, double value) {
        key(key);
        if (Double.isFinite(value)) {
            sb.append(value);
        } else {
            quote(Double.toString(value));
        }
        return this;
    }

    Json put(String key, boolean value) {
        key(key);
        sb.append(value);
        return this;
    }

    /** Adds a raw JSON value (an array or object already rendered). */
    Json putRaw(String key, String json) {
        key(key);
        sb.append(json);
        return this;
    }

    @Override
    public String toString() {
        return sb + "}";
    }

    private void key(String key) {
        if (!first) {
            sb.append(',');
        }
        first = false;
        quote(key);
        sb.append(':');
    }

    private void quote(String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    sb.append("\\\"");
                    break;
                case '\\':
                    sb.append("\\\\");
                    break;
                case '\n':
                    sb.append("\\n");
                    break;
                case '\r':
                    sb.append("\\r");
                    break;
                case '\t':
                    sb.append("\\t");
                    break;
                default:
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }
}
