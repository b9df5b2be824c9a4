package org.sparsemdp.property;

import java.util.BitSet;

/**
 * A state formula φ of a property: labels, {@code true}/{@code false}, {@code !}, {@code &},
 * {@code |}, {@code =>}, {@code <=>} and comparisons of state variables. Evaluated to the set
 * of states satisfying it with whole-set operations.
 */
public sealed interface StateFormula {
    /** The states satisfying this formula. */
    BitSet evaluate(StateContext context);

    /** {@code true} or {@code false}. */
    record Bool(boolean value) implements StateFormula {
        @Override
        public BitSet evaluate(StateContext context) {
            BitSet b = new BitSet(context.numStates());
            if (value) {
                b.set(0, context.numStates());
            }
            return b;
        }

        @Override
        public String toString() {
            return Boolean.toString(value);
        }
    }

    /**
     * A label: quoted ({@code "goal"}) or a bare name, which may also be a Boolean state variable
     * of the {@code .sta} file; {@code column} is where it was written.
     */
    record Label(String name, boolean quoted, int column) implements StateFormula {
        @Override
        public BitSet evaluate(StateContext context) {
            return context.label(this);
        }

        @Override
        public String toString() {
            return quoted ? "\"" + name + "\"" : name;
        }
    }

    /** {@code !operand}. */
    record Not(StateFormula operand) implements StateFormula {
        @Override
        public BitSet evaluate(StateContext context) {
            BitSet b = operand.evaluate(context);
            b.flip(0, context.numStates());
            return b;
        }

        @Override
        public String toString() {
            return "!" + operand;
        }
    }

    /** A binary Boolean connective. */
    record Binary(Connective op, StateFormula left, StateFormula right) implements StateFormula {
        @Override
        public BitSet evaluate(StateContext context) {
            BitSet a = left.evaluate(context);
            BitSet b = right.evaluate(context);
            int n = context.numStates();
            switch (op) {
                case AND:
                    a.and(b);
                    return a;
                case OR:
                    a.or(b);
                    return a;
                case IMPLIES:
                    a.flip(0, n);
                    a.or(b);
                    return a;
                default: // IFF
                    a.xor(b);
                    a.flip(0, n);
                    return a;
            }
        }

        @Override
        public String toString() {
            return "(" + left + " " + op.symbol + " " + right + ")";
        }
    }

    /** The Boolean connectives. */
    enum Connective {
        AND("&"), OR("|"), IMPLIES("=>"), IFF("<=>");

        final String symbol;

        Connective(String symbol) {
            this.symbol = symbol;
        }
    }

    /** A comparison of integer expressions over state variables, such as {@code x=1} or {@code y+1<z}. */
    record Comparison(IntExpression left, Relation op, IntExpression right, int column) implements StateFormula {
        @Override
        public BitSet evaluate(StateContext context) {
            StateValuations v = context.valuations(this);
            int n = context.numStates();
            BitSet b = new BitSet(n);
            for (int s = 0; s < n; s++) {
                if (op.holds(Long.compare(left.value(v, s), right.value(v, s)))) {
                    b.set(s);
                }
            }
            return b;
        }

        @Override
        public String toString() {
            return left + op.symbol + right;
        }
    }

    /** The comparison operators. */
    enum Relation {
        EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

        final String symbol;

        Relation(String symbol) {
            this.symbol = symbol;
        }

        boolean holds(int cmp) {
            switch (this) {
                case EQ:
                    return cmp == 0;
                case NE:
                    return cmp != 0;
                case LT:
                    return cmp < 0;
                case LE:
                    return cmp <= 0;
                case GT:
                    return cmp > 0;
                default:
                    return cmp >= 0;
            }
        }

        static Relation of(String symbol) {
            for (Relation r : values()) {
                if (r.symbol.equals(symbol)) {
                    return r;
                }
            }
            return null;
        }
    }
}
