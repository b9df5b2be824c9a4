package org.sparsemdp.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;
import org.sparsemdp.result.Accuracy;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.ValueIterationSolver;
import org.sparsemdp.solve.undiscounted.IterationOrder;

/**
 * Step-bounded properties (U&lt;=k, F&lt;=k, G&lt;=k, X, C&lt;=k, I=k) against an independent
 * oracle on small random MDPs: every deterministic step-dependent (Markov) policy is enumerated
 * — they include an optimal one for finite horizons (Puterman 1994, Thm 4.4.2) — and its value
 * is computed by pushing the state distribution forward in time, not by backward induction.
 */
class StepBoundedOracleTest {
    private static final int STATES = 4;
    private static final int CHOICES = 2;
    private static final QueryEvaluator EVALUATOR = new QueryEvaluator(SolverOptions.defaults(), false,
            IterationOrder.GLOBAL, new ValueIterationSolver());

    /** A random model: 4 states, 2 choices each, 1-3 successors; labels a, b; rewards r (per choice), s (per state). */
    private static final class Case {
        final Mdp mdp;
        final LoadedModel model;
        final BitSet a;
        final BitSet b;
        final double[] choiceReward;
        final double[] stateReward;

        Case(long seed) {
            Random rnd = new Random(seed);
            MdpBuilder builder = new MdpBuilder(STATES);
            choiceReward = new double[STATES * CHOICES];
            stateReward = new double[STATES];
            double[] stateRewardPerChoice = new double[STATES * CHOICES];
            for (int s = 0; s < STATES; s++) {
                stateReward[s] = rnd.nextInt(4);
                for (int c = 0; c < CHOICES; c++) {
                    int k = 1 + rnd.nextInt(3);
                    int[] targets = new int[k];
                    double[] probs = new double[k];
                    double sum = 0;
                    for (int i = 0; i < k; i++) {
                        targets[i] = (s + i + rnd.nextInt(STATES)) % STATES;
                        probs[i] = 1 + rnd.nextInt(4);
                        sum += probs[i];
                    }
                    for (int i = 0; i < k; i++) {
                        probs[i] /= sum;
                    }
                    merge(targets, probs);
                    int global = s * CHOICES + c;
                    choiceReward[global] = rnd.nextInt(5) - (seed % 3 == 0 ? 2 : 0); // some models with negative rewards
                    stateRewardPerChoice[global] = stateReward[s];
                    builder.addChoice(s, "a" + c, 0, compact(targets, probs), compactProbs(targets, probs));
                }
            }
            mdp = builder.build();
            a = new BitSet();
            b = new BitSet();
            for (int s = 0; s < STATES; s++) {
                if (rnd.nextInt(4) != 0) {
                    a.set(s);
                }
                if (rnd.nextInt(3) == 0) {
                    b.set(s);
                }
            }
            Map<String, BitSet> labels = new LinkedHashMap<>();
            labels.put("a", a);
            labels.put("b", b);
            Map<String, double[]> rewards = new LinkedHashMap<>();
            rewards.put("r", choiceReward);
            rewards.put("s", stateRewardPerChoice);
            model = LoadedModel.assemble(mdp, labels, rewards);
        }

        /** Sums the probabilities of repeated targets into the first occurrence (the others get 0). */
        private static void merge(int[] t, double[] p) {
            for (int i = 0; i < t.length; i++) {
                for (int j = i + 1; j < t.length; j++) {
                    if (t[j] == t[i] && p[j] > 0) {
                        p[i] += p[j];
                        p[j] = 0;
                    }
                }
            }
        }

        private static int[] compact(int[] t, double[] p) {
            return java.util.stream.IntStream.range(0, t.length).filter(i -> p[i] > 0).map(i -> t[i]).toArray();
        }

        private static double[] compactProbs(int[] t, double[] p) {
            return java.util.Arrays.stream(p).filter(x -> x > 0).toArray();
        }

        int choice(int state, int c) {
            return mdp.choiceStart(state) + c;
        }
    }

    /** What the oracle computes for one policy from one start state. */
    private enum Kind { UNTIL, GLOBALLY, CUMULATIVE, INSTANTANEOUS }

    /** The optimal value over all step-dependent deterministic policies, by forward propagation. */
    private static double oracle(Case m, Kind kind, int steps, int start, boolean max) {
        int policies = 1 << (STATES * Math.max(steps, 1)); // CHOICES = 2: one bit per (step, state)
        double best = max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        for (int pol = 0; pol < policies; pol++) {
            double v = forward(m, kind, steps, start, pol);
            best = max ? Math.max(best, v) : Math.min(best, v);
        }
        return best;
    }

    private static double forward(Case m, Kind kind, int steps, int start, int pol) {
        double[] dist = new double[STATES];
        dist[start] = 1.0;
        double value = 0;
        for (int t = 0; ; t++) {
            if (kind == Kind.UNTIL) { // a U b: absorb successes, drop failures
                for (int s = 0; s < STATES; s++) {
                    if (m.b.get(s)) {
                        value += dist[s];
                        dist[s] = 0;
                    } else if (!m.a.get(s)) {
                        dist[s] = 0;
                    }
                }
            } else if (kind == Kind.GLOBALLY) {
                for (int s = 0; s < STATES; s++) {
                    if (!m.a.get(s)) {
                        dist[s] = 0;
                    }
                }
            }
            if (t == steps) {
                break;
            }
            double[] next = new double[STATES];
            for (int s = 0; s < STATES; s++) {
                if (dist[s] == 0) {
                    continue;
                }
                int c = m.choice(s, (pol >> (t * STATES + s)) & 1);
                if (kind == Kind.CUMULATIVE) {
                    value += dist[s] * m.choiceReward[c];
                }
                for (int k = m.mdp.transitionStart(c); k < m.mdp.transitionEnd(c); k++) {
                    next[m.mdp.successor(k)] += dist[s] * m.mdp.probability(k);
                }
            }
            dist = next;
        }
        if (kind == Kind.GLOBALLY) {
            for (double x : dist) {
                value += x;
            }
        } else if (kind == Kind.INSTANTANEOUS) {
            for (int s = 0; s < STATES; s++) {
                value += dist[s] * m.stateReward[s];
            }
        }
        return value;
    }

    private static void check(Case m, String property, Kind kind, int steps) {
        for (Objective dir : Objective.values()) {
            Property p = PropertyParser.parse(property).withDefaultDirection(dir);
            QueryResult r = EVALUATOR.evaluate(m.model, Query.of(p, StateContext.of(m.model)));
            assertEquals(Accuracy.EXACT, r.solution().accuracy());
            int policy = steps == 0 ? 0 : encode(m, r, steps);
            for (int s = 0; s < STATES; s++) {
                double optimum = oracle(m, kind, steps, s, dir == Objective.MAXIMIZE);
                assertEquals(optimum, r.solution().value(s), 1e-12, property + " " + dir + " from state " + s);
                // the per-step strategy kept for --export-strategy achieves the optimum
                assertEquals(optimum, forward(m, kind, steps, s, policy), 1e-12, property + " strategy from " + s);
            }
        }
    }

    /** The result's per-step strategy in the oracle's encoding (bit t*STATES+s: choice at time t = steps-to-go steps-t). */
    private static int encode(Case m, QueryResult r, int steps) {
        int pol = 0;
        for (int t = 0; t < steps; t++) {
            for (int s = 0; s < STATES; s++) {
                int c = r.horizon().choice(steps - t, s);
                if (c >= 0 && c - m.mdp.choiceStart(s) == 1) {
                    pol |= 1 << (t * STATES + s);
                }
            }
        }
        return pol;
    }

    @Test
    void boundedPropertiesMatchTheEnumerationOracle() {
        int checked = 0;
        for (long seed = 1; seed <= 25; seed++) {
            Case m = new Case(seed);
            for (int k = 0; k <= 3; k++) {
                check(m, "P=? [ \"a\" U<=" + k + " \"b\" ]", Kind.UNTIL, k);
                check(m, "P=? [ G<=" + k + " \"a\" ]", Kind.GLOBALLY, k);
                check(m, "R{\"r\"}=? [ C<=" + k + " ]", Kind.CUMULATIVE, k);
                check(m, "R{\"s\"}=? [ I=" + k + " ]", Kind.INSTANTANEOUS, k);
                checked += 4;
            }
            check(m, "P=? [ \"a\" U<1 \"b\" ]", Kind.UNTIL, 0); // U<1 is U<=0
        }
        assertEquals(400, checked);
    }

    @Test
    void nextAndFinallyAgainstOneStepByHand() {
        Case m = new Case(7);
        BitSet b = m.b;
        for (Objective dir : Objective.values()) {
            QueryResult x = EVALUATOR.evaluate(m.model, Query.of(PropertyParser.parse("P=? [ X \"b\" ]")
                    .withDefaultDirection(dir), StateContext.of(m.model)));
            for (int s = 0; s < STATES; s++) {
                double best = dir == Objective.MAXIMIZE ? -1 : 2;
                for (int c = m.mdp.choiceStart(s); c < m.mdp.choiceEnd(s); c++) {
                    double p = 0;
                    for (int k = m.mdp.transitionStart(c); k < m.mdp.transitionEnd(c); k++) {
                        p += b.get(m.mdp.successor(k)) ? m.mdp.probability(k) : 0;
                    }
                    best = dir == Objective.MAXIMIZE ? Math.max(best, p) : Math.min(best, p);
                }
                assertEquals(best, x.solution().value(s), 1e-15);
            }
        }
    }

    @Test
    void unboundedUntilIsTheLimitOfBoundedUntil() {
        // P[a U b] (interval iteration on the model with ¬a ∧ ¬b made terminal) equals the limit of P[a U<=k b]
        for (long seed = 1; seed <= 10; seed++) {
            Case m = new Case(seed);
            for (Objective dir : Objective.values()) {
                StateContext ctx = StateContext.of(m.model);
                QueryResult unbounded = EVALUATOR.evaluate(m.model, Query.of(PropertyParser.parse("P=? [ \"a\" U \"b\" ]")
                        .withDefaultDirection(dir), ctx));
                QueryResult bounded = EVALUATOR.evaluate(m.model, Query.of(PropertyParser.parse("P=? [ \"a\" U<=3000 \"b\" ]")
                        .withDefaultDirection(dir), ctx));
                for (int s = 0; s < STATES; s++) {
                    assertEquals(bounded.solution().value(s), unbounded.solution().value(s), 2e-6, "seed " + seed + " " + dir);
                }
                // the policy maps back to the original model's choices of the state
                int[] pol = unbounded.solution().policy();
                for (int s = 0; s < STATES; s++) {
                    assertTrue(pol[s] == -1 || m.mdp.stateOfChoice(pol[s]) == s);
                }
            }
        }
    }
}
