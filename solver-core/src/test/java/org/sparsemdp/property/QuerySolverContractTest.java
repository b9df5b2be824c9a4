package org.sparsemdp.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.sparsemdp.generate.StopEmbedding;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.io.ModelFormats;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.result.Accuracy;
import org.sparsemdp.result.Solution;
import org.sparsemdp.result.Status;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.ThreadsRefusedException;
import org.sparsemdp.testing.DenseOracle;
import org.sparsemdp.testing.RandomMdps;

/**
 * The contract of a {@link QuerySolver} for the unbounded undiscounted objectives, written once
 * and run for every method (in the test-jar, so other modules' and users' methods can run it):
 * published values (two Knuth–Yao dice: P[F sum2] = 1/36, P[F sum7] = 1/6, 22/3 expected flips),
 * random models against an independent dense oracle (a discounted random model embedded with a
 * stop state, {@link StopEmbedding}: R[F stop] is the discounted value, which
 * {@link DenseOracle} computes by policy enumeration and Gaussian elimination), limits and
 * cancellation that still return true bounds, threads honoured or refused, and the name by which
 * {@link QuerySolvers#forQuery(Query, String)} chooses the method.
 */
public abstract class QuerySolverContractTest {
    private static final double EPS = 1e-9;

    /** The solver under test. */
    protected abstract QuerySolver solver();

    /** The method name that selects it in {@link QuerySolvers#forQuery(Query, String)}. */
    protected abstract String registeredName();

    private static LoadedModel dice() throws IOException {
        return ModelFormats.read(Path.of("../datasets/dice/two_dice.drn"));
    }

    private QueryResult solve(LoadedModel model, Query q, SolverOptions options) {
        return solver().solve(model, q, options);
    }

    /** lower ≤ exact ≤ upper in every state, and |value − exact| ≤ errorBound. */
    private static void assertWithinBounds(double[] exact, Solution s, String what) {
        for (int i = 0; i < exact.length; i++) {
            assertTrue(s.lower()[i] <= exact[i] && exact[i] <= s.upper()[i],
                    what + " state " + i + ": " + exact[i] + " not in [" + s.lower()[i] + ", " + s.upper()[i] + "]");
            assertTrue(Math.abs(s.value(i) - exact[i]) <= s.errorBound(),
                    what + " state " + i + ": |" + s.value(i) + " - " + exact[i] + "| > " + s.errorBound());
        }
    }

    @Test
    void diceMeetThePublishedValues() throws IOException {
        LoadedModel dice = dice();
        int init = dice.mdp().initialState();
        for (Objective dir : Objective.values()) {
            for (String[] label : new String[][] {{"sum2", "36"}, {"sum7", "6"}}) {
                Query q = Query.reachProbability(null, dice.label(label[0]), Query.UNBOUNDED, dir);
                Solution s = solve(dice, q, SolverOptions.builder().epsilon(EPS).build()).solution();
                assertEquals(Status.CONVERGED, s.status(), label[0]);
                assertTrue(s.certificate().proves(EPS), s.certificate().toString());
                double exact = 1.0 / Integer.parseInt(label[1]);
                assertTrue(s.lower()[init] <= exact && exact <= s.upper()[init], label[0] + " " + dir);
            }
        }
        Query flips = Query.reachReward("flips", dice.label("done"), Objective.MAXIMIZE);
        Solution s = solve(dice, flips, SolverOptions.builder().epsilon(EPS).build()).solution();
        assertEquals(Accuracy.CERTIFIED, s.accuracy());
        assertEquals(22.0 / 3, s.value(init), s.errorBound() + 1e-15);
    }

    @Test
    void randomModelsAgreeWithTheDenseOracle() {
        for (long seed = 1; seed <= 6; seed++) {
            Objective dir = seed % 2 == 0 ? Objective.MINIMIZE : Objective.MAXIMIZE;
            Mdp discounted = RandomMdps.random(seed, 25, 3, 4, 0.9, dir);
            double[] r = discounted.rewardArray().clone();
            for (int c = 0; c < r.length; c++) {
                r[c] += 10; // RandomMdps draws rewards in [-10, 10]; R[F stop] needs one sign
            }
            discounted = discounted.withRewards(r);
            double[] oracle = DenseOracle.optimalValues(discounted);
            LoadedModel embedded = StopEmbedding.embed(discounted);
            Query q = Query.reachReward(null, embedded.label(StopEmbedding.STOP), dir);
            Solution s = solve(embedded, q, SolverOptions.builder().epsilon(1e-7).build()).solution();
            assertEquals(Status.CONVERGED, s.status(), "seed " + seed);
            double[] exact = java.util.Arrays.copyOf(oracle, oracle.length + 1); // the stop state: 0
            assertWithinBounds(exact, s, "seed " + seed);
            assertTrue(s.errorBound() <= 1e-7);
        }
    }

    @Test
    void limitsAndCancellationReturnTheValuesSoFarWithTrueBounds() throws IOException {
        LoadedModel dice = dice();
        Query q = Query.reachReward("flips", dice.label("done"), Objective.MINIMIZE);
        double[] exact = solve(dice, q, SolverOptions.builder().epsilon(1e-12).build()).solution().values();
        Solution capped = solve(dice, q, SolverOptions.builder().epsilon(1e-14).maxIterations(1).build()).solution();
        Solution timed = solve(dice, q, SolverOptions.builder().epsilon(1e-14).timeLimit(Duration.ofNanos(1)).build())
                .solution();
        Solution cancelled = solve(dice, q, SolverOptions.builder().epsilon(1e-14)
                .listener((it, res, bound) -> false).build()).solution();
        for (Solution s : new Solution[] {capped, timed, cancelled}) {
            assertNotEquals(Status.CONVERGED, s.status(), s.toString());
            for (int i = 0; i < exact.length; i++) { // 1e-9: the reference is itself within 1e-12
                assertTrue(s.lower()[i] <= exact[i] + 1e-9 && exact[i] - 1e-9 <= s.upper()[i], s + " state " + i);
            }
        }
        assertEquals(Status.MAX_ITERATIONS, capped.status());
        assertEquals(Status.TIME_LIMIT, timed.status());
        assertEquals(Status.CANCELLED, cancelled.status());
    }

    @Test
    void threadsAreHonouredOrRefused() throws IOException {
        LoadedModel dice = dice();
        Query q = Query.reachProbability(null, dice.label("sum7"), Query.UNBOUNDED, Objective.MAXIMIZE);
        SolverOptions two = SolverOptions.builder().threads(2).build();
        if (solver().usesThreads()) {
            assertEquals(Status.CONVERGED, solve(dice, q, two).solution().status());
        } else {
            assertThrows(ThreadsRefusedException.class, () -> solve(dice, q, two));
        }
    }

    @Test
    void isChosenByItsNameAndSupportsTheUnboundedObjectives() throws IOException {
        LoadedModel dice = dice();
        Query q = Query.reachProbability(null, dice.label("sum7"), Query.UNBOUNDED, Objective.MAXIMIZE);
        assertEquals(solver().name(), QuerySolvers.forQuery(q, registeredName()).name());
        assertTrue(solver().supports(q));
        assertTrue(solver().supports(Query.totalReward(null, Query.UNBOUNDED, Objective.MINIMIZE)));
    }
}
