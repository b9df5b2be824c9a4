package org.sparsemdp.io.cassandra;

import java.io.IOException;
import org.sparsemdp.io.LineScanner;
import org.sparsemdp.io.ModelFormatException;

/**
 * The token stream of a Cassandra file: whitespace- and newline-insensitive (like the lex
 * scanner of pomdp-solve), with {@code ':'} as a token of its own and {@code '#'} starting a
 * comment. Errors carry the line of the current token.
 */
final class CassandraTokens {
    private final LineScanner sc;
    private boolean eof;

    CassandraTokens(LineScanner sc) {
        this.sc = sc;
    }

    /** Moves to the next token, reading lines as needed; false at the end of the input. */
    boolean hasNext() throws IOException {
        if (sc.hasMoreTokens()) {
            return true;
        }
        while (!eof && !sc.hasMoreTokens()) {
            if (!sc.nextLine()) {
                eof = true;
            }
        }
        return !eof;
    }

    /** The first character of the next token, or −1 at the end of the input. */
    int peekChar() throws IOException {
        return hasNext() ? sc.peek() : -1;
    }

    /** Whether the next token starts like a number (digit, sign or '.'). */
    boolean nextIsNumber() throws IOException {
        return isNumberStart(peekChar());
    }

    /** Whether a token starting with {@code c} is a number (digit, sign or '.'). */
    static boolean isNumberStart(int c) {
        return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.';
    }

    /** Whether the next token is a name (starts with a letter). */
    boolean nextIsName() throws IOException {
        int c = peekChar();
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** Consumes {@code word} if it is the next token. */
    boolean tryKeyword(String word) throws IOException {
        return hasNext() && sc.tryKeyword(word);
    }

    /** Consumes {@code c} if it is the next token. */
    boolean tryChar(char c) throws IOException {
        return hasNext() && sc.tryConsume(c);
    }

    /** Consumes ':' or fails. */
    void expectColon(String after) throws IOException {
        if (!tryChar(':')) {
            throw error("expected ':' after " + after + ", found " + describeNext());
        }
    }

    /** The next token as a string. */
    String word(String what) throws IOException {
        if (!hasNext()) {
            throw error("expected " + what + ", found the end of the file");
        }
        return sc.nextToken(what);
    }

    /**
     * The next token as a string, reusing the String of an identical recent token (names of
     * states, actions and observations are drawn from a small vocabulary).
     */
    String name(String what) throws IOException {
        if (!hasNext()) {
            throw error("expected " + what + ", found the end of the file");
        }
        return sc.nextInternedToken(what);
    }

    /** The next token as a finite number. */
    double number(String what) throws IOException {
        int c = peekChar();
        if (c < 0) {
            throw error("expected " + what + ", found the end of the file");
        }
        if (!isNumberStart(c)) {
            throw error("expected " + what + " (a number), found " + describeNext());
        }
        double d = sc.nextDouble(what);
        if (!Double.isFinite(d)) {
            throw error(what + " " + d + " is not finite");
        }
        return d;
    }

    /** The next token as a number in [0, 1]. */
    double probability(String what) throws IOException {
        double p = number(what);
        if (!(p >= 0.0 && p <= 1.0)) {
            throw error(what + " " + p + " is not in [0, 1]");
        }
        return p;
    }

    /** The next token as a non-negative int. */
    long integer(String what) throws IOException {
        if (!hasNext()) {
            throw error("expected " + what + ", found the end of the file");
        }
        return sc.nextLong(what);
    }

    /** The next token without consuming it, or "" at the end of the input. */
    String peekWord() throws IOException {
        return hasNext() ? sc.peekToken() : "";
    }

    /** A short description of the next token for messages. */
    String describeNext() throws IOException {
        if (!hasNext()) {
            return "the end of the file";
        }
        return "'" + sc.peekToken() + "'";
    }

    ModelFormatException error(String problem) {
        return sc.error(problem);
    }

    long lineNumber() {
        return sc.lineNumber();
    }
}
