package org.sparsemdp.property;

/**
 * The path formula inside a property's brackets. Step bounds are inclusive ({@code F<k} is
 * parsed as {@code F<=k-1}); {@link #UNBOUNDED} marks an unbounded operator.
 */
public sealed interface PathFormula {
    /** The step bound of an unbounded operator. */
    int UNBOUNDED = -1;

    /** {@code left U<=bound right}; {@code F φ} is {@code true U φ}. */
    record Until(StateFormula left, StateFormula right, int bound) implements PathFormula {
        @Override
        public String toString() {
            return left + " U" + (bound == UNBOUNDED ? "" : "<=" + bound) + " " + right;
        }
    }

    /** {@code G<=bound φ}: φ holds in every state of the first bound+1 (or all) states of the run. */
    record Globally(StateFormula operand, int bound) implements PathFormula {
        @Override
        public String toString() {
            return "G" + (bound == UNBOUNDED ? "" : "<=" + bound) + " " + operand;
        }
    }

    /** {@code X φ}: φ holds in the next state. */
    record Next(StateFormula operand) implements PathFormula {
        @Override
        public String toString() {
            return "X " + operand;
        }
    }

    /** Reward {@code F φ}: the reward accumulated until φ is first reached. */
    record ReachReward(StateFormula target) implements PathFormula {
        @Override
        public String toString() {
            return "F " + target;
        }
    }

    /** Reward {@code C} or {@code C<=bound}: the total reward of the (first bound steps of the) run. */
    record Cumulative(int bound) implements PathFormula {
        @Override
        public String toString() {
            return "C" + (bound == UNBOUNDED ? "" : "<=" + bound);
        }
    }

    /** Storm's {@code C discount=g}: the expected discounted total reward, 0 &lt; g &lt; 1. */
    record DiscountedCumulative(double discount) implements PathFormula {
        @Override
        public String toString() {
            return "C discount=" + discount;
        }
    }

    /** Reward {@code I=k}: the expected state reward at step k. */
    record Instantaneous(int step) implements PathFormula {
        @Override
        public String toString() {
            return "I=" + step;
        }
    }

    /**
     * The long-run average: of the reward ({@code R=? [ S ]}, {@code R=? [ LRA ]}; {@code operand}
     * null) or of the fraction of time in φ ({@code LRA=? [ φ ]}).
     */
    record LongRunAverage(StateFormula operand) implements PathFormula {
        @Override
        public String toString() {
            return operand == null ? "S" : "LRA " + operand;
        }
    }
}
