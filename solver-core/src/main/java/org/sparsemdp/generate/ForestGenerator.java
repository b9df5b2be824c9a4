package org.sparsemdp.generate;

import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;

/**
 * The forest-management problem of pymdptoolbox ({@code mdptoolbox.example.forest(S, r1, r2, p)},
 * after Possingham &amp; Tuck, "Application of stochastic dynamic programming to optimal fire
 * management of a spatially structured threatened species", MODSIM 1997; the model of
 * pymdptoolbox by S. Cordwell).
 *
 * <p>State s ∈ {0, …, S−1} is the age class of the forest. Two actions per state, in this order:
 * <ul>
 *   <li>{@code wait}: with probability p a fire burns the forest back to state 0, otherwise it
 *       grows to min(s + 1, S − 1); reward r1 in the oldest state S − 1, 0 elsewhere;</li>
 *   <li>{@code cut}: back to state 0 with probability 1; reward 0 in state 0, r2 in the oldest
 *       state and 1 in between.</li>
 * </ul>
 * Maximise the discounted reward. pymdptoolbox's defaults are S = 3, r1 = 4, r2 = 2, p = 0.1;
 * with γ = 0.9 the optimal values are (26.244, 29.484, 33.484) and the policy waits everywhere
 * (pymdptoolbox documentation of {@code PolicyIteration}).
 *
 * <p>Generation streams 3·S transitions into an {@link MdpBuilder} in state order: time and memory
 * are linear in S. Deterministic (no randomness).
 */
public final class ForestGenerator {
    /** pymdptoolbox's default number of states. */
    public static final int DEFAULT_STATES = 3;
    /** pymdptoolbox's default reward for waiting in the oldest state. */
    public static final double DEFAULT_R1 = 4;
    /** pymdptoolbox's default reward for cutting in the oldest state. */
    public static final double DEFAULT_R2 = 2;
    /** pymdptoolbox's default fire probability. */
    public static final double DEFAULT_FIRE_PROBABILITY = 0.1;
    /** The discount used in pymdptoolbox's documented examples. */
    public static final double DEFAULT_DISCOUNT = 0.9;

    private final int states;
    private final double r1;
    private final double r2;
    private final double p;
    private final double discount;

    /**
     * @param states   S ≥ 2 (as pymdptoolbox requires)
     * @param r1       reward for waiting in the oldest state, finite
     * @param r2       reward for cutting in the oldest state, finite
     * @param p        fire probability in [0, 1]
     * @param discount 0 &lt; γ ≤ 1
     * @throws IllegalArgumentException on a parameter out of range
     */
    public ForestGenerator(int states, double r1, double r2, double p, double discount) {
        if (states < 2) {
            throw new IllegalArgumentException("forest: the number of states must be at least 2, got " + states);
        }
        if (!Double.isFinite(r1) || !Double.isFinite(r2)) {
            throw new IllegalArgumentException("forest: rewards must be finite, got r1=" + r1 + ", r2=" + r2);
        }
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("forest: the fire probability must be in [0, 1], got " + p);
        }
        if (!(discount > 0 && discount <= 1)) {
            throw new IllegalArgumentException("forest: the discount must be in (0, 1], got " + discount);
        }
        this.states = states;
        this.r1 = r1;
        this.r2 = r2;
        this.p = p;
        this.discount = discount;
    }

    /** pymdptoolbox's default instance (S = 3, r1 = 4, r2 = 2, p = 0.1) with γ = 0.9. */
    public static ForestGenerator pymdptoolboxDefault() {
        return new ForestGenerator(DEFAULT_STATES, DEFAULT_R1, DEFAULT_R2, DEFAULT_FIRE_PROBABILITY, DEFAULT_DISCOUNT);
    }

    /** Builds the model (initial state 0, the bare land). */
    public Mdp generate() {
        MdpBuilder b = new MdpBuilder(states).objective(Objective.MAXIMIZE).discount(discount).initialStates(0)
                .ensureCapacity(2L * states, (p > 0 && p < 1 ? 3L : 2L) * states); // exact: no growth, no trim
        for (int s = 0; s < states; s++) {
            b.startChoice(s, "wait", s == states - 1 ? r1 : 0.0);
            b.addTransition(0, p);
            b.addTransition(Math.min(s + 1, states - 1), 1 - p);
            b.finishChoice();
            b.startChoice(s, "cut", s == 0 ? 0.0 : s == states - 1 ? r2 : 1.0);
            b.addTransition(0, 1.0);
            b.finishChoice();
        }
        return b.build();
    }
}
