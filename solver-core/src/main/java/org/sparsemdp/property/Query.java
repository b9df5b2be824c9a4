package org.sparsemdp.property;

import java.util.BitSet;
import java.util.Objects;
import org.sparsemdp.model.Objective;

/**
 * What to compute on a model: one objective of the undiscounted (and discounted) vocabulary of
 * PRISM and Storm, with its state sets resolved. Built from a {@link Property} by
 * {@link #of(Property, StateContext)} or directly by the factories; evaluated by
 * {@link QueryEvaluator}.
 *
 * <table>
 *   <caption>Kinds and their PRISM/Storm syntax</caption>
 *   <tr><th>kind</th><th>property</th><th>fields</th></tr>
 *   <tr><td>REACH_PROBABILITY</td><td>P=? [ φ U ψ ], [ F ψ ], [ φ U&lt;=k ψ ], [ F&lt;=k ψ ]</td><td>safe = φ, target = ψ, steps</td></tr>
 *   <tr><td>SAFETY_PROBABILITY</td><td>P=? [ G φ ], [ G&lt;=k φ ]</td><td>safe = φ, steps</td></tr>
 *   <tr><td>NEXT_PROBABILITY</td><td>P=? [ X ψ ]</td><td>target</td></tr>
 *   <tr><td>REACH_REWARD</td><td>R=? [ F ψ ]</td><td>target</td></tr>
 *   <tr><td>TOTAL_REWARD</td><td>R=? [ C ], [ C&lt;=k ]</td><td>steps</td></tr>
 *   <tr><td>TOTAL_UNTIL_TERMINAL</td><td>(no syntax: the stochastic shortest path, reward until a state without choices)</td><td></td></tr>
 *   <tr><td>DISCOUNTED_TOTAL</td><td>R=? [ C discount=g ] (Storm)</td><td>discount</td></tr>
 *   <tr><td>INSTANTANEOUS</td><td>R=? [ I=k ]</td><td>steps</td></tr>
 *   <tr><td>LONG_RUN_AVERAGE</td><td>R=? [ S ], R=? [ LRA ], LRA=? [ φ ]</td><td>target = φ or null</td></tr>
 * </table>
 */
public final class Query {
    /** The objectives. */
    public enum Kind {
        REACH_PROBABILITY, SAFETY_PROBABILITY, NEXT_PROBABILITY, REACH_REWARD, TOTAL_REWARD, TOTAL_UNTIL_TERMINAL,
        DISCOUNTED_TOTAL, INSTANTANEOUS, LONG_RUN_AVERAGE;

        /** Whether the objective reads a reward structure. */
        public boolean isReward() {
            return this == REACH_REWARD || this == TOTAL_REWARD || this == TOTAL_UNTIL_TERMINAL
                    || this == DISCOUNTED_TOTAL || this == INSTANTANEOUS;
        }
    }

    /** The step count of an unbounded objective. */
    public static final int UNBOUNDED = PathFormula.UNBOUNDED;

    private final Kind kind;
    private final Objective direction;
    private final BitSet safe;
    private final BitSet target;
    private final int steps;
    private final String rewardStructure;
    private final double discount;

    private Query(Kind kind, Objective direction, BitSet safe, BitSet target, int steps, String rewardStructure,
                  double discount) {
        this.kind = kind;
        this.direction = Objects.requireNonNull(direction, "direction");
        this.safe = safe == null ? null : (BitSet) safe.clone();
        this.target = target == null ? null : (BitSet) target.clone();
        this.steps = steps;
        this.rewardStructure = rewardStructure;
        this.discount = discount;
        if (steps < UNBOUNDED) {
            throw new IllegalArgumentException("steps must be >= 0 (or UNBOUNDED), not " + steps);
        }
    }

    /** Pmin/Pmax of {@code safe U<=steps target} ({@code safe} null: {@code F}); steps may be {@link #UNBOUNDED}. */
    public static Query reachProbability(BitSet safe, BitSet target, int steps, Objective direction) {
        return new Query(Kind.REACH_PROBABILITY, direction, safe, Objects.requireNonNull(target, "target"), steps,
                null, 1.0);
    }

    /** Pmin/Pmax of {@code G<=steps safe}. */
    public static Query safetyProbability(BitSet safe, int steps, Objective direction) {
        return new Query(Kind.SAFETY_PROBABILITY, direction, Objects.requireNonNull(safe, "safe"), null, steps, null, 1.0);
    }

    /** Pmin/Pmax of {@code X target}. */
    public static Query nextProbability(BitSet target, Objective direction) {
        return new Query(Kind.NEXT_PROBABILITY, direction, null, Objects.requireNonNull(target, "target"), 1, null, 1.0);
    }

    /** Rmin/Rmax of the reward until {@code target} ({@code R[F target]}); structure null: the default. */
    public static Query reachReward(String rewardStructure, BitSet target, Objective direction) {
        return new Query(Kind.REACH_REWARD, direction, null, Objects.requireNonNull(target, "target"), UNBOUNDED,
                rewardStructure, 1.0);
    }

    /** Rmin/Rmax of the total reward {@code R[C]}, or of the first {@code steps} steps {@code R[C<=steps]}. */
    public static Query totalReward(String rewardStructure, int steps, Objective direction) {
        return new Query(Kind.TOTAL_REWARD, direction, null, null, steps, rewardStructure, 1.0);
    }

    /** The total reward until a terminal state (stochastic shortest path). */
    public static Query totalUntilTerminal(String rewardStructure, Objective direction) {
        return new Query(Kind.TOTAL_UNTIL_TERMINAL, direction, null, null, UNBOUNDED, rewardStructure, 1.0);
    }

    /** The expected discounted total reward with discount 0 &lt; g &lt; 1 ({@code R[C discount=g]}). */
    public static Query discountedTotal(String rewardStructure, double discount, Objective direction) {
        if (!(discount > 0 && discount < 1)) {
            throw new IllegalArgumentException("the discount must lie in (0, 1), not " + discount);
        }
        return new Query(Kind.DISCOUNTED_TOTAL, direction, null, null, UNBOUNDED, rewardStructure, discount);
    }

    /** The expected state reward after exactly {@code steps} steps ({@code R[I=steps]}). */
    public static Query instantaneous(String rewardStructure, int steps, Objective direction) {
        if (steps < 0) {
            throw new IllegalArgumentException("I=k needs k >= 0, not " + steps);
        }
        return new Query(Kind.INSTANTANEOUS, direction, null, null, steps, rewardStructure, 1.0);
    }

    /** The long-run average reward (states null) or fraction of time in {@code states}. */
    public static Query longRunAverage(String rewardStructure, BitSet states, Objective direction) {
        return new Query(Kind.LONG_RUN_AVERAGE, direction, null, states, UNBOUNDED, rewardStructure, 1.0);
    }

    /**
     * The query of {@code property} on the model of {@code context}; the property's direction
     * must be given (see {@link Property#withDefaultDirection}).
     *
     * @throws IllegalArgumentException for an unknown label or state variable
     */
    public static Query of(Property property, StateContext context) {
        Objective dir = property.direction();
        if (dir == null) {
            throw new IllegalArgumentException("property '" + property.text() + "' gives no direction (min or max)");
        }
        PathFormula p = property.path();
        String rs = property.rewardStructure();
        if (p instanceof PathFormula.Until u) {
            BitSet left = u.left() instanceof StateFormula.Bool b && b.value() ? null : u.left().evaluate(context);
            return reachProbability(left, u.right().evaluate(context), u.bound(), dir);
        }
        if (p instanceof PathFormula.Globally g) {
            return safetyProbability(g.operand().evaluate(context), g.bound(), dir);
        }
        if (p instanceof PathFormula.Next x) {
            return nextProbability(x.operand().evaluate(context), dir);
        }
        if (p instanceof PathFormula.ReachReward r) {
            return reachReward(rs, r.target().evaluate(context), dir);
        }
        if (p instanceof PathFormula.Cumulative c) {
            return totalReward(rs, c.bound(), dir);
        }
        if (p instanceof PathFormula.DiscountedCumulative d) {
            return discountedTotal(rs, d.discount(), dir);
        }
        if (p instanceof PathFormula.Instantaneous i) {
            return instantaneous(rs, i.step(), dir);
        }
        PathFormula.LongRunAverage l = (PathFormula.LongRunAverage) p;
        return longRunAverage(rs, l.operand() == null ? null : l.operand().evaluate(context), dir);
    }

    /** The objective. */
    public Kind kind() {
        return kind;
    }

    /** Minimise or maximise. */
    public Objective direction() {
        return direction;
    }

    /** φ of {@code φ U ψ} / {@code G φ}; null means all states. A copy. */
    public BitSet safe() {
        return safe == null ? null : (BitSet) safe.clone();
    }

    /** ψ of {@code F ψ}, {@code φ U ψ}, {@code X ψ}, {@code R[F ψ]}, or the states of {@code LRA=? [ψ]}. A copy or null. */
    public BitSet target() {
        return target == null ? null : (BitSet) target.clone();
    }

    /** The step bound, or {@link #UNBOUNDED}. */
    public int steps() {
        return steps;
    }

    /** Whether the objective has a step bound (it is then solved exactly by backward induction). */
    public boolean isStepBounded() {
        return steps != UNBOUNDED;
    }

    /** The reward structure (name or 1-based index), or null for the model's default. */
    public String rewardStructure() {
        return rewardStructure;
    }

    /** The discount of {@link Kind#DISCOUNTED_TOTAL}, 1 otherwise. */
    public double discount() {
        return discount;
    }

    @Override
    public String toString() {
        return kind + "(" + direction.keyword() + (steps == UNBOUNDED ? "" : ", steps " + steps)
                + (rewardStructure == null ? "" : ", rewards " + rewardStructure)
                + (kind == Kind.DISCOUNTED_TOTAL ? ", discount " + discount : "") + ")";
    }
}
