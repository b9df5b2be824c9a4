package org.sparsemdp.solve.horizon;

import java.util.BitSet;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.result.Status;
import org.sparsemdp.solve.BellmanKernel;
import org.sparsemdp.solve.RunLimits;
import org.sparsemdp.solve.SolverOptions;

/**
 * Finite-horizon optimisation by exact backward induction (Puterman 1994, <i>Markov Decision
 * Processes</i>, §4.5, the backward induction algorithm):
 * <pre>
 *   v_0 = initial;  for k = 1..steps:
 *   v_k(s) = initial[s]                                   if frozen != null and s in frozen
 *          = 0                                            if s is terminal (no choices) and not frozen
 *          = opt_{c in choices(s)} r[c] + γ Σ p(c,s') v_{k-1}(s')   otherwise
 * </pre>
 * with opt = max or min per the direction. v<sub>k</sub>(s) is the optimal expected total
 * (discounted) reward of k steps from s plus the discounted {@code initial} value of the state
 * reached after them; the choice attaining the optimum in step k (the first one in case of ties)
 * is the optimal decision with k steps to go, so the kept rows form an optimal non-stationary
 * policy. There is no stopping rule: the run makes exactly {@code steps} sweeps (unless a limit
 * stops it first), each a Jacobi sweep over the raw CSR arrays with the summation order of
 * {@link BellmanKernel#expectation}. For the model's own rewards, discount and direction without
 * frozen states the sweep is value iteration's own ({@link BellmanKernel#jacobiSweep}), so each
 * step costs exactly a sweep of {@code vi}; otherwise a copy of that loop with the extra terms.
 *
 * <p>The same engine serves step-bounded properties: reachability F≤k (initial = indicator of
 * the target, frozen = target, no reward, γ = 1), bounded until φ U≤k ψ (initial = 1 on ψ,
 * frozen = ψ ∪ (¬φ ∧ ¬ψ)), bounded cumulative reward C≤k (initial = 0) and instantaneous reward
 * I=k (initial = state reward, no choice reward).
 *
 * <p>Memory: two value vectors (16 bytes per state) and, if the policy is kept, one byte per
 * state and step (4 bytes when some state has more than 255 choices), checked against the free
 * heap before the run; no allocation per step. Sequential: {@link #run(Mdp, int, boolean, SolverOptions)}
 * rejects {@link SolverOptions#threads()} &gt; 1 ({@link org.sparsemdp.solve.ThreadsRefusedException}).
 */
public final class BackwardInduction {
    /** The method's name in messages. */
    public static final String NAME = "backward induction";

    private BackwardInduction() {
    }

    /**
     * The N-step problem of the model itself: its rewards, discount and objective, v<sub>0</sub> = 0.
     *
     * @see #run(Mdp, double[], double[], BitSet, double, Objective, int, boolean, RunLimits)
     */
    public static HorizonResult run(Mdp mdp, int steps, boolean keepPolicy, SolverOptions options) {
        options.requireSequential(NAME);
        return run(mdp, mdp.rewardArray(), new double[mdp.numStates()], null, mdp.discount(), mdp.objective(),
                steps, keepPolicy, RunLimits.of(options));
    }

    /**
     * Exact backward induction over {@code steps} steps (see the class comment).
     *
     * @param choiceReward per-choice reward, or {@code null} for all zero
     * @param initial      v<sub>0</sub>, also the value kept by frozen states
     * @param frozen       states that keep their initial value, or {@code null} for none
     * @param discount     γ ≥ 0 applied to each step's successor values
     * @param keepPolicy   whether to keep the optimal choice of every state and step
     * @param limits       listener, iteration cap and deadline checked after each step, or
     *                     {@code null} for none
     * @return v<sub>steps</sub> and the policy; a run stopped by {@code limits} returns the values
     *         after the steps it completed, with the status naming the limit
     * @throws IllegalArgumentException if an array has the wrong length, {@code steps} &lt; 0 or γ
     *                                  is negative or not finite
     * @throws org.sparsemdp.model.InvalidModelException if the kept policy cannot fit in the heap
     */
    public static HorizonResult run(Mdp mdp, double[] choiceReward, double[] initial, BitSet frozen,
                                    double discount, Objective direction, int steps, boolean keepPolicy,
                                    RunLimits limits) {
        return run(mdp, choiceReward, initial, frozen, discount, direction, steps, keepPolicy, limits, null);
    }

    /**
     * {@link #run(Mdp, double[], double[], BitSet, double, Objective, int, boolean, RunLimits)} that
     * also hands every step's values and choices to {@code observer} (null: none) as they are
     * computed, from 1 step to go up to {@code steps}: the whole policy can be streamed out with
     * {@code keepPolicy} false and memory independent of the horizon.
     */
    public static HorizonResult run(Mdp mdp, double[] choiceReward, double[] initial, BitSet frozen,
                                    double discount, Objective direction, int steps, boolean keepPolicy,
                                    RunLimits limits, StepObserver observer) {
        final long start = System.nanoTime();
        final int n = mdp.numStates();
        checkArguments(mdp, choiceReward, initial, discount, steps);
        StepChoices policy = keepPolicy ? StepChoices.allocate(mdp, steps) : null;
        int[] choices = keepPolicy || observer != null ? new int[n] : null;
        double[] previous = initial.clone();
        double[] next = new double[n];
        double[] range = new double[2];
        Status status = Status.CONVERGED;
        int done = 0;
        // the model's own step: the value-iteration kernel itself (v_0 matters only through the values)
        boolean plain = frozen == null && choiceReward == mdp.rewardArray() && discount == mdp.discount()
                && direction == mdp.objective();
        if (plain && choices == null) {
            choices = new int[n];
        }
        while (done < steps) {
            if (plain) {
                BellmanKernel.jacobiSweep(mdp, previous, next, choices, 0, n, range);
            } else {
                sweep(mdp, choiceReward, initial, frozen, discount, direction, previous, next, choices, range);
            }
            done++;
            if (policy != null) {
                policy.setRow(done, choices);
            }
            if (observer != null) {
                observer.afterStep(done, next, choices);
            }
            double[] swap = previous;
            previous = next;
            next = swap;
            if (limits != null && done < steps) {
                Status stop = limits.check(done, Math.max(Math.abs(range[0]), Math.abs(range[1])), 0.0);
                if (stop != null) {
                    status = stop;
                    break;
                }
            }
        }
        return new HorizonResult(previous, done, policy, status, done, (System.nanoTime() - start) / 1e9);
    }

    private static void checkArguments(Mdp mdp, double[] choiceReward, double[] initial, double discount, int steps) {
        if (choiceReward != null && choiceReward.length != mdp.numChoices()) {
            throw new IllegalArgumentException("choiceReward has " + choiceReward.length + " entries, the model "
                    + mdp.numChoices() + " choices");
        }
        if (initial.length != mdp.numStates()) {
            throw new IllegalArgumentException("initial has " + initial.length + " entries, the model "
                    + mdp.numStates() + " states");
        }
        if (!(discount >= 0 && Double.isFinite(discount))) {
            throw new IllegalArgumentException("discount must be finite and non-negative, got " + discount);
        }
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be non-negative, got " + steps);
        }
    }

    /**
     * One backward step {@code out = T v} (see the class comment); records the optimal choice per
     * state in {@code choices} if non-null, and the min and max of out − v in {@code range}.
     */
    static void sweep(Mdp mdp, double[] reward, double[] initial, BitSet frozen, double gamma, Objective direction,
                      double[] v, double[] out, int[] choices, double[] range) {
        final int[] choiceStart = mdp.choiceStartArray();
        final int[] transStart = mdp.transitionStartArray();
        final int[] successor = mdp.successorArray();
        final double[] probability = mdp.probabilityArray();
        final double sign = direction == Objective.MINIMIZE ? -1.0 : 1.0; // opt = sign * max(sign * q)
        double minDelta = Double.POSITIVE_INFINITY;
        double maxDelta = Double.NEGATIVE_INFINITY;
        for (int s = 0, n = mdp.numStates(); s < n; s++) {
            final int cBegin = choiceStart[s];
            final int cEnd = choiceStart[s + 1];
            double best;
            int bestChoice = -1;
            if (frozen != null && frozen.get(s)) {
                best = initial[s];
            } else if (cBegin == cEnd) {
                best = 0.0;
            } else {
                double signedBest = Double.NEGATIVE_INFINITY;
                bestChoice = cBegin;
                int k = transStart[cBegin];
                for (int c = cBegin; c < cEnd; c++) {
                    // BellmanKernel.expectation inlined by hand, as in BellmanKernel.jacobiSweep
                    final int kEnd = transStart[c + 1];
                    double a0 = 0.0;
                    double a1 = 0.0;
                    double a2 = 0.0;
                    double a3 = 0.0;
                    for (; k + 3 < kEnd; k += 4) {
                        a0 += probability[k] * v[successor[k]];
                        a1 += probability[k + 1] * v[successor[k + 1]];
                        a2 += probability[k + 2] * v[successor[k + 2]];
                        a3 += probability[k + 3] * v[successor[k + 3]];
                    }
                    for (; k < kEnd; k++) {
                        a0 += probability[k] * v[successor[k]];
                    }
                    double q = sign * ((reward == null ? 0.0 : reward[c]) + gamma * ((a0 + a1) + (a2 + a3)));
                    bestChoice = q > signedBest ? c : bestChoice; // the first optimal choice
                    signedBest = Math.max(signedBest, q);
                }
                best = sign * signedBest;
            }
            if (choices != null) {
                choices[s] = bestChoice;
            }
            double delta = best - v[s];
            out[s] = best;
            minDelta = Math.min(minDelta, delta);
            maxDelta = Math.max(maxDelta, delta);
        }
        range[0] = minDelta;
        range[1] = maxDelta;
    }
}
