package org.sparsemdp.property;

import java.util.ArrayList;
import java.util.List;

/** Splits property text into tokens, each with its 1-based column. */
final class Lexer {
    enum Type { IDENT, NUMBER, STRING, SYMBOL, END }

    /** A token: its type, its text (a string's content without quotes) and its column. */
    record Token(Type type, String text, int column) {
        boolean is(String symbol) {
            return (type == Type.SYMBOL || type == Type.IDENT) && text.equals(symbol);
        }

        String describe() {
            switch (type) {
                case END:
                    return "the end of the property";
                case STRING:
                    return "\"" + text + "\"";
                default:
                    return "'" + text + "'";
            }
        }
    }

    /** Symbols, longest first so that the lexer takes the longest match. */
    private static final String[] SYMBOLS = {"<=>", "=>", "=?", "<=", ">=", "!=", "&", "|", "!", "(", ")", "[", "]",
        "{", "}", ",", ":", "+", "-", "*", "/", "=", "<", ">", ";"};

    private Lexer() {
    }

    /**
     * The tokens of {@code text}, ending with an {@link Type#END} token.
     *
     * @param errors how to report a problem at a column
     */
    static List<Token> tokens(String text, ErrorSink errors) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (true) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= n) {
                out.add(new Token(Type.END, "", n + 1));
                return out;
            }
            char c = text.charAt(i);
            int col = i + 1;
            if (c == '"') {
                int end = text.indexOf('"', i + 1);
                if (end < 0) {
                    throw errors.at(col, "unterminated string: a closing \" is missing");
                }
                if (end == i + 1) {
                    throw errors.at(col, "empty name \"\"");
                }
                out.add(new Token(Type.STRING, text.substring(i + 1, end), col));
                i = end + 1;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                    i++;
                }
                out.add(new Token(Type.IDENT, text.substring(start, i), col));
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(text.charAt(i + 1)))) {
                int start = i;
                while (i < n && Character.isDigit(text.charAt(i))) {
                    i++;
                }
                if (i < n && text.charAt(i) == '.') {
                    i++;
                    while (i < n && Character.isDigit(text.charAt(i))) {
                        i++;
                    }
                }
                if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
                    int save = i;
                    i++;
                    if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                        i++;
                    }
                    if (i < n && Character.isDigit(text.charAt(i))) {
                        while (i < n && Character.isDigit(text.charAt(i))) {
                            i++;
                        }
                    } else {
                        i = save;
                    }
                }
                out.add(new Token(Type.NUMBER, text.substring(start, i), col));
            } else {
                String sym = null;
                for (String s : SYMBOLS) {
                    if (text.startsWith(s, i)) {
                        sym = s;
                        break;
                    }
                }
                if (sym == null) {
                    throw errors.at(col, "unexpected character '" + c + "'");
                }
                out.add(new Token(Type.SYMBOL, sym, col));
                i += sym.length();
            }
        }
    }

    /** Builds the exception for a problem at a column. */
    interface ErrorSink {
        PropertySyntaxException at(int column, String problem);
    }
}
