package org.sparsemdp.io.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparsemdp.io.ModelFormatException;

/**
 * A small strict JSON parser (RFC 8259, "The JavaScript Object Notation Data Interchange Format")
 * for the library's small JSON inputs (a UMB archive's {@code index.json}, a bilevel leader's
 * file), so that no module needs a JSON library. Recursive descent over the whole text, which
 * must hold exactly one value (surrounding whitespace allowed):
 * <ul>
 *   <li>objects become insertion-ordered {@link LinkedHashMap}s; duplicate member names are
 *       rejected;</li>
 *   <li>arrays become {@link ArrayList}s;</li>
 *   <li>numbers follow the RFC's grammar (no leading zeros, no bare '.', no '+'); an integer
 *       literal (no fraction, no exponent) that fits a {@code long} becomes a {@link Long}, any
 *       other number a finite {@link Double} (a literal beyond the double range is an error);</li>
 *   <li>strings become {@link String}s, {@code true}/{@code false} {@link Boolean}s and
 *       {@code null} Java {@code null}.</li>
 * </ul>
 * Nesting deeper than {@value #MAX_DEPTH} is rejected, so that hostile input cannot overflow the
 * stack. Every syntax error is a {@link ModelFormatException} {@code source:line: column C:
 * problem}; a caller reading JSON embedded in a larger file passes the embedded name (for
 * example {@code index.json}) as source and wraps the message with its own location.
 */
public final class JsonReader {
    /** Maximum nesting depth of arrays and objects. */
    public static final int MAX_DEPTH = 64;

    private final String text;
    private final String source;
    private int pos;

    private JsonReader(String text, String source) {
        this.text = text;
        this.source = source;
    }

    /**
     * Parses {@code text}, which must hold exactly one JSON value; {@code source} names it in
     * error messages.
     *
     * @return a {@code Map<String, Object>}, {@code List<Object>}, {@link String}, {@link Long},
     *         {@link Double}, {@link Boolean} or null, nested as in the text
     */
    public static Object parse(String text, String source) throws ModelFormatException {
        JsonReader r = new JsonReader(text, source);
        r.skipWhitespace();
        Object value = r.value(0);
        r.skipWhitespace();
        if (r.pos < text.length()) {
            throw r.error("unexpected '" + text.charAt(r.pos) + "' after the end of the JSON value");
        }
        return value;
    }

    private Object value(int depth) throws ModelFormatException {
        if (pos >= text.length()) {
            throw error("unexpected end of input: expected a value");
        }
        char ch = text.charAt(pos);
        switch (ch) {
            case '{':
                return object(depth + 1);
            case '[':
                return array(depth + 1);
            case '"':
                return string();
            case 't':
                literal("true");
                return Boolean.TRUE;
            case 'f':
                literal("false");
                return Boolean.FALSE;
            case 'n':
                literal("null");
                return null;
            default:
                if (ch == '-' || isDigit(ch)) {
                    return number();
                }
                throw error("unexpected '" + ch + "': expected a value");
        }
    }

    private Map<String, Object> object(int depth) throws ModelFormatException {
        checkDepth(depth);
        pos++;
        Map<String, Object> map = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return map;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("expected a quoted member name");
            }
            int keyPos = pos;
            String key = string();
            if (map.containsKey(key)) {
                pos = keyPos;
                throw error("duplicate member \"" + key + "\"");
            }
            skipWhitespace();
            expect(':');
            skipWhitespace();
            map.put(key, value(depth));
            skipWhitespace();
            char ch = peek();
            pos++;
            if (ch == '}') {
                return map;
            }
            if (ch != ',') {
                pos--;
                throw error("expected ',' or '}' in an object");
            }
        }
    }

    private List<Object> array(int depth) throws ModelFormatException {
        checkDepth(depth);
        pos++;
        List<Object> list = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return list;
        }
        while (true) {
            skipWhitespace();
            list.add(value(depth));
            skipWhitespace();
            char ch = peek();
            pos++;
            if (ch == ']') {
                return list;
            }
            if (ch != ',') {
                pos--;
                throw error("expected ',' or ']' in an array");
            }
        }
    }

    private String string() throws ModelFormatException {
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char ch = text.charAt(pos++);
            if (ch == '"') {
                return sb.toString();
            }
            if (ch < 0x20) {
                pos--;
                throw error("control character in a string (escape it)");
            }
            if (ch != '\\') {
                sb.append(ch);
                continue;
            }
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char esc = text.charAt(pos++);
            switch (esc) {
                case '"': sb.append('"'); break;
                case '\\': sb.append('\\'); break;
                case '/': sb.append('/'); break;
                case 'b': sb.append('\b'); break;
                case 'f': sb.append('\f'); break;
                case 'n': sb.append('\n'); break;
                case 'r': sb.append('\r'); break;
                case 't': sb.append('\t'); break;
                case 'u':
                    if (pos + 4 > text.length()) {
                        throw error("incomplete \\u escape");
                    }
                    int code = 0;
                    for (int i = 0; i < 4; i++) {
                        int digit = Character.digit(text.charAt(pos++), 16);
                        if (digit < 0) {
                            pos--;
                            throw error("bad hex digit in a \\u escape");
                        }
                        code = code * 16 + digit;
                    }
                    sb.append((char) code);
                    break;
                default:
                    pos--;
                    throw error("unknown escape '\\" + esc + "'");
            }
        }
    }

    private Object number() throws ModelFormatException {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            digits();
        } else {
            throw error("expected a digit");
        }
        boolean integral = true;
        if (peek() == '.') {
            integral = false;
            pos++;
            if (!isDigit(peek())) {
                throw error("expected a digit after '.'");
            }
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            integral = false;
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw error("expected a digit in the exponent");
            }
            digits();
        }
        String literal = text.substring(start, pos);
        if (integral) {
            try {
                return Long.parseLong(literal);
            } catch (NumberFormatException e) {
                // beyond the long range: read it as a double below
            }
        }
        double value = Double.parseDouble(literal);
        if (!Double.isFinite(value)) {
            pos = start;
            throw error("number out of the double range");
        }
        return value;
    }

    private void digits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    private static boolean isDigit(char ch) {
        return ch >= '0' && ch <= '9';
    }

    private void literal(String word) throws ModelFormatException {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected token: expected a value");
        }
        pos += word.length();
    }

    private void expect(char ch) throws ModelFormatException {
        if (peek() != ch) {
            throw error("expected '" + ch + "'");
        }
        pos++;
    }

    /** The current character, or '\0' at the end of the input. */
    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char ch = text.charAt(pos);
            if (ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r') {
                return;
            }
            pos++;
        }
    }

    private void checkDepth(int depth) throws ModelFormatException {
        if (depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH + " levels");
        }
    }

    /** An error at the current position: the line and column are counted only now. */
    private ModelFormatException error(String problem) {
        int line = 1;
        int lineStart = 0;
        int end = Math.min(pos, text.length());
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new ModelFormatException(source, line, "column " + (end - lineStart + 1) + ": " + problem);
    }
}
