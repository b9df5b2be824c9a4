package org.sparsemdp.property;

import java.util.List;
import java.util.Map;
import org.sparsemdp.model.Objective;
import org.sparsemdp.property.Lexer.Token;
import org.sparsemdp.property.Lexer.Type;

/**
 * Parses properties in the syntax of PRISM's and Storm's property languages (the subset for
 * numerical MDP queries) by hand-written recursive descent:
 *
 * <pre>
 * property  := [ "name" ':' ] query
 * query     := ('P' | 'Pmin' | 'Pmax') '=?' '[' ppath ']'
 *            | ('R' | 'Rmin' | 'Rmax') [ '{' ("name" | index) '}' ] [ 'min' | 'max' ] '=?' '[' rpath ']'
 *            | ('LRA' | 'LRAmin' | 'LRAmax') '=?' '[' φ ']'
 * ppath     := 'F' [bound] φ | 'G' [bound] φ | 'X' φ | φ 'U' [bound] φ
 * rpath     := 'F' φ | 'C' [ '&lt;=' k | 'discount' '=' g ] | 'I' '=' k | 'S' | 'LRA'
 * bound     := '&lt;=' k | '&lt;' k | '[' 0 ',' k ']'
 * φ         := φ '=&gt;' φ | φ '&lt;=&gt;' φ | φ '|' φ | φ '&amp;' φ | '!' φ | '(' φ ')' | "label" | name
 *            | 'true' | 'false' | e relop e          (relop: = != &lt; &lt;= &gt; &gt;=)
 * e         := e ('+' | '-') e | integer | constant | variable | '-' e
 * </pre>
 *
 * Precedence, loosest first: {@code <=>}, {@code =>} (right-associative), {@code |}, {@code &},
 * {@code !}, comparisons, {@code + -}. {@code k} is an integer expression of constants; {@code g}
 * a number or a fraction {@code 9/10}. A bare name in φ is a constant, else a state variable in a
 * comparison, else a label or Boolean variable. Every error is a {@link PropertySyntaxException}
 * naming the column. Threshold queries ({@code P>=0.5 [...]}), filters and multi-objective
 * queries are rejected with that reason.
 */
public final class PropertyParser {
    private final String text;
    private final List<Token> tokens;
    private final Map<String, Number> constants;
    private final Lexer.ErrorSink errors;
    private int pos;

    private PropertyParser(String text, Map<String, Number> constants, Lexer.ErrorSink errors) {
        this.text = text;
        this.constants = constants;
        this.errors = errors;
        this.tokens = Lexer.tokens(text, errors);
    }

    /** Parses one property without constants. */
    public static Property parse(String text) {
        return parse(text, Map.of());
    }

    /**
     * Parses one property; {@code constants} (integers or doubles) may be used in bounds,
     * discounts and comparisons.
     *
     * @throws PropertySyntaxException naming the column of the problem
     */
    public static Property parse(String text, Map<String, Number> constants) {
        return parse(text, constants, (col, problem) -> new PropertySyntaxException(text, col, problem));
    }

    static Property parse(String text, Map<String, Number> constants, Lexer.ErrorSink errors) {
        PropertyParser p = new PropertyParser(text, constants, errors);
        Property prop = p.property();
        p.expectEnd();
        return prop;
    }

    /**
     * Parses a state formula alone (the {@code --reach} and {@code --until} expressions, label
     * definitions).
     *
     * @throws PropertySyntaxException naming the column of the problem
     */
    public static StateFormula parseStateFormula(String text) {
        return parseStateFormula(text, Map.of(), (col, problem) -> new PropertySyntaxException(text, col, problem));
    }

    static StateFormula parseStateFormula(String text, Map<String, Number> constants, Lexer.ErrorSink errors) {
        PropertyParser p = new PropertyParser(text, constants, errors);
        StateFormula f = p.formula(0);
        p.expectEnd();
        return f;
    }

    // ---- queries

    private Property property() {
        String name = null;
        if (peek().type() == Type.STRING && peek(1).is(":")) {
            name = next().text();
            next();
        }
        int start = peek().column() - 1;
        Token op = next();
        if (op.type() != Type.IDENT) {
            throw error(op, "expected P, R or LRA, found " + op.describe());
        }
        String kind = op.text();
        Property result;
        switch (kind) {
            case "P":
            case "Pmin":
            case "Pmax": {
                Objective dir = directionSuffix(kind.substring(1));
                dir = directionWord(dir);
                expectQuestion(op);
                expect("[");
                PathFormula path = probabilityPath();
                expect("]");
                result = new Property(name, text.substring(start).trim(), false, null, dir, path);
                break;
            }
            case "R":
            case "Rmin":
            case "Rmax": {
                Objective dir = directionSuffix(kind.substring(1));
                String structure = null;
                if (peek().is("{")) {
                    next();
                    Token s = next();
                    if (s.type() == Type.STRING) {
                        structure = s.text();
                    } else if (s.type() == Type.NUMBER && s.text().matches("[0-9]+")) {
                        structure = s.text();
                        if (Integer.parseInt(s.text()) < 1) {
                            throw error(s, "reward structures are numbered from 1");
                        }
                    } else if (s.type() == Type.IDENT) {
                        throw error(s, "reward structure names are quoted: R{\"" + s.text() + "\"}");
                    } else {
                        throw error(s, "expected a reward structure name in quotes or a number, found " + s.describe());
                    }
                    expect("}");
                }
                dir = directionWord(dir);
                expectQuestion(op);
                expect("[");
                PathFormula path = rewardPath();
                expect("]");
                result = new Property(name, text.substring(start).trim(), true, structure, dir, path);
                break;
            }
            case "LRA":
            case "LRAmin":
            case "LRAmax": {
                Objective dir = directionSuffix(kind.substring(3));
                dir = directionWord(dir);
                expectQuestion(op);
                expect("[");
                StateFormula f = formula(0);
                expect("]");
                result = new Property(name, text.substring(start).trim(), false, null, dir,
                        new PathFormula.LongRunAverage(f));
                break;
            }
            case "S":
                throw error(op, "the steady-state operator S=? [ φ ] is for Markov chains; for an MDP ask"
                        + " LRAmin=? [ φ ] or LRAmax=? [ φ ]");
            case "E":
            case "A":
                throw error(op, "path quantifiers E and A (CTL) are not supported; ask P=? [...]");
            case "multi":
                throw error(op, "multi-objective queries are not supported");
            case "filter":
                throw error(op, "filters are not supported; the value of every state is reported");
            default:
                throw error(op, "expected P, R or LRA, found " + op.describe());
        }
        return result;
    }

    private Objective directionSuffix(String suffix) {
        switch (suffix) {
            case "min":
                return Objective.MINIMIZE;
            case "max":
                return Objective.MAXIMIZE;
            default:
                return null;
        }
    }

    /** An optional 'min'/'max' word after R{..} (or P), when no direction came with the operator. */
    private Objective directionWord(Objective dir) {
        if (peek().type() == Type.IDENT && (peek().text().equals("min") || peek().text().equals("max"))) {
            Token t = next();
            if (dir != null) {
                throw error(t, "the direction is already given");
            }
            return directionSuffix(t.text());
        }
        return dir;
    }

    private void expectQuestion(Token op) {
        Token t = peek();
        if (t.is("=?")) {
            next();
            return;
        }
        if (t.is(">=") || t.is(">") || t.is("<=") || t.is("<") || t.is("=")) {
            throw error(t, "threshold queries (" + op.text() + t.text() + "...) are not supported; ask for the value: "
                    + op.text() + "=?");
        }
        throw error(t, "expected '=?' after " + op.text() + ", found " + t.describe());
    }

    private PathFormula probabilityPath() {
        Token t = peek();
        if (t.is("F")) {
            next();
            int bound = optionalBound("F");
            return new PathFormula.Until(new StateFormula.Bool(true), formula(0), bound);
        }
        if (t.is("G")) {
            next();
            int bound = optionalBound("G");
            return new PathFormula.Globally(formula(0), bound);
        }
        if (t.is("X")) {
            next();
            return new PathFormula.Next(formula(0));
        }
        if (t.is("W") || t.is("R")) {
            throw error(t, "the operator " + t.text() + " is not supported");
        }
        StateFormula left = formula(0);
        Token u = peek();
        if (u.is("U")) {
            next();
            int bound = optionalBound("U");
            return new PathFormula.Until(left, formula(0), bound);
        }
        if (u.is("W") || u.is("R")) {
            throw error(u, "the operator " + u.text() + " (weak until / release) is not supported");
        }
        throw error(u, "expected a path formula (F φ, G φ, X φ or φ U ψ) but found only a state formula; then "
                + u.describe() + " (expected 'U')");
    }

    /** A step bound after F, G or U: none, {@code <=k}, {@code <k} or {@code [0,k]}. */
    private int optionalBound(String operator) {
        Token t = peek();
        if (t.is("<=")) {
            next();
            return nonNegative(intConstant(), t, operator + "<=");
        }
        if (t.is("<")) {
            next();
            int k = intConstant();
            if (k < 1) {
                throw error(t, operator + "<" + k + " holds for no step: the bound must be at least 1");
            }
            return k - 1;
        }
        if (t.is("[")) {
            next();
            Token lo = peek();
            int a = intConstant();
            expect(",");
            int b = intConstant();
            expect("]");
            if (a != 0) {
                throw error(lo, "interval bounds " + operator + "[a,b] with a > 0 are not supported; only "
                        + operator + "[0,k] (= " + operator + "<=k)");
            }
            return nonNegative(b, t, operator + "[0,");
        }
        if (t.is(">=") || t.is(">") || t.is("=")) {
            throw error(t, "lower step bounds (" + operator + t.text() + "k) are not supported; only "
                    + operator + "<=k and " + operator + "<k");
        }
        return PathFormula.UNBOUNDED;
    }

    private int nonNegative(int k, Token at, String what) {
        if (k < 0) {
            throw error(at, "the step bound " + what + k + " is negative");
        }
        return k;
    }

    private PathFormula rewardPath() {
        Token t = peek();
        switch (t.type() == Type.IDENT ? t.text() : "") {
            case "F": {
                next();
                Token b = peek();
                if (b.is("<=") || b.is("<") || b.is("[") || b.is(">=") || b.is(">")) {
                    throw error(b, "step-bounded reachability rewards (F<=k) are not supported; ask R=? [ C<=k ]");
                }
                return new PathFormula.ReachReward(formula(0));
            }
            case "C": {
                next();
                Token b = peek();
                if (b.is("<=")) {
                    next();
                    return new PathFormula.Cumulative(nonNegative(intConstant(), b, "C<="));
                }
                if (b.is("<")) {
                    next();
                    int k = intConstant();
                    if (k < 1) {
                        throw error(b, "C<" + k + " covers no step: the bound must be at least 1");
                    }
                    return new PathFormula.Cumulative(k - 1);
                }
                if (b.is("discount")) {
                    next();
                    expect("=");
                    Token g = peek();
                    double d = number();
                    if (!(d > 0 && d < 1)) {
                        throw error(g, "the discount must lie strictly between 0 and 1, not " + d);
                    }
                    return new PathFormula.DiscountedCumulative(d);
                }
                return new PathFormula.Cumulative(PathFormula.UNBOUNDED);
            }
            case "I": {
                next();
                expect("=");
                Token k = peek();
                return new PathFormula.Instantaneous(nonNegative(intConstant(), k, "I="));
            }
            case "S":
            case "LRA":
                next();
                return new PathFormula.LongRunAverage(null);
            default:
                throw error(t, "expected a reward path formula (F φ, C, C<=k, C discount=g, I=k, S or LRA), found "
                        + t.describe());
        }
    }

    // ---- state formulas

    private static final int MAX_DEPTH = 200;

    StateFormula formula(int depth) {
        StateFormula left = implies(depth);
        while (peek().is("<=>")) {
            next();
            left = new StateFormula.Binary(StateFormula.Connective.IFF, left, implies(depth));
        }
        return left;
    }

    private StateFormula implies(int depth) {
        StateFormula left = or(depth);
        if (peek().is("=>")) {
            next();
            return new StateFormula.Binary(StateFormula.Connective.IMPLIES, left, implies(depth));
        }
        return left;
    }

    private StateFormula or(int depth) {
        StateFormula left = and(depth);
        while (peek().is("|")) {
            next();
            left = new StateFormula.Binary(StateFormula.Connective.OR, left, and(depth));
        }
        return left;
    }

    private StateFormula and(int depth) {
        StateFormula left = not(depth);
        while (peek().is("&")) {
            next();
            left = new StateFormula.Binary(StateFormula.Connective.AND, left, not(depth));
        }
        return left;
    }

    private StateFormula not(int depth) {
        Token t = peek();
        if (depth > MAX_DEPTH) {
            throw error(t, "nested deeper than " + MAX_DEPTH);
        }
        if (t.is("!")) {
            next();
            return new StateFormula.Not(not(depth + 1));
        }
        return atom(depth);
    }

    private StateFormula atom(int depth) {
        Token t = peek();
        if (t.is("(")) {
            next();
            StateFormula inner = formula(depth + 1);
            expect(")");
            return inner;
        }
        if (t.type() == Type.STRING) {
            next();
            return new StateFormula.Label(t.text(), true, t.column());
        }
        if (t.is("true") || t.is("false")) {
            next();
            return new StateFormula.Bool(t.text().equals("true"));
        }
        if (t.type() == Type.IDENT && isReserved(t.text())) {
            throw error(t, "'" + t.text() + "' is a temporal operator and cannot appear in a state formula here");
        }
        if (t.type() == Type.IDENT || t.type() == Type.NUMBER || t.is("-")) {
            IntExpression left = expression();
            Token op = peek();
            StateFormula.Relation rel = op.type() == Type.SYMBOL ? StateFormula.Relation.of(op.text()) : null;
            if (rel == null) {
                if (left instanceof IntExpression.Variable v) {
                    return new StateFormula.Label(v.name(), false, v.column());
                }
                throw error(op, "expected a comparison (=, !=, <, <=, >, >=) after '" + left + "', found "
                        + op.describe());
            }
            next();
            IntExpression right = expression();
            return new StateFormula.Comparison(left, rel, right, t.column());
        }
        throw error(t, "expected a state formula (a \"label\", true, false, !, ( or a comparison), found "
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
        while (peek().is("+") || peek().is("-")) {
            boolean minus = next().text().equals("-");
            IntExpression right = term();
            left = left.isConstant() && right.isConstant()
                    ? new IntExpression.Literal(minus ? left.value(null, 0) - right.value(null, 0)
                            : left.value(null, 0) + right.value(null, 0))
                    : new IntExpression.Sum(left, minus, right);
        }
        return left;
    }

    private IntExpression term() {
        Token t = next();
        if (t.is("-")) {
            IntExpression inner = term();
            return inner.isConstant() ? new IntExpression.Literal(-inner.value(null, 0))
                    : new IntExpression.Sum(new IntExpression.Literal(0), true, inner);
        }
        if (t.type() == Type.NUMBER) {
            try {
                return new IntExpression.Literal(Long.parseLong(t.text()));
            } catch (NumberFormatException e) {
                throw error(t, "'" + t.text() + "' is not an integer (state variables are compared with integers)");
            }
        }
        if (t.type() == Type.IDENT) {
            Number c = constants.get(t.text());
            if (c != null) {
                if (c instanceof Double) {
                    throw error(t, "constant '" + t.text() + "' is a double; an integer is needed here");
                }
                return new IntExpression.Literal(c.longValue());
            }
            return new IntExpression.Variable(t.text(), t.column());
        }
        if (t.is("(")) {
            throw error(t, "parentheses inside arithmetic are not supported");
        }
        throw error(t, "expected an integer, a constant or a state variable, found " + t.describe());
    }

    /** An integer made of literals and constants (a step bound). */
    private int intConstant() {
        Token t = peek();
        IntExpression e = expression();
        if (!e.isConstant()) {
            IntExpression.Variable v = firstVariable(e);
            throw error(v == null ? t : tokenAtColumn(v.column()), "unknown constant '" + (v == null ? e : v.name())
                    + "'" + (constants.isEmpty() ? "" : "; constants: " + String.join(", ", constants.keySet())));
        }
        long k = e.value(null, 0);
        if (k > Integer.MAX_VALUE || k < Integer.MIN_VALUE) {
            throw error(t, "the bound " + k + " is too large");
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

    private Token tokenAtColumn(int column) {
        for (Token t : tokens) {
            if (t.column() == column) {
                return t;
            }
        }
        return peek();
    }

    /** A number, a double constant or a fraction {@code a/b} of them. */
    private double number() {
        double a = numberAtom();
        if (peek().is("/")) {
            Token slash = next();
            double b = numberAtom();
            if (b == 0) {
                throw error(slash, "division by zero");
            }
            return a / b;
        }
        return a;
    }

    private double numberAtom() {
        Token t = next();
        if (t.type() == Type.NUMBER) {
            return Double.parseDouble(t.text());
        }
        if (t.type() == Type.IDENT && constants.containsKey(t.text())) {
            return constants.get(t.text()).doubleValue();
        }
        throw error(t, "expected a number, found " + t.describe());
    }

    // ---- tokens

    private Token peek() {
        return tokens.get(pos);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(pos);
        if (t.type() != Type.END) {
            pos++;
        }
        return t;
    }

    private void expect(String symbol) {
        Token t = peek();
        if (!t.is(symbol)) {
            if (symbol.equals("]") && t.is("{")) {
                throw error(t, "filters {...} are not supported; the value of every state is reported");
            }
            throw error(t, "expected '" + symbol + "', found " + t.describe());
        }
        next();
    }

    private void expectEnd() {
        Token t = peek();
        if (t.type() != Type.END) {
            if (t.is("{")) {
                throw error(t, "filters {...} are not supported; the value of every state is reported");
            }
            throw error(t, "unexpected " + t.describe() + " after a complete property");
        }
    }

    private PropertySyntaxException error(Token at, String problem) {
        return errors.at(at.column(), problem);
    }
}
