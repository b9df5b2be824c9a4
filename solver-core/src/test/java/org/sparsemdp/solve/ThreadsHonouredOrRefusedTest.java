package org.sparsemdp.solve;

import org.sparsemdp.result.Solution;
import org.sparsemdp.result.Status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import org.junit.jupiter.api.Test;
import org.sparsemdp.graph.StateOrdering;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;
import org.sparsemdp.property.Query;
import org.sparsemdp.property.QueryEvaluator;
import org.sparsemdp.solve.average.AverageReward;
import org.sparsemdp.solve.horizon.BackwardInduction;
import org.sparsemdp.solve.undiscounted.CumulativeReward;
import org.sparsemdp.solve.undiscounted.IterationOrder;
import org.sparsemdp.solve.undiscounted.Reachability;
import org.sparsemdp.testing.SeedModels;

/**
 * {@link SolverOptions#threads()} is honoured or refused by every registered method and every
 * library entry point that takes options, never silently ignored (issue #24).
 */
class ThreadsHonouredOrRefusedTest {
    /** The built-in methods that run on threads; every other one must refuse them. */
    private static final Set<String> MULTITHREADED = Set.of("vi", "gs");

    /**
     * One state that costs 1 per step and ends with probability 1/2 per step: expected total cost
     * 1 / (1/2) = 2 (geometric number of steps).
     */
    private static Mdp geometricCost() {
        MdpBuilder b = new MdpBuilder(2).discount(1.0).objective(Objective.MINIMIZE);
        b.addChoice(0, "go", 1, new int[] {0, 1}, new double[] {0.5, 0.5});
        return b.build();
    }

    @Test
    void everyRegisteredMethodHonoursOrRefusesTwoThreads() {
        assertTrue(Solvers.names().containsAll(List.of("vi", "gs", "sor", "topological", "pi", "mpi", "ii")));
        for (String name : Solvers.names()) { // the built-ins and whatever other tests registered
            Solver solver = Solvers.byName(name);
            boolean undiscounted = name.equals("ii");
            Mdp mdp = undiscounted ? geometricCost() : SeedModels.forest();
            assertEquals(MULTITHREADED.contains(name), solver.usesThreads(), name);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                SolverOptions two = SolverOptions.builder().threads(2).executor(pool).epsilon(1e-9).build();
                if (solver.usesThreads()) {
                    Solution sol = solver.solve(mdp, two);
                    assertEquals(Status.CONVERGED, sol.status(), name);
                    for (int s = 0; s < 3; s++) {
                        assertEquals(SeedModels.FOREST_OPTIMAL[s], sol.value(s), sol.errorBound() + 1e-12, name);
                    }
                    // honoured, not ignored: workers were handed to the given pool
                    assertTrue(((ThreadPoolExecutor) pool).getTaskCount() > 0, name);
                } else {
                    ThreadsRefusedException e = assertThrows(ThreadsRefusedException.class, () -> solver.solve(mdp, two),
                            name);
                    assertTrue(e.getMessage().startsWith("method '" + solver.name() + "' is sequential, but 2 threads"),
                            e.getMessage());
                    assertEquals(0, ((ThreadPoolExecutor) pool).getTaskCount(), name);
                    if (undiscounted) { // and with one thread it solves: 2 = 1 / (1/2)
                        Solution sol = solver.solve(mdp, SolverOptions.builder().epsilon(1e-9).build());
                        assertEquals(2.0, sol.value(0), sol.errorBound() + 1e-12);
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void reorderingReportsTheThreadUseOfTheSolverItWraps() {
        assertTrue(new ReorderingSolver(new GaussSeidelSolver(), StateOrdering.RCM).usesThreads());
        assertFalse(new ReorderingSolver(new TopologicalSolver(), StateOrdering.RCM).usesThreads());
        assertThrows(ThreadsRefusedException.class, () -> new ReorderingSolver(new TopologicalSolver(),
                StateOrdering.RCM).solve(SeedModels.forest(), SolverOptions.builder().threads(2).build()));
    }

    @Test
    void undiscountedAverageAndHorizonEntryPointsRefuseThreads() {
        Mdp ssp = geometricCost();
        BitSet target = new BitSet();
        target.set(1);
        SolverOptions two = SolverOptions.builder().threads(2).build();
        assertThrows(ThreadsRefusedException.class,
                () -> Reachability.probability(ssp, target, Objective.MAXIMIZE, two, false));
        assertThrows(ThreadsRefusedException.class,
                () -> Reachability.reward(ssp, ssp.rewardArray(), target, Objective.MINIMIZE, two, false));
        ThreadsRefusedException topological = assertThrows(ThreadsRefusedException.class, () -> CumulativeReward.solve(
                ssp, ssp.rewardArray(), Objective.MINIMIZE, two, false, IterationOrder.TOPOLOGICAL));
        assertEquals("topological", topological.method());
        assertThrows(ThreadsRefusedException.class,
                () -> AverageReward.solve(SeedModels.forest(), null, Objective.MAXIMIZE, two));
        assertThrows(ThreadsRefusedException.class,
                () -> BackwardInduction.run(SeedModels.forest(), 3, false, two));
        // with one thread the same calls solve: P(reach 1) = 1, cost 2
        SolverOptions one = SolverOptions.builder().epsilon(1e-9).build();
        assertEquals(1.0, Reachability.probability(ssp, target, Objective.MAXIMIZE, one, false).value(0), 1e-9);
        assertEquals(2.0, Reachability.reward(ssp, ssp.rewardArray(), target, Objective.MINIMIZE, one, false).value(0),
                1e-9);
    }

    @Test
    void queriesRefuseThreadsExceptADiscountedTotalByAMultithreadedSolver() {
        LoadedModel forest = LoadedModel.of(SeedModels.forest());
        SolverOptions two = SolverOptions.builder().threads(2).epsilon(1e-9).build();
        QueryEvaluator threaded = new QueryEvaluator(two, false, IterationOrder.GLOBAL, new ValueIterationSolver());
        // the forest seed's own discount, 0.96 (pymdptoolbox example), through C discount=g by vi with threads
        Query discounted = Query.discountedTotal(null, SeedModels.forest().discount(), Objective.MAXIMIZE);
        Solution sol = threaded.evaluate(forest, discounted).solution();
        for (int s = 0; s < 3; s++) {
            assertEquals(SeedModels.FOREST_OPTIMAL[s], sol.value(s), sol.errorBound() + 1e-12);
        }
        QueryEvaluator sequentialSolver = new QueryEvaluator(two, false, IterationOrder.GLOBAL, new PolicyIterationSolver());
        assertThrows(ThreadsRefusedException.class, () -> sequentialSolver.evaluate(forest, discounted));
        assertThrows(ThreadsRefusedException.class,
                () -> threaded.evaluate(forest, Query.totalReward(null, 3, Objective.MAXIMIZE)));
    }
}
