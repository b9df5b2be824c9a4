package org.sparsemdp.solve;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;

/**
 * Multithreaded sweeps over an {@link Mdp}: the states are split into T contiguous blocks balanced
 * by work (transitions + 1 per state); each sweep runs block 0 on the calling thread and the
 * other blocks as tasks on an executor, and returns when all blocks are done (a per-sweep
 * barrier, which also publishes every write to the caller).
 *
 * <ul>
 *   <li>{@link #jacobiSweep}: deterministic parallel Jacobi sweep; each block writes its own part
 *       of {@code out}, and the per-block change ranges are reduced in block order (min and max
 *       do not depend on the order anyway), so the result equals the sequential sweep bit for
 *       bit.</li>
 *   <li>{@link #gaussSeidelSweep}: asynchronous (chaotic) Gauss–Seidel: each thread updates its
 *       block in place and reads the latest values of the other blocks that it happens to see
 *       (Bertsekas &amp; Tsitsiklis, <i>Parallel and Distributed Computation</i>, 1989, §6.2–6.3).
 *       Every read and write of the shared vector is an opaque {@link VarHandle} access, atomic
 *       per element under the Java memory model. Not deterministic when T &gt; 1.</li>
 * </ul>
 *
 * <p>Threads: the caller's executor if given (not shut down here), otherwise a pool of T − 1
 * daemon threads owned by this object and shut down by {@link #close()}. A sweep never returns
 * while one of its tasks is still running, also when a task throws or the caller is
 * interrupted; an interrupt is re-asserted on the calling thread after the sweep (the drivers
 * then stop with {@link Status#CANCELLED}). Per sweep, only the executor's T − 1 futures are
 * allocated.
 */
public final class ParallelSweeps implements AutoCloseable {
    private static final VarHandle DOUBLES = MethodHandles.arrayElementVarHandle(double[].class);
    private static final int JACOBI = 0;
    private static final int GAUSS_SEIDEL = 1;

    private final Mdp mdp;
    private final int[] blockStart;
    private final ExecutorService executor;
    private final boolean ownsExecutor;
    private final Future<?>[] futures;
    private final Runnable[] tasks;
    private final double[][] blockRange;

    // the current sweep, written by the caller before submitting the tasks (the submission
    // publishes them to the workers)
    private int operation;
    private double[] values;
    private double[] out;
    private int[] policy;

    /**
     * @param threads  number of blocks and threads, ≥ 1
     * @param executor caller-owned executor, or {@code null} to create a pool for this object
     */
    public ParallelSweeps(Mdp mdp, int threads, ExecutorService executor) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.mdp = mdp;
        this.blockStart = balancedBlocks(mdp, threads);
        this.ownsExecutor = executor == null && threads > 1;
        this.executor = ownsExecutor ? Executors.newFixedThreadPool(threads - 1, daemonThreads()) : executor;
        this.futures = new Future<?>[threads];
        this.tasks = new Runnable[threads];
        this.blockRange = new double[threads][2];
        for (int b = 0; b < threads; b++) {
            final int block = b;
            tasks[b] = () -> runBlock(block);
        }
    }

    /** Number of blocks (= threads). */
    public int blocks() {
        return tasks.length;
    }

    /** First state of block {@code b}; block b is [blockStart(b), blockStart(b + 1)). */
    public int blockStart(int b) {
        return blockStart[b];
    }

    /**
     * Parallel Jacobi sweep over all states, identical in result to
     * {@link BellmanKernel#jacobiSweep(Mdp, double[], double[], int[], int, int, double[])} over
     * [0, S).
     */
    public void jacobiSweep(double[] v, double[] out, int[] policy, double[] range) {
        this.operation = JACOBI;
        this.values = v;
        this.out = out;
        this.policy = policy;
        runAll(range);
    }

    /** Asynchronous parallel Gauss–Seidel sweep of {@code v} in place (see the class comment). */
    public void gaussSeidelSweep(double[] v, double[] range) {
        this.operation = GAUSS_SEIDEL;
        this.values = v;
        this.out = null;
        this.policy = null;
        runAll(range);
    }

    private void runBlock(int b) {
        int from = blockStart[b];
        int to = blockStart[b + 1];
        if (operation == JACOBI) {
            BellmanKernel.jacobiSweep(mdp, values, out, policy, from, to, blockRange[b]);
        } else {
            sharedGaussSeidelSweep(mdp, values, from, to, blockRange[b]);
        }
    }

    private void runAll(double[] range) {
        final int blocks = tasks.length;
        Throwable failure = null;
        int submitted = 1;
        try {
            for (; submitted < blocks; submitted++) {
                futures[submitted] = executor.submit(tasks[submitted]);
            }
            runBlock(0);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        boolean interrupted = false;
        for (int b = 1; b < submitted; b++) {
            while (true) {
                try {
                    futures[b].get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause();
                    }
                    break;
                }
            }
            futures[b] = null;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure instanceof RuntimeException) {
            throw (RuntimeException) failure;
        }
        if (failure instanceof Error) {
            throw (Error) failure;
        }
        if (failure != null) {
            throw new IllegalStateException("a sweep task failed", failure);
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int b = 0; b < blocks; b++) {
            min = Math.min(min, blockRange[b][0]);
            max = Math.max(max, blockRange[b][1]);
        }
        range[0] = min;
        range[1] = max;
        values = null;
        out = null;
        policy = null;
    }

    /** Shuts down the pool if this object created it. Idempotent. */
    @Override
    public void close() {
        if (ownsExecutor) {
            executor.shutdownNow();
        }
    }

    /**
     * Splits [0, S) into {@code blocks} contiguous blocks of about equal work, the work of a state
     * being its number of transitions plus one.
     *
     * @return block boundaries, length blocks + 1, from 0 to S
     */
    public static int[] balancedBlocks(Mdp mdp, int blocks) {
        final int n = mdp.numStates();
        final int[] choiceStart = mdp.choiceStartArray();
        final int[] transStart = mdp.transitionStartArray();
        long total = (long) transStart[choiceStart[n]] + n;
        int[] start = new int[blocks + 1];
        start[blocks] = n;
        for (int b = 1; b < blocks; b++) {
            long target = total * b / blocks;
            int lo = start[b - 1];
            int hi = n;
            while (lo < hi) { // first state s with work(0..s) ≥ target
                int mid = (lo + hi) >>> 1;
                if ((long) transStart[choiceStart[mid]] + mid < target) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            start[b] = lo;
        }
        return start;
    }

    /**
     * In-place Gauss–Seidel sweep of [from, to) on a vector shared with concurrent sweeps of other
     * blocks: as {@link BellmanKernel#gaussSeidelSweep(Mdp, double[], int, int, double[])}, with
     * opaque reads and writes of {@code v}.
     */
    static void sharedGaussSeidelSweep(Mdp mdp, double[] v, int from, int to, double[] deltaRange) {
        final int[] choiceStart = mdp.choiceStartArray();
        final int[] transStart = mdp.transitionStartArray();
        final int[] successor = mdp.successorArray();
        final double[] probability = mdp.probabilityArray();
        final double[] reward = mdp.rewardArray();
        final double gamma = mdp.discount();
        final boolean minimize = mdp.objective() == Objective.MINIMIZE;
        double minDelta = Double.POSITIVE_INFINITY;
        double maxDelta = Double.NEGATIVE_INFINITY;
        for (int s = from; s < to; s++) {
            final int cEnd = choiceStart[s + 1];
            double best = 0.0;
            int c = choiceStart[s];
            if (c < cEnd) {
                best = minimize ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
                for (; c < cEnd; c++) {
                    double q = reward[c] + gamma * sharedExpectation(transStart[c], transStart[c + 1], successor,
                            probability, v);
                    best = minimize ? Math.min(best, q) : Math.max(best, q);
                }
            }
            double delta = best - (double) DOUBLES.getOpaque(v, s);
            DOUBLES.setOpaque(v, s, best);
            minDelta = Math.min(minDelta, delta); // Math.min/max propagate NaN: a diverged
            maxDelta = Math.max(maxDelta, delta); // iteration can never look converged
        }
        deltaRange[0] = minDelta;
        deltaRange[1] = maxDelta;
    }

    /**
     * {@link BellmanKernel#expectation} (same summation order) with opaque reads of {@code v}.
     */
    private static double sharedExpectation(int kBegin, int kEnd, int[] successor, double[] probability,
                                            double[] v) {
        double a0 = 0.0;
        double a1 = 0.0;
        double a2 = 0.0;
        double a3 = 0.0;
        int k = kBegin;
        for (final int last = kEnd - 3; k < last; k += 4) {
            a0 += probability[k] * (double) DOUBLES.getOpaque(v, successor[k]);
            a1 += probability[k + 1] * (double) DOUBLES.getOpaque(v, successor[k + 1]);
            a2 += probability[k + 2] * (double) DOUBLES.getOpaque(v, successor[k + 2]);
            a3 += probability[k + 3] * (double) DOUBLES.getOpaque(v, successor[k + 3]);
        }
        for (; k < kEnd; k++) {
            a0 += probability[k] * (double) DOUBLES.getOpaque(v, successor[k]);
        }
        return (a0 + a1) + (a2 + a3);
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "sparsemdp-sweep-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
