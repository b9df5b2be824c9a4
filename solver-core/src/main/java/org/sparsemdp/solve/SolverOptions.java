package org.sparsemdp.solve;

import java.time.Duration;
import java.util.concurrent.ExecutorService;

/**
 * Options common to every {@link Solver}: immutable, built with {@link #builder()}.
 * Method-specific parameters (relaxation factor, Krylov method, ...) are constructor arguments
 * of the solver classes themselves.
 *
 * <ul>
 *   <li>{@code epsilon}: the requested bound on the error of the values (sup norm), default
 *       {@value #DEFAULT_EPSILON};</li>
 *   <li>{@code maxIterations}: iteration cap, default {@value #DEFAULT_MAX_ITERATIONS};</li>
 *   <li>{@code timeLimit}: wall-clock cap, default none;</li>
 *   <li>{@code threads}: worker threads, default 1 (sequential and bit-for-bit reproducible);</li>
 *   <li>{@code executor}: optional caller-owned executor for parallel methods (otherwise the
 *       solver creates and shuts down its own pool within the call);</li>
 *   <li>{@code listener}: progress and cancellation, default {@link ProgressListener#NONE};</li>
 *   <li>{@code iterateListener}: the raw iterates of value iteration, default none
 *       ({@link IterateListener}).</li>
 * </ul>
 */
public final class SolverOptions {
    /** Default requested error bound. */
    public static final double DEFAULT_EPSILON = 1e-6;
    /** Default iteration cap. */
    public static final long DEFAULT_MAX_ITERATIONS = 10_000_000L;
    /** The built-in methods that use threads, as the refusal message names them. */
    private static final String MULTITHREADED = "'vi' or 'gs' (or 'lp'/'lp-dual' with PDLP, from solver-lp)";

    private final double epsilon;
    private final long maxIterations;
    private final Duration timeLimit;
    private final int threads;
    private final ExecutorService executor;
    private final ProgressListener listener;
    private final IterateListener iterateListener;

    private SolverOptions(Builder b) {
        this.epsilon = b.epsilon;
        this.maxIterations = b.maxIterations;
        this.timeLimit = b.timeLimit;
        this.threads = b.threads;
        this.executor = b.executor;
        this.listener = b.listener;
        this.iterateListener = b.iterateListener;
    }

    /** Default options. */
    public static SolverOptions defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.epsilon = epsilon;
        b.maxIterations = maxIterations;
        b.timeLimit = timeLimit;
        b.threads = threads;
        b.executor = executor;
        b.listener = listener;
        b.iterateListener = iterateListener;
        return b;
    }

    /** Requested bound on the sup-norm error of the values. */
    public double epsilon() {
        return epsilon;
    }

    /** Iteration cap. */
    public long maxIterations() {
        return maxIterations;
    }

    /** Wall-clock cap, or {@code null} for none. */
    public Duration timeLimit() {
        return timeLimit;
    }

    /** Deadline in {@link System#nanoTime()} units for a run started at {@code startNanos}. */
    public long deadlineNanos(long startNanos) {
        if (timeLimit == null) {
            return Long.MAX_VALUE;
        }
        long limit = timeLimit.toNanos();
        return Long.MAX_VALUE - startNanos < limit ? Long.MAX_VALUE : startNanos + limit;
    }

    /** Number of worker threads (1 = sequential). */
    public int threads() {
        return threads;
    }

    /**
     * Refuses more than one thread for a sequential computation, so that {@link #threads()} is
     * never silently ignored (see {@link Solver#usesThreads()}).
     *
     * @param method the method's name, as the message shows it (e.g. {@code pi})
     * @throws ThreadsRefusedException (an IllegalArgumentException) if {@link #threads()} &gt; 1,
     *                                 saying what to do instead
     */
    public void requireSequential(String method) {
        if (threads > 1) {
            throw new ThreadsRefusedException(method, threads);
        }
    }

    /**
     * The message of {@link #requireSequential}: "method 'pi' is sequential, but 4 threads were
     * requested; ...".
     */
    public static String sequentialMessage(String method, int threads) {
        return "method '" + method + "' is sequential, but " + threads + " threads were requested; use 1 thread,"
                + " or a multithreaded method: " + MULTITHREADED;
    }

    /** Caller-owned executor for parallel methods, or {@code null}. */
    public ExecutorService executor() {
        return executor;
    }

    /** Progress listener (never null). */
    public ProgressListener listener() {
        return listener;
    }

    /** Listener for the raw iterates of value iteration, or {@code null} for none. */
    public IterateListener iterateListener() {
        return iterateListener;
    }

    /** Builder of {@link SolverOptions}; every setter checks its argument. */
    public static final class Builder {
        private double epsilon = DEFAULT_EPSILON;
        private long maxIterations = DEFAULT_MAX_ITERATIONS;
        private Duration timeLimit;
        private int threads = 1;
        private ExecutorService executor;
        private ProgressListener listener = ProgressListener.NONE;
        private IterateListener iterateListener;

        private Builder() {
        }

        /** Requested error bound, &gt; 0. */
        public Builder epsilon(double e) {
            if (!(e > 0 && Double.isFinite(e))) {
                throw new IllegalArgumentException("epsilon must be positive and finite, got " + e);
            }
            this.epsilon = e;
            return this;
        }

        /** Iteration cap, &gt; 0. */
        public Builder maxIterations(long n) {
            if (n <= 0) {
                throw new IllegalArgumentException("maxIterations must be positive, got " + n);
            }
            this.maxIterations = n;
            return this;
        }

        /** Wall-clock cap, or {@code null} for none. */
        public Builder timeLimit(Duration d) {
            if (d != null && (d.isNegative() || d.isZero())) {
                throw new IllegalArgumentException("time limit must be positive, got " + d);
            }
            this.timeLimit = d;
            return this;
        }

        /** Worker threads, ≥ 1. */
        public Builder threads(int t) {
            if (t < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + t);
            }
            this.threads = t;
            return this;
        }

        /** Caller-owned executor (not shut down by solvers), or {@code null}. */
        public Builder executor(ExecutorService e) {
            this.executor = e;
            return this;
        }

        /** Progress listener; {@code null} means none. */
        public Builder listener(ProgressListener l) {
            this.listener = l == null ? ProgressListener.NONE : l;
            return this;
        }

        /** Listener for the raw iterates of value iteration; {@code null} means none. */
        public Builder iterateListener(IterateListener l) {
            this.iterateListener = l;
            return this;
        }

        /** The options. */
        public SolverOptions build() {
            return new SolverOptions(this);
        }
    }
}
