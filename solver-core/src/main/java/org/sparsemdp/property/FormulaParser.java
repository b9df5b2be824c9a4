package org.sparsemdp.property;

import java.util.Map;
import org.sparsemdp.property.Lexer.Token;
import org.sparsemdp.property.Lexer.Type;

/**
 * The recursive-descent parser of state formulas φ and of the integer and numeric expressions in
 * them and in bounds (see {@link PropertyParser} for the grammar), over a {@link TokenCursor}.
 */
final class FormulaParser {
    private final TokenCursor cursor;
    private final Map<String, Number> constants;

    FormulaParser(TokenCursor cursor, Map<String, Number> constants) {
        this.cursor = cursor;
        this.constants = constants;
    }

    private static final int MAX_DEPTH = 200;
    /** Most binary operators in one formula: the trees are evaluated recursively, so their depth is bounded. */
    static final int MAX_OPERATORS = 1000;

    private int operators;

    /** Counts one binary operator, refusing formulas with more than {@link #MAX_OPERATORS}. */
    private void operator(Token at) {
        if (++operators > MAX_OPERATORS) {
            throw cursor.error(at, "more than " + MAX_OPERATORS + " operators in one formula");
        }
    }

    StateFormula formula(int depth) {
        StateFormula left = implies(depth);
        while (cursor.peek().is("<=>")) {
            operator(cursor.next());
            left = new StateFormula.Binary(StateFormula.Connective.IFF, left, implies(depth));
        }
        return left;
    }

    private StateFormula implies(int depth) {
        StateFormula left = or(depth);
        if (cursor.peek().is("=>")) {
            operator(cursor.next());
            return new StateFormula.Binary(StateFormula.Connective.IMPLIES, left, implies(depth + 1));
        }
        return left;
    }

    private StateFormula or(int depth) {
        StateFormula left = and(depth);
        while (cursor.peek().is("|")) {
            operator(cursor.next());
            left = new StateFormula.Binary(StateFormula.Connective.OR, left, and(depth));
        }
        return left;
    }

    private StateFormula and(int depth) {
        StateFormula left = not(depth);
        while (cursor.peek().is("&")) {
            operator(cursor.next());
            left = new StateFormula.Binary(StateFormula.Connective.AND, left, not(depth));
        }
        return left;
    }

    private StateFormula not(int depth) {
        Token t = cursor.peek();
        if (depth > MAX_DEPTH) {
            throw cursor.error(t, "nested deeper than " + MAX_DEPTH);
        }
        if (t.is("!")) {
            cursor.next();
            return new StateFormula.Not(not(depth + 1));
        }
        return atom(depth);
    }

    private StateFormula atom(int depth) {
        Token t = cursor.peek();
        if (t.is("(")) {
            cursor.next();
            StateFormula inner = formula(depth + 1);
            cursor.expect(")");
            return inner;
        }
        if (t.type() == Type.STRING) {
            cursor.next();
            return new StateFormula.Label(t.text(), true, t.column());
        }
        if (t.is("true") || t.is("false")) {
            cursor.next();
            return new StateFormula.Bool(t.text().equals("true"));
        }
        if (t.type() == Type.IDENT && isReserved(t.text())) {
            throw cursor.error(t, "'" + t.text() + "' is a temporal operator and cannot appear in a state formula here");
        }
        if (t.type() == Type.IDENT || t.type() == Type.NUMBER || t.is("-")) {
            IntExpression left = expression();
            Token op = cursor.peek();
            StateFormula.Relation rel = op.type() == Type.SYMBOL ? StateFormula.Relation.of(op.text()) : null;
            if (rel == null) {
                if (left instanceof IntExpression.Variable v) {
                    return new StateFormula.Label(v.name(), false, v.column());
                }
                throw cursor.error(op, "expected a comparison (=, !=, <, <=, >, >=) after '" + left + "', found "
                        + op.describe());
            }
            cursor.next();
            IntExpression right = expression();
            return new StateFormula.Comparison(left, rel, right, t.column());
        }
        throw cursor.error(t, "expected a state formula (a \"label\", true, false, !, ( or a comparison), found "
                + t.describe());
    }

    private static boolean isReserved(String word) {
        switch (word) {
            case "F":
            case "G":
            case "X":
            case "U":
            case "W":
            case "C":
            case "I":
                return true;
            default:
                return false;
        }
    }

    private IntExpression expression() {
        IntExpression left = term();
        while (cursor.peek().is("+") || cursor.peek().is("-")) {
            Token op = cursor.next();
            operator(op);
            boolean minus = op.text().equals("-");
            IntExpression right = term();
            left = left.isConstant() && right.isConstant()
                    ? new IntExpression.Literal(minus ? left.value(null, 0) - right.value(null, 0)
                            : left.value(null, 0) + right.value(null, 0))
                    : new IntExpression.Sum(left, minus, right);
        }
        return left;
    }

    private IntExpression term() {
        boolean negate = false;
        while (cursor.peek().is("-")) { // iteratively: a long run of '-' must not exhaust the stack
            cursor.next();
            negate = !negate;
        }
        IntExpression inner = unsignedTerm();
        if (!negate) {
            return inner;
        }
        return inner.isConstant() ? new IntExpression.Literal(-inner.value(null, 0))
                : new IntExpression.Sum(new IntExpression.Literal(0), true, inner);
    }

    private IntExpression unsignedTerm() {
        Token t = cursor.next();
        if (t.type() == Type.NUMBER) {
            try {
                return new IntExpression.Literal(Long.parseLong(t.text()));
            } catch (NumberFormatException e) {
                throw cursor.error(t, "'" + t.text() + "' is not an integer (state variables are compared with integers)");
            }
        }
        if (t.type() == Type.IDENT) {
            Number c = constants.get(t.text());
            if (c != null) {
                if (c instanceof Double) {
                    throw cursor.error(t, "constant '" + t.text() + "' is a double; an integer is needed here");
                }
                return new IntExpression.Literal(c.longValue());
            }
            return new IntExpression.Variable(t.text(), t.column());
        }
        if (t.is("(")) {
            throw cursor.error(t, "parentheses inside arithmetic are not supported");
        }
        throw cursor.error(t, "expected an integer, a constant or a state variable, found " + t.describe());
    }

    /** An integer made of literals and constants (a step bound). */
    int intConstant() {
        Token t = cursor.peek();
        IntExpression e = expression();
        if (!e.isConstant()) {
            IntExpression.Variable v = firstVariable(e);
            throw cursor.error(v == null ? t : cursor.tokenAtColumn(v.column()), "unknown constant '" + (v == null ? e : v.name())
                    + "'" + (constants.isEmpty() ? "" : "; constants: " + String.join(", ", constants.keySet())));
        }
        long k = e.value(null, 0);
        if (k > Integer.MAX_VALUE || k < Integer.MIN_VALUE) {
            throw cursor.error(t, "the bound " + k + " is too large");
        }
        return (int) k;
    }

    private static IntExpression.Variable firstVariable(IntExpression e) {
        if (e instanceof IntExpression.Variable v) {
            return v;
        }
        if (e instanceof IntExpression.Sum s) {
            IntExpression.Variable v = firstVariable(s.left());
            return v != null ? v : firstVariable(s.right());
        }
        return null;
    }

    /** A number, a double constant or a fraction {@code a/b} of them. */
    double number() {
        double a = numberAtom();
        if (cursor.peek().is("/")) {
            Token slash = cursor.next();
            double b = numberAtom();
            if (b == 0) {
                throw cursor.error(slash, "division by zero");
            }
            return a / b;
        }
        return a;
    }

    private double numberAtom() {
        Token t = cursor.next();
        if (t.type() == Type.NUMBER) {
            return Double.parseDouble(t.text());
        }
        if (t.type() == Type.IDENT && constants.containsKey(t.text())) {
            return constants.get(t.text()).doubleValue();
        }
        throw cursor.error(t, "expected a number, found " + t.describe());
    }
}
