package org.sparsemdp.solve;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.result.Status;

/**
 * Multithreaded sweeps over an {@link Mdp}: the states are split into T contiguous blocks balanced
 * by work (transitions + 1 per state); in each sweep every block is run once, block 0 on the
 * calling thread and block b ≥ 1 preferably by persistent worker b, and the sweep returns when
 * all blocks are done (a per-sweep barrier, which also publishes every write to the caller).
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
 *   <li>{@link #blockGaussSeidelSweep}: deterministic block Gauss–Seidel in phases, each block on
 *       a private copy of the values, published at the barriers between phases; reproducible for a
 *       given T.</li>
 * </ul>
 *
 * <p><b>Workers and barrier.</b> The T − 1 workers live as long as this object: a sweep
 * publishes its arguments and bumps a volatile generation counter, unparks the workers, and
 * waits (briefly spinning, then parked) until a counter of unfinished blocks reaches zero; the
 * last block to finish unparks the caller. Nothing is allocated per sweep. Each block is
 * <em>claimed</em> for the current generation by compare-and-set before it runs, by its worker
 * or, once the caller has finished block 0, by the caller itself: so a worker that is not
 * scheduled (a busy machine, or a caller's executor with fewer threads than blocks) delays
 * nothing, and the sweep cannot deadlock.
 *
 * <p><b>Threads.</b> The caller's executor if given (the workers are submitted to it once, at
 * construction, and the executor is not shut down here), otherwise T − 1 daemon threads owned by
 * this object. {@link #close()} stops the workers and waits until none is running (worker tasks
 * not yet started are cancelled, and should an executor start one anyway it returns at once). A
 * sweep never returns while one of its blocks is still running, also when a block throws
 * (the first failure is rethrown on the caller after the barrier) or the caller is interrupted
 * (the interrupt is re-asserted after the sweep; the drivers then stop with
 * {@link Status#CANCELLED}). A worker whose thread is interrupted (for example by
 * {@code shutdownNow} of the caller's executor) exits, and the caller runs its blocks.
 */
public final class ParallelSweeps implements AutoCloseable {
    private static final VarHandle DOUBLES = MethodHandles.arrayElementVarHandle(double[].class);
    private static final int JACOBI = 0;
    private static final int GAUSS_SEIDEL = 1;
    private static final int BLOCK_GAUSS_SEIDEL = 2;
    private static final int PREPARE = 3;
    /** Default number of phases of {@link #blockGaussSeidelSweep}. */
    public static final int DEFAULT_PHASES = 8;
    /** Busy-wait iterations before parking (a few microseconds). */
    private static final int SPINS = 1_000;
    private static final AtomicInteger THREAD_COUNT = new AtomicInteger();

    private final Mdp mdp;
    private final int[] blockStart;
    private final double[][] blockRange;
    private final AtomicLongArray claimed;
    private final AtomicInteger remaining = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicReferenceArray<Thread> workerThreads;
    private final Thread[] ownedThreads;
    private final Future<?>[] submitted;
    private final AtomicInteger running = new AtomicInteger();

    private volatile long generation;
    private volatile boolean stopped;
    private volatile Thread caller;

    // the current sweep, written by the caller before the generation is bumped (the volatile
    // write publishes them to the workers)
    private int operation;
    private double[] values;
    private double[] out;
    private int[] policy;
    /** Per-block private copies of the values for {@link #blockGaussSeidelSweep}, made on first use. */
    private double[][] privateValues;
    private double[][] phaseRange;
    private int phases = DEFAULT_PHASES;
    private int phase;

    /**
     * @param threads  number of blocks and threads, ≥ 1
     * @param executor caller-owned executor, or {@code null} to create threads for this object
     */
    public ParallelSweeps(Mdp mdp, int threads, ExecutorService executor) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.mdp = mdp;
        this.blockStart = balancedBlocks(mdp, threads);
        this.blockRange = new double[threads][2];
        this.claimed = new AtomicLongArray(threads);
        this.workerThreads = new AtomicReferenceArray<>(threads);
        if (executor == null) {
            this.submitted = null;
            this.ownedThreads = new Thread[threads];
            for (int b = 1; b < threads; b++) {
                final int block = b;
                Thread t = new Thread(() -> work(block), "sparsemdp-sweep-" + THREAD_COUNT.incrementAndGet());
                t.setDaemon(true);
                ownedThreads[b] = t;
                t.start();
            }
        } else {
            this.ownedThreads = null;
            this.submitted = new Future<?>[threads];
            try {
                for (int b = 1; b < threads; b++) {
                    final int block = b;
                    submitted[b] = executor.submit(() -> work(block));
                }
            } catch (RuntimeException e) { // e.g. RejectedExecutionException: undo what was submitted
                close();
                throw e;
            }
        }
    }

    /** Number of blocks (= threads). */
    public int blocks() {
        return blockRange.length;
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

    /**
     * Deterministic parallel block Gauss–Seidel sweep of {@code v}. Each block b is cut into P
     * equal parts (b, 0), …, (b, P−1) ({@link #DEFAULT_PHASES} by default), and the sweep runs in P
     * phases separated by barriers: in phase j every block sweeps its part (b, j) in place, in
     * state order, on a private copy of the values that holds its own block as updated so far and
     * the other blocks as they were published at the end of phase j − 1; then it publishes
     * (b, j) into {@code v}. So each value read is from the previous iterate or written earlier in
     * this sweep, the result does not depend on thread timing (only on the thread count), and
     * with one block it is the sequential sweep of
     * {@link BellmanKernel#gaussSeidelSweep(Mdp, double[], int, int, double[])} bit for bit. This
     * is a block Gauss–Seidel iteration with a fixed schedule (Bertsekas &amp; Tsitsiklis 1989,
     * §2.6 and §3.2): a γ-contraction in the sup norm with fixed point v*. With P = 1 a block
     * would see the other blocks only as they were at the start of the sweep (on a random model
     * about a quarter of the values read are fresh, against a half sequentially); with P phases
     * the other blocks' parts before j are fresh too, about as many as sequentially. Costs T
     * private vectors (8 bytes per state per thread, allocated on first use), P + 1 barriers and
     * one copy of the vector per thread and sweep.
     */
    public void blockGaussSeidelSweep(double[] v, double[] range) {
        if (privateValues == null) {
            privateValues = new double[blockRange.length][];
            phaseRange = new double[blockRange.length][2];
        }
        this.values = v;
        this.out = null;
        this.policy = null;
        this.operation = PREPARE; // copy v into the private vectors
        runAll(range);
        for (int j = 0; j < phases; j++) {
            this.operation = BLOCK_GAUSS_SEIDEL;
            this.phase = j;
            this.values = v;
            runAll(range);
        }
    }

    /** Sets the number of phases P of {@link #blockGaussSeidelSweep} (for measurements), ≥ 1. */
    void phases(int p) {
        if (p < 1) {
            throw new IllegalArgumentException("phases must be at least 1, got " + p);
        }
        this.phases = p;
    }

    /** First state of part j of block b (j = P: the block's end). */
    private int partStart(int b, int j) {
        int from = blockStart[b];
        return from + (int) ((long) (blockStart[b + 1] - from) * j / phases);
    }

    private void runBlock(int b) {
        int from = blockStart[b];
        int to = blockStart[b + 1];
        switch (operation) {
            case JACOBI:
                BellmanKernel.jacobiSweep(mdp, values, out, policy, from, to, blockRange[b]);
                break;
            case GAUSS_SEIDEL:
                sharedGaussSeidelSweep(mdp, values, from, to, blockRange[b]);
                break;
            case PREPARE:
                double[] copy = privateValues[b];
                if (copy == null) { // allocated by the block's own thread
                    copy = new double[values.length];
                    privateValues[b] = copy;
                }
                System.arraycopy(values, 0, copy, 0, values.length);
                blockRange[b][0] = Double.POSITIVE_INFINITY;
                blockRange[b][1] = Double.NEGATIVE_INFINITY;
                break;
            default: // BLOCK_GAUSS_SEIDEL, phase j
                blockPhase(b, phase);
                break;
        }
    }

    /** Phase j of block b: refresh the parts published in phase j − 1, sweep part j, publish it. */
    private void blockPhase(int b, int j) {
        double[] own = privateValues[b];
        if (j > 0) {
            for (int c = 0; c < blockRange.length; c++) {
                if (c != b) {
                    int from = partStart(c, j - 1);
                    System.arraycopy(values, from, own, from, partStart(c, j) - from);
                }
            }
        }
        int from = partStart(b, j);
        int to = partStart(b, j + 1);
        if (from < to) {
            double[] r = phaseRange[b];
            BellmanKernel.gaussSeidelSweep(mdp, own, from, to, r);
            blockRange[b][0] = Math.min(blockRange[b][0], r[0]);
            blockRange[b][1] = Math.max(blockRange[b][1], r[1]);
            System.arraycopy(own, from, values, from, to - from);
        }
    }

    /** Claims block b for generation g; true for exactly one claimant per block and sweep. */
    private boolean claim(int b, long g) {
        long previous = claimed.get(b);
        return previous < g && claimed.compareAndSet(b, previous, g);
    }

    /** Runs a claimed block and counts it done, recording (not throwing) its failure. */
    private void runClaimed(int b) {
        try {
            runBlock(b);
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
        } finally {
            if (remaining.decrementAndGet() == 0) {
                LockSupport.unpark(caller);
            }
        }
    }

    /** The loop of worker b: wait for a new generation, claim block b, run it. */
    private void work(int b) {
        running.incrementAndGet();
        try {
            workerThreads.set(b, Thread.currentThread());
            long seen = 0;
            while (!stopped) {
                long g = generation;
                if (g == seen) {
                    for (int i = 0; i < SPINS && generation == seen && !stopped; i++) {
                        Thread.onSpinWait();
                    }
                    while (generation == seen && !stopped) {
                        LockSupport.park(this);
                        if (Thread.interrupted()) {
                            return; // the thread's owner wants it back: the caller runs this block
                        }
                    }
                    continue;
                }
                seen = g;
                if (claim(b, g)) {
                    runClaimed(b);
                }
            }
        } finally {
            workerThreads.set(b, null);
            running.decrementAndGet();
        }
    }

    private void runAll(double[] range) {
        final int blocks = blockRange.length;
        caller = Thread.currentThread();
        remaining.set(blocks);
        final long g = generation + 1;
        generation = g; // publishes the sweep's arguments
        for (int b = 1; b < blocks; b++) {
            Thread t = workerThreads.get(b);
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
        for (int b = 0; b < blocks; b++) { // block 0, then any block no worker has claimed yet
            if (claim(b, g)) {
                runClaimed(b);
            }
        }
        boolean interrupted = false;
        for (int i = 0; i < SPINS && remaining.get() != 0; i++) {
            Thread.onSpinWait();
        }
        while (remaining.get() != 0) {
            LockSupport.park(this);
            interrupted |= Thread.interrupted();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        values = null;
        out = null;
        policy = null;
        Throwable e = failure.getAndSet(null);
        if (e instanceof RuntimeException) {
            throw (RuntimeException) e;
        }
        if (e instanceof Error) {
            throw (Error) e;
        }
        if (e != null) {
            throw new IllegalStateException("a sweep block failed", e);
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int b = 0; b < blocks; b++) {
            min = Math.min(min, blockRange[b][0]);
            max = Math.max(max, blockRange[b][1]);
        }
        range[0] = min;
        range[1] = max;
    }

    /**
     * Stops the workers and returns when none of them is running any more (owned threads are
     * joined; worker tasks on the caller's executor that have not started are cancelled and
     * those that have are awaited). Idempotent. An interrupt of the calling thread while waiting
     * is re-asserted.
     */
    @Override
    public void close() {
        stopped = true;
        for (int b = 1; b < workerThreads.length(); b++) {
            Thread t = workerThreads.get(b);
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
        boolean interrupted = false;
        if (ownedThreads != null) {
            for (Thread t : ownedThreads) {
                while (t != null && t.isAlive()) {
                    try {
                        t.join();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
        } else {
            for (Future<?> f : submitted) {
                if (f != null) {
                    f.cancel(false);
                }
            }
            while (running.get() > 0) { // started tasks see `stopped` within one spin or park
                LockSupport.parkNanos(100_000L);
                interrupted |= Thread.interrupted();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
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
        final double sign = mdp.objective() == Objective.MINIMIZE ? -1.0 : 1.0; // see BellmanKernel
        double minDelta = Double.POSITIVE_INFINITY;
        double maxDelta = Double.NEGATIVE_INFINITY;
        for (int s = from; s < to; s++) {
            final int cEnd = choiceStart[s + 1];
            double best = 0.0;
            int c = choiceStart[s];
            if (c < cEnd) {
                double signedBest = Double.NEGATIVE_INFINITY;
                for (; c < cEnd; c++) {
                    signedBest = Math.max(signedBest, sign * (reward[c] + gamma
                            * sharedExpectation(transStart[c], transStart[c + 1], successor, probability, v)));
                }
                best = sign * signedBest;
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
        for (; k + 3 < kEnd; k += 4) {
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
}
