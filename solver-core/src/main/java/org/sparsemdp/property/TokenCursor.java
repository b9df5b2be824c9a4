package org.sparsemdp.property;

import java.util.List;
import org.sparsemdp.property.Lexer.Token;
import org.sparsemdp.property.Lexer.Type;

/** The position in a property's tokens, with the error reporting that names a token's column. */
final class TokenCursor {
    private final List<Token> tokens;
    private final Lexer.ErrorSink errors;
    private int pos;

    TokenCursor(String text, Lexer.ErrorSink errors) {
        this.errors = errors;
        this.tokens = Lexer.tokens(text, errors);
    }

    /** The first token at {@code column}, else the current one. */
    Token tokenAtColumn(int column) {
        for (Token t : tokens) {
            if (t.column() == column) {
                return t;
            }
        }
        return peek();
    }

    Token peek() {
        return tokens.get(pos);
    }

    Token peek(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    Token next() {
        Token t = tokens.get(pos);
        if (t.type() != Type.END) {
            pos++;
        }
        return t;
    }

    void expect(String symbol) {
        Token t = peek();
        if (!t.is(symbol)) {
            if (symbol.equals("]") && t.is("{")) {
                throw error(t, "filters {...} are not supported; the value of every state is reported");
            }
            throw error(t, "expected '" + symbol + "', found " + t.describe());
        }
        next();
    }

    void expectEnd() {
        Token t = peek();
        if (t.type() != Type.END) {
            if (t.is("{")) {
                throw error(t, "filters {...} are not supported; the value of every state is reported");
            }
            throw error(t, "unexpected " + t.describe() + " after a complete property");
        }
    }

    PropertySyntaxException error(Token at, String problem) {
        return errors.at(at.column(), problem);
    }
}
