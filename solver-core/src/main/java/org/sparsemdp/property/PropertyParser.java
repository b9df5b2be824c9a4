package org.sparsemdp.property;

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
    private final TokenCursor cursor;
    private final FormulaParser formulas;

    private PropertyParser(String text, Map<String, Number> constants, Lexer.ErrorSink errors) {
        this.text = text;
        this.cursor = new TokenCursor(text, errors);
        this.formulas = new FormulaParser(cursor, constants);
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
        p.cursor.expectEnd();
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
        StateFormula f = p.formulas.formula(0);
        p.cursor.expectEnd();
        return f;
    }

    // ---- queries

    private Property property() {
        String name = null;
        if (cursor.peek().type() == Type.STRING && cursor.peek(1).is(":")) {
            name = cursor.next().text();
            cursor.next();
        }
        int start = cursor.peek().column() - 1;
        Token op = cursor.next();
        if (op.type() != Type.IDENT) {
            throw cursor.error(op, "expected P, R or LRA, found " + op.describe());
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
                cursor.expect("[");
                PathFormula path = probabilityPath();
                cursor.expect("]");
                result = new Property(name, text.substring(start).trim(), false, null, dir, path);
                break;
            }
            case "R":
            case "Rmin":
            case "Rmax": {
                Objective dir = directionSuffix(kind.substring(1));
                String structure = null;
                if (cursor.peek().is("{")) {
                    cursor.next();
                    Token s = cursor.next();
                    if (s.type() == Type.STRING) {
                        structure = s.text();
                    } else if (s.type() == Type.NUMBER && s.text().matches("[0-9]+")) {
                        structure = s.text();
                        if (Integer.parseInt(s.text()) < 1) {
                            throw cursor.error(s, "reward structures are numbered from 1");
                        }
                    } else if (s.type() == Type.IDENT) {
                        throw cursor.error(s, "reward structure names are quoted: R{\"" + s.text() + "\"}");
                    } else {
                        throw cursor.error(s, "expected a reward structure name in quotes or a number, found " + s.describe());
                    }
                    cursor.expect("}");
                }
                dir = directionWord(dir);
                expectQuestion(op);
                cursor.expect("[");
                PathFormula path = rewardPath();
                cursor.expect("]");
                result = new Property(name, text.substring(start).trim(), true, structure, dir, path);
                break;
            }
            case "LRA":
            case "LRAmin":
            case "LRAmax": {
                Objective dir = directionSuffix(kind.substring(3));
                dir = directionWord(dir);
                expectQuestion(op);
                cursor.expect("[");
                StateFormula f = formulas.formula(0);
                cursor.expect("]");
                result = new Property(name, text.substring(start).trim(), false, null, dir,
                        new PathFormula.LongRunAverage(f));
                break;
            }
            case "S":
                throw cursor.error(op, "the steady-state operator S=? [ φ ] is for Markov chains; for an MDP ask"
                        + " LRAmin=? [ φ ] or LRAmax=? [ φ ]");
            case "E":
            case "A":
                throw cursor.error(op, "path quantifiers E and A (CTL) are not supported; ask P=? [...]");
            case "multi":
                throw cursor.error(op, "multi-objective queries are not supported");
            case "filter":
                throw cursor.error(op, "filters are not supported; the value of every state is reported");
            default:
                throw cursor.error(op, "expected P, R or LRA, found " + op.describe());
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
        if (cursor.peek().type() == Type.IDENT && (cursor.peek().text().equals("min") || cursor.peek().text().equals("max"))) {
            Token t = cursor.next();
            if (dir != null) {
                throw cursor.error(t, "the direction is already given");
            }
            return directionSuffix(t.text());
        }
        return dir;
    }

    private void expectQuestion(Token op) {
        Token t = cursor.peek();
        if (t.is("=?")) {
            cursor.next();
            return;
        }
        if (t.is(">=") || t.is(">") || t.is("<=") || t.is("<") || t.is("=")) {
            throw cursor.error(t, "threshold queries (" + op.text() + t.text() + "...) are not supported; ask for the value: "
                    + op.text() + "=?");
        }
        throw cursor.error(t, "expected '=?' after " + op.text() + ", found " + t.describe());
    }

    private PathFormula probabilityPath() {
        Token t = cursor.peek();
        if (t.is("F")) {
            cursor.next();
            int bound = optionalBound("F");
            return new PathFormula.Until(new StateFormula.Bool(true), formulas.formula(0), bound);
        }
        if (t.is("G")) {
            cursor.next();
            int bound = optionalBound("G");
            return new PathFormula.Globally(formulas.formula(0), bound);
        }
        if (t.is("X")) {
            cursor.next();
            return new PathFormula.Next(formulas.formula(0));
        }
        if (t.is("W") || t.is("R")) {
            throw cursor.error(t, "the operator " + t.text() + " is not supported");
        }
        StateFormula left = formulas.formula(0);
        Token u = cursor.peek();
        if (u.is("U")) {
            cursor.next();
            int bound = optionalBound("U");
            return new PathFormula.Until(left, formulas.formula(0), bound);
        }
        if (u.is("W") || u.is("R")) {
            throw cursor.error(u, "the operator " + u.text() + " (weak until / release) is not supported");
        }
        throw cursor.error(u, "expected a path formula (F φ, G φ, X φ or φ U ψ) but found only a state formula; then "
                + u.describe() + " (expected 'U')");
    }

    /** A step bound after F, G or U: none, {@code <=k}, {@code <k} or {@code [0,k]}. */
    private int optionalBound(String operator) {
        Token t = cursor.peek();
        if (t.is("<=")) {
            cursor.next();
            return nonNegative(formulas.intConstant(), t, operator + "<=");
        }
        if (t.is("<")) {
            cursor.next();
            int k = formulas.intConstant();
            if (k < 1) {
                throw cursor.error(t, operator + "<" + k + " holds for no step: the bound must be at least 1");
            }
            return k - 1;
        }
        if (t.is("[")) {
            cursor.next();
            Token lo = cursor.peek();
            int a = formulas.intConstant();
            cursor.expect(",");
            int b = formulas.intConstant();
            cursor.expect("]");
            if (a != 0) {
                throw cursor.error(lo, "interval bounds " + operator + "[a,b] with a > 0 are not supported; only "
                        + operator + "[0,k] (= " + operator + "<=k)");
            }
            return nonNegative(b, t, operator + "[0,");
        }
        if (t.is(">=") || t.is(">") || t.is("=")) {
            throw cursor.error(t, "lower step bounds (" + operator + t.text() + "k) are not supported; only "
                    + operator + "<=k and " + operator + "<k");
        }
        return PathFormula.UNBOUNDED;
    }

    private int nonNegative(int k, Token at, String what) {
        if (k < 0) {
            throw cursor.error(at, "the step bound " + what + k + " is negative");
        }
        return k;
    }

    private PathFormula rewardPath() {
        Token t = cursor.peek();
        switch (t.type() == Type.IDENT ? t.text() : "") {
            case "F": {
                cursor.next();
                Token b = cursor.peek();
                if (b.is("<=") || b.is("<") || b.is("[") || b.is(">=") || b.is(">")) {
                    throw cursor.error(b, "step-bounded reachability rewards (F<=k) are not supported; ask R=? [ C<=k ]");
                }
                return new PathFormula.ReachReward(formulas.formula(0));
            }
            case "C": {
                cursor.next();
                Token b = cursor.peek();
                if (b.is("<=")) {
                    cursor.next();
                    return new PathFormula.Cumulative(nonNegative(formulas.intConstant(), b, "C<="));
                }
                if (b.is("<")) {
                    cursor.next();
                    int k = formulas.intConstant();
                    if (k < 1) {
                        throw cursor.error(b, "C<" + k + " covers no step: the bound must be at least 1");
                    }
                    return new PathFormula.Cumulative(k - 1);
                }
                if (b.is("discount")) {
                    cursor.next();
                    cursor.expect("=");
                    Token g = cursor.peek();
                    double d = formulas.number();
                    if (!(d > 0 && d < 1)) {
                        throw cursor.error(g, "the discount must lie strictly between 0 and 1, not " + d);
                    }
                    return new PathFormula.DiscountedCumulative(d);
                }
                return new PathFormula.Cumulative(PathFormula.UNBOUNDED);
            }
            case "I": {
                cursor.next();
                cursor.expect("=");
                Token k = cursor.peek();
                return new PathFormula.Instantaneous(nonNegative(formulas.intConstant(), k, "I="));
            }
            case "S":
            case "LRA":
                cursor.next();
                return new PathFormula.LongRunAverage(null);
            default:
                throw cursor.error(t, "expected a reward path formula (F φ, C, C<=k, C discount=g, I=k, S or LRA), found "
                        + t.describe());
        }
    }
}
