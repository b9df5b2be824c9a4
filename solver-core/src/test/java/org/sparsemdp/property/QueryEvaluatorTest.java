package org.sparsemdp.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.ValueIterationSolver;
import org.sparsemdp.solve.undiscounted.IterationOrder;

/** Reward objectives of {@link QueryEvaluator} on models whose values follow by hand. */
class QueryEvaluatorTest {
    private static final QueryEvaluator EVALUATOR = new QueryEvaluator(SolverOptions.builder().epsilon(1e-10).build(),
            false, IterationOrder.GLOBAL, new ValueIterationSolver());

    /**
     * State 0: "go" (reward c) to 1 with 1/2, stays with 1/2; "wait" (reward w) stays in 0. State 1:
     * "done" (reward 0) self-loop, as PRISM writes absorbing states. Undiscounted.
     */
    private static LoadedModel chain(double go, double w) {
        MdpBuilder b = new MdpBuilder(2).discount(1.0);
        b.addChoice(0, "go", go, new int[] {1, 0}, new double[] {0.5, 0.5});
        b.addChoice(0, "wait", w, new int[] {0}, new double[] {1});
        b.addChoice(1, "done", 0, new int[] {1}, new double[] {1});
        return LoadedModel.of(b.build());
    }

    private static double at0(LoadedModel m, Query q) {
        return EVALUATOR.evaluate(m, q).solution().value(0);
    }

    @Test
    void totalRewardAgainstHandValues() {
        LoadedModel m = chain(1, 0);
        // min: "wait" forever costs 0; max: "go" until state 1: expected 2 steps of reward 1
        assertEquals(0.0, at0(m, Query.totalReward(null, Query.UNBOUNDED, Objective.MINIMIZE)), 1e-9);
        assertEquals(2.0, at0(m, Query.totalReward(null, Query.UNBOUNDED, Objective.MAXIMIZE)), 1e-9);
        // non-positive rewards are solved negated: max of -1 per "go" is 0 (wait), min is -2
        LoadedModel neg = chain(-1, 0);
        assertEquals(0.0, at0(neg, Query.totalReward(null, Query.UNBOUNDED, Objective.MAXIMIZE)), 1e-9);
        assertEquals(-2.0, at0(neg, Query.totalReward(null, Query.UNBOUNDED, Objective.MINIMIZE)), 1e-9);
        // the model's own discount does not apply to properties
        LoadedModel discounted = LoadedModel.of(m.mdp().withDiscount(0.5));
        assertEquals(2.0, at0(discounted, Query.totalReward(null, Query.UNBOUNDED, Objective.MAXIMIZE)), 1e-9);
        assertEquals(1.75, at0(discounted, Query.totalReward(null, 3, Objective.MAXIMIZE)), 1e-15);
        // C<=3 with "go" every step (max): 1 + 1/2 + 1/4
        assertEquals(1.75, at0(m, Query.totalReward(null, 3, Objective.MAXIMIZE)), 1e-15);
        // mixed signs: refused with the alternatives
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> at0(chain(1, -1), Query.totalReward(null, Query.UNBOUNDED, Objective.MAXIMIZE)));
        assertTrue(e.getMessage().contains("one sign") && e.getMessage().contains("C<=k"), e.getMessage());
    }

    @Test
    void totalRewardVersusUntilTerminalOnSelfLoops() {
        // The absorbing state 1 is a self-loop: no terminal state exists, so the strict total reward until a
        // terminal state is infinite (min: even waiting never terminates), while R[C] is 0 (min) / 2 (max).
        LoadedModel m = chain(1, 0);
        QueryResult ssp = EVALUATOR.evaluate(m, Query.totalUntilTerminal(null, Objective.MINIMIZE));
        assertEquals(Double.POSITIVE_INFINITY, ssp.solution().value(0));
        assertTrue(ssp.infinityReason().contains("without reaching a terminal state"), ssp.infinityReason());
        assertTrue(ssp.infinityReason().contains("R=? [ C ]"), ssp.infinityReason());
        QueryResult total = EVALUATOR.evaluate(m, Query.totalReward(null, Query.UNBOUNDED, Objective.MINIMIZE));
        assertNull(total.infinityReason());
    }

    @Test
    void infiniteTotalRewardNamesTheEndComponentAndChoice() {
        // "wait" pays 3 forever: Rmax[C] = Infinity in state 0 only; the reason names {0} and 'wait'
        LoadedModel m = chain(1, 3);
        QueryResult r = EVALUATOR.evaluate(m, Query.totalReward(null, Query.UNBOUNDED, Objective.MAXIMIZE));
        assertEquals(Double.POSITIVE_INFINITY, r.solution().value(0));
        assertEquals(0.0, r.solution().value(1));
        assertTrue(r.infinityReason().startsWith("Infinity in 1 of 2 states (the initial state 0 among them)"),
                r.infinityReason());
        assertTrue(r.infinityReason().contains("end component {0}") && r.infinityReason().contains("reward 3")
                && r.infinityReason().contains("'wait'"), r.infinityReason());
    }

    @Test
    void rewardsMustExist() {
        LoadedModel zero = chain(0, 0);
        assertThrows(MissingRewardsException.class,
                () -> at0(zero, Query.reachReward(null, bits(1), Objective.MINIMIZE)));
        assertThrows(MissingRewardsException.class, () -> at0(zero, Query.instantaneous(null, 2, Objective.MINIMIZE)));
        // probabilities need none: Pmax[F 1] = 1, Pmin[F 1] = 0 (wait forever)
        assertEquals(1.0, at0(zero, Query.reachProbability(null, bits(1), Query.UNBOUNDED, Objective.MAXIMIZE)), 1e-9);
        assertEquals(0.0, at0(zero, Query.reachProbability(null, bits(1), Query.UNBOUNDED, Objective.MINIMIZE)), 1e-9);
        // an unknown structure name lists the known ones
        LoadedModel named = new LoadedModel(zero.mdp(), Map.of(), Map.of("cost", new double[] {1, 0, 0}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> at0(named, Query.totalReward("time", Query.UNBOUNDED, Objective.MAXIMIZE)));
        assertTrue(e.getMessage().contains("known: cost"), e.getMessage());
        assertEquals(2.0, at0(named, Query.totalReward("cost", Query.UNBOUNDED, Objective.MAXIMIZE)), 1e-9);
        assertEquals("cost", EVALUATOR.evaluate(named, Query.totalReward("1", 2, Objective.MAXIMIZE)).rewardStructure());
    }

    @Test
    void stepBoundedRunCutShortIsNotExact() {
        QueryEvaluator oneStep = new QueryEvaluator(SolverOptions.builder().maxIterations(1).build(), false,
                IterationOrder.GLOBAL, new ValueIterationSolver());
        org.sparsemdp.result.Solution s = oneStep.evaluate(chain(1, 0),
                Query.totalReward(null, 3, Objective.MAXIMIZE)).solution();
        assertEquals(org.sparsemdp.result.Status.MAX_ITERATIONS, s.status());
        assertEquals(org.sparsemdp.result.Accuracy.ESTIMATED, s.accuracy());
        assertEquals(Double.POSITIVE_INFINITY, s.errorBound());
        assertEquals(1.0, s.value(0), 0.0); // the 1-step total, not C<=3's 1.75
    }

    @Test
    void discountedTotalUsesTheGivenSolverAndDiscount() {
        // max: "wait" pays 3 per step forever: 3 / (1 - 0.9) = 30
        Mdp mdp = chain(1, 3).mdp();
        double v = at0(LoadedModel.of(mdp), Query.discountedTotal(null, 0.9, Objective.MAXIMIZE));
        assertEquals(30.0, v, 1e-5);
    }

    /**
     * State 0: "stay" (reward 1) self-loop, "go" (reward 0) to 1; state 1: "on" (reward 4) to 0 or
     * to the terminal state 2 with 1/2 each. Every path that goes reaches 2 with probability 1.
     */
    private static Mdp lraModel() {
        MdpBuilder b = new MdpBuilder(3).discount(1.0);
        b.addChoice(0, "stay", 1, new int[] {0}, new double[] {1});
        b.addChoice(0, "go", 0, new int[] {1}, new double[] {1});
        b.addChoice(1, "on", 4, new int[] {0, 2}, new double[] {0.5, 0.5});
        return b.build();
    }

    private static double[] values(LoadedModel m, Query q) {
        QueryResult r = EVALUATOR.evaluate(m, q);
        assertEquals(org.sparsemdp.result.Status.CONVERGED, r.solution().status());
        for (int s = 0; s < 3; s++) {
            assertTrue(r.solution().lower()[s] <= r.solution().upper()[s]);
            assertTrue(r.solution().upper()[s] - r.solution().lower()[s] <= 2.1e-10);
        }
        return r.solution().values();
    }

    @Test
    void longRunAverageAgainstHandValuesWithPrismDeadlockLoops() {
        LoadedModel m = LoadedModel.of(lraModel());
        // Rmax[S]: staying in 0 earns 1 per step; state 1 returns to 0 with 1/2, else ends in 2 (earning 0 per step)
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {1, 0.5, 0},
                values(m, Query.longRunAverage(null, null, Objective.MAXIMIZE)), 1e-9);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {0, 0, 0},
                values(m, Query.longRunAverage(null, null, Objective.MINIMIZE)), 1e-9);
        // LRA["done"]: the terminal state 2 loops forever (PRISM's deadlock fix), so reaching it means 1
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {1, 1, 1},
                values(m, Query.longRunAverage(null, bits(2), Objective.MAXIMIZE)), 1e-9);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {0, 0.5, 1},
                values(m, Query.longRunAverage(null, bits(2), Objective.MINIMIZE)), 1e-9);
        // a state reward of 7 in the terminal state keeps being earned there
        LoadedModel stateRewards = new LoadedModel(lraModel(), Map.of(),
                java.util.List.of(new org.sparsemdp.io.RewardStructure("s", new double[] {1, 0, 7}, null)));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {7, 7, 7},
                values(stateRewards, Query.longRunAverage("s", null, Objective.MAXIMIZE)), 1e-9);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {1, 4, 7},
                values(stateRewards, Query.longRunAverage("s", null, Objective.MINIMIZE)), 1e-9);
        // the policy is in the model's own choice numbering; the terminal state has none
        QueryResult r = EVALUATOR.evaluate(m, Query.longRunAverage(null, null, Objective.MAXIMIZE));
        assertEquals("stay", r.solution().actionLabel(m.mdp(), 0));
        assertEquals(-1, r.solution().policy()[2]);
    }

    private static BitSet bits(int... states) {
        BitSet b = new BitSet();
        for (int s : states) {
            b.set(s);
        }
        return b;
    }
    /**
     * Optimistic value iteration stopped by its cap before certifying a guess leaves the upper
     * bound at +∞: no infinity explanation (the value is 2, finite), and the lower bound is valid.
     */
    @Test
    void unfinishedRunsAreNotExplainedAsInfinite() {
        LoadedModel m = chain(1, 0);
        BitSet target = new BitSet();
        target.set(1);
        QueryEvaluator capped = new QueryEvaluator(SolverOptions.builder().epsilon(1e-12).maxIterations(1).build(),
                false, IterationOrder.OPTIMISTIC, new ValueIterationSolver());
        QueryResult r = capped.evaluate(m, Query.reachReward(null, target, Objective.MINIMIZE));
        assertEquals(Double.POSITIVE_INFINITY, r.solution().upper()[0]);
        assertTrue(r.solution().lower()[0] <= 2.0);
        assertNull(r.infinityReason());
        // a proven infinite value is still explained: max may "wait" forever (reward 0 but never reaching 1)
        QueryResult inf = EVALUATOR.evaluate(chain(1, 1), Query.reachReward(null, target, Objective.MAXIMIZE));
        assertEquals(Double.POSITIVE_INFINITY, inf.solution().lower()[0]);
        assertTrue(inf.infinityReason() != null);
    }
}
