package org.sparsemdp.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.io.ModelFormats;
import org.sparsemdp.model.Objective;
import org.sparsemdp.result.Accuracy;
import org.sparsemdp.result.Solution;
import org.sparsemdp.result.Status;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.Solvers;
import org.sparsemdp.solve.ThreadsRefusedException;

/**
 * {@link QuerySolvers} on the two Knuth–Yao dice (datasets/dice), against the published values
 * (P[F sum2] = 1/36, P[F sum7] = 1/6, 22/3 expected flips: Knuth &amp; Yao 1976, PRISM's dice case
 * study) and values worked out by hand: each die needs at least 3 flips and ends on a given face
 * after exactly 3 with probability 1/8, so P[F&lt;=6 sum2] = 1/64 and P[F&lt;=5 sum2] = 0 under
 * every scheduler; every run ends in a terminal state that keeps its face, so the long-run fraction
 * of time in sum2 is 1/36 and the long-run average number of flips 0.
 */
class QuerySolversTest {
    private static final double EPS = 1e-9;
    private static final SolverOptions OPTIONS = SolverOptions.builder().epsilon(EPS).build();
    private static LoadedModel dice;
    private static BitSet sum2;
    private static BitSet sum7;

    @BeforeAll
    static void load() throws IOException {
        dice = ModelFormats.read(Path.of("../datasets/dice/two_dice.drn"));
        sum2 = dice.label("sum2");
        sum7 = dice.label("sum7");
    }

    private static double initial(QueryResult r) {
        return r.solution().value(dice.mdp().initialState());
    }

    @Test
    void everyMethodOfTheIntervalFamilyMeetsThePublishedValues() {
        for (String method : new String[] {null, "ii", "topological", "ovi", "svi", "ssp-pi"}) {
            for (Objective dir : Objective.values()) {
                Query q = Query.reachProbability(null, sum7, Query.UNBOUNDED, dir);
                QuerySolver solver = QuerySolvers.forQuery(q, method);
                assertInstanceOf(IntervalQuerySolver.class, solver);
                assertEquals(method == null ? "ii" : method, solver.name());
                assertFalse(solver.usesThreads());
                Solution s = solver.solve(dice, q, OPTIONS).solution();
                assertEquals(Status.CONVERGED, s.status());
                assertEquals(Accuracy.CERTIFIED, s.accuracy());
                assertTrue(Math.abs(s.value(0) - 1.0 / 6) <= s.errorBound(), method + " " + dir + ": " + s.value(0));
                assertTrue(s.errorBound() <= EPS);
            }
            Query flips = Query.reachReward("flips", dice.label("done"), Objective.MINIMIZE);
            QueryResult r = QuerySolvers.forQuery(flips, method).solve(dice, flips, OPTIONS);
            assertEquals(22.0 / 3, initial(r), r.solution().errorBound() + 1e-15);
            assertEquals("flips", r.rewardStructure());
        }
        assertEquals("ovi[stop=relative]", QuerySolvers.forQuery(
                Query.reachProbability(null, sum2, Query.UNBOUNDED, Objective.MAXIMIZE), "ovi", true).name());
    }

    @Test
    void safetyIsTheComplementOfReachingTheOpposite() {
        BitSet notSum2 = (BitSet) sum2.clone();
        notSum2.flip(0, dice.mdp().numStates());
        Query q = Query.safetyProbability(notSum2, Query.UNBOUNDED, Objective.MAXIMIZE);
        QueryResult r = QuerySolvers.forQuery(q).solve(dice, q, OPTIONS);
        assertEquals(35.0 / 36, initial(r), r.solution().errorBound() + 1e-15);
        assertTrue(r.solution().method().endsWith("-complement"), r.solution().method());
    }

    @Test
    void stepBoundedObjectivesAreExactWhateverTheMethod() {
        for (String method : new String[] {null, "ovi", "vi"}) {
            Query six = Query.reachProbability(null, sum2, 6, Objective.MAXIMIZE);
            QuerySolver solver = QuerySolvers.forQuery(six, method);
            assertInstanceOf(BoundedQuerySolver.class, solver);
            QueryResult r = solver.solve(dice, six, OPTIONS);
            assertEquals(Accuracy.EXACT, r.solution().accuracy());
            assertEquals(1.0 / 64, initial(r), 1e-15);
            Query five = Query.reachProbability(null, sum2, 5, Objective.MINIMIZE);
            assertEquals(0.0, initial(QuerySolvers.forQuery(five, method).solve(dice, five, OPTIONS)));
        }
    }

    @Test
    void discountedTotalUsesTheNamedSolverAndAgreesAcrossMethods() {
        Query q = Query.discountedTotal("flips", 0.9, Objective.MINIMIZE);
        QuerySolver vi = QuerySolvers.forQuery(q);
        assertEquals("vi", vi.name());
        assertEquals("vi", QuerySolvers.forQuery(q, "ovi").name(), "an undiscounted-only method falls back to vi");
        QuerySolver pi = QuerySolvers.forQuery(q, "pi");
        assertEquals("pi", pi.name());
        assertFalse(pi.usesThreads());
        QuerySolver gs = QuerySolvers.forQuery(q, "gs");
        assertTrue(gs.usesThreads());
        Solution a = vi.solve(dice, q, OPTIONS).solution();
        Solution b = pi.solve(dice, q, OPTIONS).solution();
        Solution c = gs.solve(dice, q, SolverOptions.builder().epsilon(EPS).threads(2).build()).solution();
        for (int s = 0; s < dice.mdp().numStates(); s++) {
            assertEquals(a.value(s), b.value(s), a.errorBound() + b.errorBound());
            assertEquals(a.value(s), c.value(s), a.errorBound() + c.errorBound());
        }
        assertThrows(ThreadsRefusedException.class,
                () -> pi.solve(dice, q, SolverOptions.builder().threads(2).build()));
    }

    @Test
    void longRunAveragesByRviOrPi() {
        Query fraction = Query.longRunAverage(null, sum2, Objective.MAXIMIZE);
        Query flips = Query.longRunAverage("flips", null, Objective.MAXIMIZE);
        for (String method : new String[] {null, "rvi", "pi"}) {
            QuerySolver solver = QuerySolvers.forQuery(fraction, method);
            assertInstanceOf(AverageQuerySolver.class, solver);
            assertEquals("pi".equals(method) ? "pi" : "rvi", solver.name());
            QueryResult r = solver.solve(dice, fraction, OPTIONS);
            assertEquals(1.0 / 36, initial(r), r.solution().errorBound() + 1e-12);
            assertEquals(0.0, initial(solver.solve(dice, flips, OPTIONS)), 2 * EPS);
        }
    }

    @Test
    void threadsAreRefusedByEverySequentialFamily() {
        SolverOptions two = SolverOptions.builder().threads(2).build();
        List<Query> queries = List.of(Query.reachProbability(null, sum2, Query.UNBOUNDED, Objective.MAXIMIZE),
                Query.reachProbability(null, sum2, 6, Objective.MAXIMIZE),
                Query.totalReward("flips", Query.UNBOUNDED, Objective.MINIMIZE),
                Query.totalUntilTerminal("flips", Objective.MINIMIZE),
                Query.longRunAverage(null, sum2, Objective.MAXIMIZE));
        for (Query q : queries) {
            QuerySolver solver = QuerySolvers.forQuery(q);
            assertFalse(solver.usesThreads(), solver.name());
            assertThrows(ThreadsRefusedException.class, () -> solver.solve(dice, q, two), q.toString());
        }
    }

    @Test
    void everyKindHasExactlyOneFamily() {
        List<QuerySolver> families = List.of(new IntervalQuerySolver(org.sparsemdp.solve.undiscounted.IterationOrder.GLOBAL,
                false), new BoundedQuerySolver(), new DiscountedQuerySolver(Solvers.byName("vi")), new AverageQuerySolver());
        BitSet all = new BitSet();
        all.set(0, dice.mdp().numStates());
        List<Query> queries = List.of(Query.reachProbability(null, sum2, Query.UNBOUNDED, Objective.MAXIMIZE),
                Query.reachProbability(all, sum2, 3, Objective.MAXIMIZE),
                Query.safetyProbability(all, Query.UNBOUNDED, Objective.MINIMIZE),
                Query.safetyProbability(all, 2, Objective.MINIMIZE),
                Query.nextProbability(sum2, Objective.MAXIMIZE),
                Query.reachReward(null, sum2, Objective.MINIMIZE),
                Query.totalReward(null, Query.UNBOUNDED, Objective.MINIMIZE),
                Query.totalReward(null, 4, Objective.MINIMIZE),
                Query.totalUntilTerminal(null, Objective.MINIMIZE),
                Query.discountedTotal(null, 0.5, Objective.MINIMIZE),
                Query.instantaneous(null, 2, Objective.MINIMIZE),
                Query.longRunAverage(null, null, Objective.MINIMIZE));
        for (Query q : queries) {
            long supporting = families.stream().filter(f -> f.supports(q)).count();
            assertEquals(1, supporting, q.toString());
            QuerySolver chosen = QuerySolvers.forQuery(q);
            assertTrue(chosen.supports(q), q.toString());
            for (QuerySolver f : families) {
                if (!f.supports(q)) {
                    assertThrows(IllegalArgumentException.class, () -> f.solve(dice, q, OPTIONS), f.name() + " " + q);
                }
            }
        }
    }

    @Test
    void aDiscountedMethodCannotSolveAReachabilityProbability() {
        Query q = Query.reachProbability(null, sum2, Query.UNBOUNDED, Objective.MAXIMIZE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QuerySolvers.forQuery(q, "vi"));
        assertTrue(e.getMessage().contains("certified methods"), e.getMessage());
    }
}
