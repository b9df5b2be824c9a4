package org.sparsemdp.property;

/**
 * An integer expression over state variables (of the model's {@code .sta} file) and integer
 * literals with {@code +} and {@code -}; constants of a properties file are substituted by the
 * parser.
 */
public sealed interface IntExpression {
    /** The value in {@code state}. */
    long value(StateValuations valuations, int state);

    /** Whether the expression reads no state variable. */
    boolean isConstant();

    /** An integer literal (or a substituted constant). */
    record Literal(long value) implements IntExpression {
        @Override
        public long value(StateValuations valuations, int state) {
            return value;
        }

        @Override
        public boolean isConstant() {
            return true;
        }

        @Override
        public String toString() {
            return Long.toString(value);
        }
    }

    /** A state variable, with the column where it was written. */
    record Variable(String name, int column) implements IntExpression {
        @Override
        public long value(StateValuations valuations, int state) {
            return valuations.value(valuations.indexOf(name), state);
        }

        @Override
        public boolean isConstant() {
            return false;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** {@code left + right} or {@code left - right}. */
    record Sum(IntExpression left, boolean minus, IntExpression right) implements IntExpression {
        @Override
        public long value(StateValuations valuations, int state) {
            long a = left.value(valuations, state);
            long b = right.value(valuations, state);
            return minus ? a - b : a + b;
        }

        @Override
        public boolean isConstant() {
            return left.isConstant() && right.isConstant();
        }

        @Override
        public String toString() {
            return left + (minus ? "-" : "+") + right;
        }
    }
}
