package org.sparsemdp.io;

import java.util.BitSet;

/**
 * A Boolean combination of state labels, as in PRISM properties: label names (optionally in
 * double quotes), {@code true}, {@code false}, {@code !} (not), {@code &} (and), {@code |} (or)
 * and parentheses, with the usual precedence ! &gt; &amp; &gt; |. For example
 * {@code finished&!agree} or {@code "goal1"|("goal2" & !hazard)}. PRISM's built-in labels
 * {@code init} and {@code deadlock} are always available (see {@link LoadedModel}).
 *
 * <p>Parsed once by recursive descent (the nesting depth is bounded by
 * {@link #MAX_DEPTH}), evaluated to a {@link BitSet} of states with whole-set operations.
 */
public final class LabelExpression {
    /** Deepest nesting of parentheses and negations accepted. */
    public static final int MAX_DEPTH = 200;

    private final String text;
    private final Node root;

    private LabelExpression(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException with the position of the problem for malformed text
     */
    public static LabelExpression parse(String text) {
        Parser p = new Parser(text);
        Node n = p.or(0);
        p.skipSpace();
        if (p.pos < text.length()) {
            throw p.error("unexpected '" + text.charAt(p.pos) + "'");
        }
        return new LabelExpression(text, n);
    }

    /**
     * The states of {@code model} satisfying this expression.
     *
     * @throws IllegalArgumentException naming the known labels if a label is unknown
     */
    public BitSet evaluate(LoadedModel model) {
        return root.eval(model, model.mdp().numStates());
    }

    @Override
    public String toString() {
        return text;
    }

    private interface Node {
        BitSet eval(LoadedModel m, int n);
    }

    private static final class Parser {
        final String s;
        int pos;

        Parser(String s) {
            this.s = s;
        }

        Node or(int depth) {
            Node left = and(depth);
            while (consume('|')) {
                Node l = left;
                Node r = and(depth);
                left = (m, n) -> {
                    BitSet b = l.eval(m, n);
                    b.or(r.eval(m, n));
                    return b;
                };
            }
            return left;
        }

        Node and(int depth) {
            Node left = unary(depth);
            while (consume('&')) {
                Node l = left;
                Node r = unary(depth);
                left = (m, n) -> {
                    BitSet b = l.eval(m, n);
                    b.and(r.eval(m, n));
                    return b;
                };
            }
            return left;
        }

        Node unary(int depth) {
            if (depth > MAX_DEPTH) {
                throw error("nested deeper than " + MAX_DEPTH);
            }
            if (consume('!')) {
                Node inner = unary(depth + 1);
                return (m, n) -> {
                    BitSet b = inner.eval(m, n);
                    b.flip(0, n);
                    return b;
                };
            }
            if (consume('(')) {
                Node inner = or(depth + 1);
                if (!consume(')')) {
                    throw error("expected ')'");
                }
                return inner;
            }
            String name = name();
            if (name.equals("true")) {
                return (m, n) -> {
                    BitSet b = new BitSet(n);
                    b.set(0, n);
                    return b;
                };
            }
            if (name.equals("false")) {
                return (m, n) -> new BitSet(n);
            }
            return (m, n) -> m.label(name);
        }

        String name() {
            skipSpace();
            if (pos < s.length() && s.charAt(pos) == '"') {
                int end = s.indexOf('"', pos + 1);
                if (end < 0) {
                    throw error("unterminated quoted label");
                }
                String n = s.substring(pos + 1, end);
                if (n.isEmpty()) {
                    throw error("empty label name");
                }
                pos = end + 1;
                return n;
            }
            int start = pos;
            while (pos < s.length() && isNameChar(s.charAt(pos))) {
                pos++;
            }
            if (start == pos) {
                throw error(pos < s.length() ? "expected a label name, found '" + s.charAt(pos) + "'"
                        : "expected a label name at the end");
            }
            return s.substring(start, pos);
        }

        static boolean isNameChar(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
        }

        boolean consume(char c) {
            skipSpace();
            if (pos < s.length() && s.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        IllegalArgumentException error(String problem) {
            return new IllegalArgumentException("label expression '" + s + "', position " + (pos + 1) + ": " + problem);
        }
    }
}
