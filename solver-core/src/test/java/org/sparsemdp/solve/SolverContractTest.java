package org.sparsemdp.solve;

import org.sparsemdp.result.Solution;
import org.sparsemdp.result.Status;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;
import org.sparsemdp.testing.DenseOracle;
import org.sparsemdp.testing.RandomMdps;
import org.sparsemdp.testing.SeedModels;

/**
 * The contract every {@link Solver} must satisfy, checked against answers from outside the
 * library: the seed inventory lab, the pymdptoolbox forest example, and an independent dense
 * policy-iteration oracle on random models. Subclassed once per method (and thread count).
 */
public abstract class SolverContractTest {
    /** Slack for floating-point rounding on top of a certified bound, relative to the value scale. */
    private static final double ROUNDING = 1e-9;

    /** The solver under test. */
    protected abstract Solver solver();

    /** Worker threads passed in the options. */
    protected int threads() {
        return 1;
    }

    /** How many times each check is repeated (more for nondeterministic multithreaded runs). */
    protected int repetitions() {
        return threads() > 1 ? 4 : 1;
    }

    /** The command-line name under which the solver is registered. */
    protected abstract String registeredName();

    /**
     * Whether the method iterates and so honours cancellation, time limits and iteration caps with
     * the values reached so far. A method that solves in one atomic step (a linear program)
     * overrides this with false, and the tests of stopping early are skipped for it.
     */
    protected boolean stopsEarly() {
        return true;
    }

    protected SolverOptions.Builder options() {
        return SolverOptions.builder().threads(threads());
    }

    private Solution solve(Mdp mdp, SolverOptions options) {
        Solution s = solver().solve(mdp, options);
        assertEquals(mdp.numStates(), s.values().length);
        assertEquals(mdp.numStates(), s.policy().length);
        return s;
    }

    @Test
    void inventoryLabGivesTheExactValuesAndPolicy() {
        Mdp mdp = SeedModels.inventory();
        for (int rep = 0; rep < repetitions(); rep++) {
            Solution sol = solve(mdp, options().epsilon(1e-9).build());
            assertEquals(Status.CONVERGED, sol.status());
            assertTrue(sol.errorBound() <= 1e-9, "bound " + sol.errorBound());
            for (int s = 0; s < 4; s++) {
                assertEquals(SeedModels.INVENTORY_OPTIMAL[s], sol.value(s), sol.errorBound() + 1e-12, "state " + s);
                assertEquals(SeedModels.INVENTORY_POLICY[s], mdp.actionLabel(sol.policy()[s]), "state " + s);
            }
        }
    }

    @Test
    void forestExampleGivesTheExactValuesAndWaitEverywhere() {
        Mdp mdp = SeedModels.forest();
        for (int rep = 0; rep < repetitions(); rep++) {
            Solution sol = solve(mdp, options().epsilon(1e-9).build());
            assertEquals(Status.CONVERGED, sol.status());
            for (int s = 0; s < 3; s++) {
                assertEquals(SeedModels.FOREST_OPTIMAL[s], sol.value(s), sol.errorBound() + 1e-12, "state " + s);
                assertEquals("wait", mdp.actionLabel(sol.policy()[s]), "state " + s);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 0.9, 0.99})
    void randomModelsAgreeWithTheDenseOracleWithinTheReportedBounds(double gamma) {
        double epsilon = 1e-6;
        for (long seed = 0; seed < 40; seed++) {
            int states = 1 + (int) (seed * 7 % 37);
            Objective objective = seed % 2 == 0 ? Objective.MAXIMIZE : Objective.MINIMIZE;
            Mdp mdp = RandomMdps.random(seed, states, 4, 5, gamma, objective, seed % 3 == 0 ? 0.15 : 0.0);
            double[] exact = DenseOracle.optimalValues(mdp);
            for (int rep = 0; rep < repetitions(); rep++) {
                Solution sol = solve(mdp, options().epsilon(epsilon).build());
                String what = "seed " + seed + ", γ " + gamma;
                assertEquals(Status.CONVERGED, sol.status(), what);
                assertTrue(sol.errorBound() <= epsilon, what + ": bound " + sol.errorBound());
                assertWithinBound(mdp, exact, sol, what);
                assertTrue(sol.policyBound() <= epsilon, what + ": policy bound " + sol.policyBound());
            }
        }
    }

    @Test
    void componentChainsAgreeWithTheDenseOracleWithinTheReportedBounds() {
        for (long seed = 0; seed < 20; seed++) {
            double gamma = seed % 2 == 0 ? 0.95 : 0.6;
            Objective objective = seed % 3 == 0 ? Objective.MINIMIZE : Objective.MAXIMIZE;
            Mdp mdp = RandomMdps.layered(seed, 2 + (int) (seed % 6), 6, gamma, objective);
            double[] exact = DenseOracle.optimalValues(mdp);
            for (int rep = 0; rep < repetitions(); rep++) {
                Solution sol = solve(mdp, options().epsilon(1e-7).build());
                assertEquals(Status.CONVERGED, sol.status());
                assertTrue(sol.errorBound() <= 1e-7);
                assertWithinBound(mdp, exact, sol, "layered seed " + seed);
                assertTrue(sol.policyBound() <= 1e-7);
            }
        }
    }

    @Test
    void cancellationByTheListenerReturnsTheValuesSoFarWithATrueBound() {
        org.junit.jupiter.api.Assumptions.assumeTrue(stopsEarly(), "solves in one step");
        Mdp mdp = RandomMdps.random(11, 60, 3, 4, 0.99, Objective.MAXIMIZE);
        double[] exact = DenseOracle.optimalValues(mdp);
        for (int rep = 0; rep < repetitions(); rep++) {
            long[] calls = {0};
            Solution sol = solve(mdp, options().epsilon(1e-12).listener((it, res, bound) -> ++calls[0] < 3).build());
            assertEquals(Status.CANCELLED, sol.status());
            assertEquals(3, calls[0]);
            assertTrue(sol.iterations() <= 8, "iterations " + sol.iterations());
            assertTrue(sol.errorBound() > 1e-12 && Double.isFinite(sol.errorBound()));
            assertWithinBound(mdp, exact, sol, "cancelled");
        }
    }

    @Test
    void timeLimitAndIterationCapReturnTheValuesSoFarWithATrueBound() {
        org.junit.jupiter.api.Assumptions.assumeTrue(stopsEarly(), "solves in one step");
        Mdp mdp = RandomMdps.random(12, 80, 3, 4, 0.99, Objective.MINIMIZE);
        double[] exact = DenseOracle.optimalValues(mdp);
        Solution timed = solve(mdp, options().epsilon(1e-14).timeLimit(Duration.ofNanos(1)).build());
        assertEquals(Status.TIME_LIMIT, timed.status());
        assertWithinBound(mdp, exact, timed, "time limit");
        Solution capped = solve(mdp, options().epsilon(1e-14).maxIterations(2).build());
        assertEquals(Status.MAX_ITERATIONS, capped.status());
        assertTrue(capped.iterations() <= 2 + finalSweeps(), "iterations " + capped.iterations());
        assertWithinBound(mdp, exact, capped, "iteration cap");
    }

    /** Sweeps a run may add after the iteration cap to certify its result. */
    protected int finalSweeps() {
        return 1;
    }

    @Test
    void oneThreadIsBitForBitReproducible() {
        Mdp mdp = RandomMdps.random(5, 300, 4, 6, 0.95, Objective.MAXIMIZE, 0.05);
        SolverOptions one = options().threads(1).build();
        Solution a = solver().solve(mdp, one);
        Solution b = solver().solve(mdp, one);
        assertArrayEquals(a.values(), b.values());
        assertArrayEquals(a.policy(), b.policy());
        assertEquals(a.iterations(), b.iterations());
        assertEquals(Double.doubleToLongBits(a.errorBound()), Double.doubleToLongBits(b.errorBound()));
    }

    /**
     * Threads are honoured or refused, never silently ignored: a method that says it uses threads
     * solves with two as correctly as with one; any other rejects two with a message naming it.
     */
    @Test
    void moreThanOneThreadIsHonouredOrRefusedNeverIgnored() {
        Mdp mdp = SeedModels.forest();
        SolverOptions two = options().threads(2).epsilon(1e-9).build();
        if (solver().usesThreads()) {
            Solution sol = solve(mdp, two);
            assertEquals(Status.CONVERGED, sol.status());
            for (int s = 0; s < 3; s++) {
                assertEquals(SeedModels.FOREST_OPTIMAL[s], sol.value(s), sol.errorBound() + 1e-12, "state " + s);
            }
        } else {
            ThreadsRefusedException e = assertThrows(ThreadsRefusedException.class, () -> solver().solve(mdp, two));
            assertEquals(solver().name(), e.method());
            assertEquals(2, e.threads());
            assertTrue(e.getMessage().contains("'" + solver().name() + "' is sequential, but 2 threads were requested"),
                    e.getMessage());
        }
    }

    @Test
    void cyclicModelsWithoutDiscountAreRejectedWithAClearMessage() {
        MdpBuilder b = new MdpBuilder(2).discount(1.0).objective(Objective.MINIMIZE);
        b.addChoice(0, "go", 1, new int[] {1}, new double[] {1});
        b.addChoice(1, "back", 1, new int[] {0}, new double[] {1});
        Mdp mdp = b.build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> solver().solve(mdp, options().build()));
        assertTrue(e.getMessage().contains("discount"), e.getMessage());
    }

    /**
     * The name the solver under test reports: the registered name for the default configuration
     * (the default), {@code name[settings]} for a configured variant ({@link VariantName}).
     */
    protected String variantName() {
        return registeredName();
    }

    @Test
    void isRegisteredUnderItsNameAndReportsItsConfiguration() {
        assertEquals(variantName(), solver().name());
        assertEquals(registeredName(), VariantName.base(solver().name()));
        assertEquals(variantName(), solver().solve(SeedModels.forest(), options().build()).method());
        Solver registered = Solvers.byName(registeredName());
        assertEquals(registeredName(), registered.name());
        assertEquals(registeredName(), registered.solve(SeedModels.forest(), options().build()).method());
    }

    /** |values − v*| ≤ errorBound and |v^π − v*| ≤ policyBound, up to rounding. */
    static void assertWithinBound(Mdp mdp, double[] exact, Solution sol, String what) {
        double scale = 1;
        for (double x : exact) {
            scale = Math.max(scale, Math.abs(x));
        }
        double slack = ROUNDING * scale;
        double worst = 0;
        for (int s = 0; s < exact.length; s++) {
            worst = Math.max(worst, Math.abs(sol.value(s) - exact[s]));
        }
        assertTrue(worst <= sol.errorBound() + slack, what + ": error " + worst + " > bound " + sol.errorBound());
        double[] policyValues = DenseOracle.evaluate(mdp, sol.policy());
        double loss = 0;
        for (int s = 0; s < exact.length; s++) {
            loss = Math.max(loss, Math.abs(policyValues[s] - exact[s]));
        }
        assertTrue(loss <= sol.policyBound() + slack, what + ": policy loss " + loss + " > bound " + sol.policyBound());
    }
}
