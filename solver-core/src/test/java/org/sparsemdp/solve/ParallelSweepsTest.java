package org.sparsemdp.solve;

import org.sparsemdp.result.Solution;
import org.sparsemdp.result.Status;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.testing.DenseOracle;
import org.sparsemdp.testing.RandomMdps;

class ParallelSweepsTest {
    private final Mdp mdp = RandomMdps.random(3, 700, 4, 8, 0.97, Objective.MINIMIZE, 0.05);

    @Test
    void parallelJacobiSweepEqualsTheSequentialSweepBitForBit() {
        int n = mdp.numStates();
        double[] v = new double[n];
        for (int s = 0; s < n; s++) {
            v[s] = Math.sin(s);
        }
        double[] expected = new double[n];
        int[] expectedPolicy = new int[n];
        double[] expectedRange = new double[2];
        BellmanKernel.jacobiSweep(mdp, v, expected, expectedPolicy, 0, n, expectedRange);
        for (int threads : new int[] {1, 2, 3, 5}) {
            try (ParallelSweeps sweeps = new ParallelSweeps(mdp, threads, null)) {
                double[] out = new double[n];
                int[] policy = new int[n];
                double[] range = new double[2];
                sweeps.jacobiSweep(v, out, policy, range);
                assertArrayEquals(expected, out);
                assertArrayEquals(expectedPolicy, policy);
                assertArrayEquals(expectedRange, range);
            }
        }
    }

    @Test
    void parallelValueIterationEqualsSequentialValueIterationBitForBit() {
        Solution one = new ValueIterationSolver().solve(mdp, SolverOptions.builder().build());
        for (int rep = 0; rep < 3; rep++) {
            Solution two = new ValueIterationSolver().solve(mdp, SolverOptions.builder().threads(2).build());
            assertArrayEquals(one.values(), two.values());
            assertArrayEquals(one.policy(), two.policy());
            assertEquals(one.iterations(), two.iterations());
        }
    }

    @Test
    void blocksCoverTheStatesAndBalanceTheTransitions() {
        int[] choiceStart = mdp.choiceStartArray();
        int[] transStart = mdp.transitionStartArray();
        for (int blocks : new int[] {1, 2, 3, 7}) {
            int[] start = ParallelSweeps.balancedBlocks(mdp, blocks);
            assertEquals(0, start[0]);
            assertEquals(mdp.numStates(), start[blocks]);
            long total = mdp.numTransitions() + mdp.numStates();
            long heaviest = 0;
            for (int s = 0; s < mdp.numStates(); s++) {
                heaviest = Math.max(heaviest, transStart[choiceStart[s + 1]] - transStart[choiceStart[s]] + 1);
            }
            for (int b = 0; b < blocks; b++) {
                assertTrue(start[b] <= start[b + 1]);
                long work = transStart[choiceStart[start[b + 1]]] - transStart[choiceStart[start[b]]]
                        + start[b + 1] - start[b];
                assertTrue(work <= total / blocks + heaviest + 1, "block " + b + " of " + blocks + ": " + work);
            }
        }
    }

    @Test
    void callerExecutorIsUsedAndNotShutDown() throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(1);
        try {
            double[] exact = DenseOracle.optimalValues(mdp);
            Solution sol = new GaussSeidelSolver().solve(mdp,
                    SolverOptions.builder().threads(4).executor(executor).build());
            assertEquals(Status.CONVERGED, sol.status());
            SolverContractTest.assertWithinBound(mdp, exact, sol, "caller executor");
            assertFalse(executor.isShutdown());
            // the persistent sweep task has left the executor's only thread: a new task runs
            assertEquals(7, executor.submit(() -> 7).get(10, java.util.concurrent.TimeUnit.SECONDS));
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void ownedPoolThreadsAreGoneAfterTheCallAlsoWhenCancelled() throws InterruptedException {
        new GaussSeidelSolver().solve(mdp, SolverOptions.builder().threads(3).build());
        new ValueIterationSolver().solve(mdp, SolverOptions.builder().threads(3)
                .listener((it, r, b) -> false).build());
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (sweepThreads() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, sweepThreads());
    }

    @Test
    void aSweepAllocatesNothingOnTheCallerOrTheWorkers() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        if (!(mx instanceof com.sun.management.ThreadMXBean)) {
            return; // allocation accounting not available on this JVM
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) mx;
        int n = mdp.numStates();
        double[] v = new double[n];
        double[] out = new double[n];
        int[] policy = new int[n];
        double[] range = new double[2];
        try (ParallelSweeps sweeps = new ParallelSweeps(mdp, 3, null)) {
            for (int i = 0; i < 300; i++) { // warm up (class loading, compilation)
                sweeps.gaussSeidelSweep(v, range);
                sweeps.jacobiSweep(v, out, policy, range);
            }
            long[] ids = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("sparsemdp-sweep-") && t.isAlive())
                    .mapToLong(Thread::getId).toArray();
            long[] before = new long[ids.length];
            threads.getThreadAllocatedBytes(ids); // the first call may allocate lazily
            long callerBefore = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            for (int i = 0; i < ids.length; i++) {
                before[i] = threads.getThreadAllocatedBytes(ids[i]);
            }
            int rounds = 300;
            for (int i = 0; i < rounds; i++) {
                sweeps.gaussSeidelSweep(v, range);
                sweeps.jacobiSweep(v, out, policy, range);
            }
            long callerAfter = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            long allocated = callerAfter - callerBefore;
            for (int i = 0; i < ids.length; i++) {
                allocated += Math.max(0, threads.getThreadAllocatedBytes(ids[i]) - before[i]);
            }
            long perSweep = allocated / (2L * rounds);
            // a future per worker and sweep (the previous design) costs well over 16 bytes
            assertTrue(perSweep < 16, perSweep + " bytes allocated per sweep");
        }
    }

    @Test
    void aFailingBlockIsRethrownAfterTheBarrierAndTheObjectStaysUsable() {
        int n = mdp.numStates();
        double[] range = new double[2];
        try (ParallelSweeps sweeps = new ParallelSweeps(mdp, 3, null)) {
            // a vector too short for the states of the last blocks: their sweeps throw
            RuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                    () -> sweeps.gaussSeidelSweep(new double[sweeps.blockStart(1)], range));
            assertTrue(e instanceof IndexOutOfBoundsException, e.toString());
            double[] v = new double[n];
            double[] expected = new double[n];
            int[] policy = new int[n];
            double[] expectedRange = new double[2];
            BellmanKernel.jacobiSweep(mdp, v, expected, policy, 0, n, expectedRange);
            double[] out = new double[n];
            sweeps.jacobiSweep(v, out, policy, range);
            assertArrayEquals(expected, out);
        }
    }

    private static long sweepThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("sparsemdp-sweep-")).count();
    }
}
