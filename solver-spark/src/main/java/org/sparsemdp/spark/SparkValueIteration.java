package org.sparsemdp.spark;

import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.sparsemdp.io.partitioned.ModelBlock;
import org.sparsemdp.model.Objective;
import org.sparsemdp.result.Accuracy;
import org.sparsemdp.result.Status;
import org.sparsemdp.solve.CertifiedStop;
import org.sparsemdp.solve.CheckCertificate;
import org.sparsemdp.solve.CheckStatistics;
import org.sparsemdp.solve.RunLimits;
import org.sparsemdp.solve.SolverOptions;

/**
 * Distributed value iteration for discounted MDPs (0 &lt; γ &lt; 1) over a
 * {@link DistributedModel}: an outer Jacobi iteration over the blocks, exchanging the value
 * vector between iterations, with optional Gauss–Seidel sweeps inside each block between
 * exchanges (block Gauss–Seidel; Bertsekas &amp; Tsitsiklis 1989, <i>Parallel and Distributed
 * Computation</i>, §2.6 and §6.3).
 *
 * <p><b>One exchange.</b> The driver sends the current iterate u to the blocks: broadcast whole to
 * every executor, or by the halo exchange only the values each block reads ({@link ValueExchange};
 * chosen by its crossover rule unless given, with the same results bit for bit). Each
 * block computes its part of the Jacobi step w = T u (reading u only) and the range
 * [min δ, max δ] of δ = w − u over its states, then — for {@link Method#BLOCK_GAUSS_SEIDEL} with
 * k inner sweeps — k − 1 in-place Gauss–Seidel sweeps of its own states, reading its own new values
 * and u for all other states, and sends back its new values and its range. The driver assembles
 * the next iterate and reduces the ranges to the global min δ and max δ. For
 * block Gauss–Seidel the inner sweeps start from extrapolated values (see
 * {@link BlockUpdate#exchange}; switched off for good at the first exchange whose span does not
 * decrease, as in the single-machine {@code gs}). For
 * {@link Method#JACOBI} (k = 1) this is exactly value iteration: the iterates are bit for bit
 * those of {@link org.sparsemdp.solve.ValueIterationSolver}. Every block sweep reads values from
 * the previous iterate or newer, so the iteration is a γ-contraction with fixed point v*.
 *
 * <p><b>Bound.</b> The MacQueen–Porteus bounds (Puterman 1994, <i>Markov Decision Processes</i>,
 * Theorem 6.6.3) hold for one Jacobi step from <em>any</em> vector u: with w = T u,
 * w + γ/(1−γ)·min δ ≤ v* ≤ w + γ/(1−γ)·max δ, and the greedy policy π for u has
 * |v<sup>π</sup> − v*| ≤ span(δ)/(1−γ). Every exchange computes such a step, so every exchange
 * certifies, whatever the inner sweeps did — the same certificate as the single-machine
 * {@code vi} and {@code gs} (whose check sweeps play the role of the Jacobi part here), and made
 * to hold in floating point the same way: the model's error model
 * ({@link org.sparsemdp.solve.RoundingBounds}, built from per-block statistics by
 * {@link DistributedRounding}) widens the step by its rounding error, and each block sends the
 * {@link org.sparsemdp.solve.CheckStatistics} of its states (range of δ over the states not of
 * value 0, max|u|, max|w|, finiteness) with its values, which the driver merges into the
 * {@link org.sparsemdp.solve.CheckCertificate}. States of value exactly 0 (terminal states, and
 * states with only zero rewards forever) are kept and reported as exactly 0.
 *
 * <p><b>Stopping rule.</b> {@link org.sparsemdp.solve.CertifiedStop}, the rule of the
 * single-machine methods, on the merged statistics: CONVERGED when the certified value and policy
 * bounds are both at most ε (in exact arithmetic: span(δ) ≤ ε(1−γ)), PRECISION_LIMIT when ε is out
 * of reach of double precision or a value is not finite; or SolverOptions' iteration cap (counting
 * exchanges), time limit or listener (called after each exchange with the sup norm of δ and the
 * certified value bound of that exchange, the bound reported if the run stops there) stops the run. Then a final pass
 * recomputes w = T u from the last broadcast u on every block, with the greedy policy for u, and
 * reports the midpoints of the certified interval as values with the certificate's bounds: for
 * {@link Method#JACOBI}, exactly what {@link org.sparsemdp.solve.ValueIterationSolver} reports
 * (the same iterates, the same statistics, the same rule; the certificate is measured on the same
 * schedule). A result whose values are not finite is ESTIMATED with infinite bounds, never
 * CONVERGED.
 *
 * <p><b>Cost per exchange.</b> Computation: k sweeps over the block's transitions on each
 * executor. Network: one broadcast of 8·S bytes to each executor (halo exchange: 8·(S + H) bytes
 * in all, H the sum of the blocks' halo sizes), and 8·S bytes (plus 20 per
 * block) collected by the driver; see {@link ExchangeStats} and docs/distributed.md. Memory on
 * the driver: two value vectors and the collected blocks (about 24·S bytes).
 */
public final class SparkValueIteration {
    /** The distributed methods. */
    public enum Method {
        /** Outer Jacobi iteration, one sweep per exchange: distributed value iteration. */
        JACOBI("spark-jacobi"),
        /** One Jacobi sweep then k − 1 in-place Gauss–Seidel sweeps per block and exchange. */
        BLOCK_GAUSS_SEIDEL("spark-block-gs");

        private final String label;

        Method(String label) {
            this.label = label;
        }

        /** Method name as reported in solutions. */
        public String label() {
            return label;
        }

        /** Parses "jacobi" or "block-gs". */
        public static Method parse(String text) {
            switch (text.toLowerCase(Locale.ROOT)) {
                case "jacobi":
                    return JACOBI;
                case "block-gs":
                    return BLOCK_GAUSS_SEIDEL;
                default:
                    throw new IllegalArgumentException("unknown method '" + text + "': use jacobi or block-gs");
            }
        }
    }

    /**
     * Rejects γ = 1 with a message that says what to do instead.
     *
     * @throws IllegalArgumentException if {@code discount} is not below 1
     */
    static void requireDiscounted(Method method, double discount) {
        if (!(discount < 1)) {
            throw new IllegalArgumentException("method '" + method.label() + "' needs a discount factor below 1, but"
                    + " the model has discount " + discount + "; give a discount < 1 (e.g. --discount 0.99)");
        }
    }

    /** Default inner sweeps per exchange for {@link Method#BLOCK_GAUSS_SEIDEL}. */
    public static final int DEFAULT_INNER_SWEEPS = 4;

    private final JavaSparkContext sc;
    private final Method method;
    private final int sweeps;
    private final ValueExchange.Mode exchange;

    /**
     * @param innerSweeps block sweeps per exchange for {@link Method#BLOCK_GAUSS_SEIDEL} (≥ 1; 1 is
     *                    Jacobi); ignored for {@link Method#JACOBI}
     */
    public SparkValueIteration(JavaSparkContext sc, Method method, int innerSweeps) {
        this(sc, method, innerSweeps, ValueExchange.Mode.AUTO);
    }

    /**
     * @param innerSweeps block sweeps per exchange for {@link Method#BLOCK_GAUSS_SEIDEL} (≥ 1; 1 is
     *                    Jacobi); ignored for {@link Method#JACOBI}
     * @param exchange    how the iterate reaches the blocks: broadcast, halo exchange, or chosen by
     *                    the crossover rule ({@link ValueExchange}); the values are the same bit for bit
     */
    public SparkValueIteration(JavaSparkContext sc, Method method, int innerSweeps, ValueExchange.Mode exchange) {
        if (innerSweeps < 1) {
            throw new IllegalArgumentException("inner sweeps must be at least 1, got " + innerSweeps);
        }
        this.sc = sc;
        this.method = method;
        this.sweeps = method == Method.JACOBI ? 1 : innerSweeps;
        this.exchange = exchange;
    }

    /**
     * Solves the model (see the class comment). Non-convergence is a {@link Status}, not an
     * exception.
     *
     * @throws IllegalArgumentException if the model is undiscounted (γ = 1), or if its discounted
     *                                  values could overflow (naming the choice of largest |reward|)
     */
    public DistributedResult solve(DistributedModel model, SolverOptions options) {
        final double gamma = model.discount();
        requireDiscounted(method, gamma);
        final long start = System.nanoTime();
        final long deadline = options.deadlineNanos(start);
        final DistributedRounding rounding = DistributedRounding.of(sc, model);
        try (ValueExchange values = ValueExchange.of(sc, model, rounding.zero(), exchange)) {
            return iterate(model, options, rounding, values, start, deadline);
        } catch (RuntimeException | Error e) {
            rounding.close();
            throw e;
        }
    }

    /** The exchanges and the final pass of {@link #solve}, with the model's error model built. */
    private DistributedResult iterate(DistributedModel model, SolverOptions options, DistributedRounding rounding,
                                      ValueExchange values, long start, long deadline) {
        final double gamma = model.discount();
        final boolean minimize = model.objective() == Objective.MINIMIZE;
        final int n = model.numStates();
        final int k = sweeps;
        final JavaRDD<ModelBlock> blocks = model.blocks();
        final long loopStart = System.nanoTime(); // exchanges only: the error model's jobs are setup
        final Broadcast<boolean[]> zero = rounding.zero();
        // the single-machine vi measures the certificate every 16th check until near the target, gs every 4th
        final CertifiedStop stop = new CertifiedStop(rounding.rounding(), gamma, options.epsilon(),
                method == Method.JACOBI ? 16 : 4);
        double[] u = new double[n];
        double[] next = new double[n];
        double[] range = new double[2];
        CheckStatistics stats = new CheckStatistics();
        long exchanges = 0;
        long collected = 0;
        boolean extrapolate = k > 1;
        double previousSpan = Double.POSITIVE_INFINITY;
        Status status;
        while (true) {
            List<BlockUpdate> updates = values.exchange(u, gamma, minimize, k, extrapolate);
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            stats.reset();
            collected = 0;
            for (BlockUpdate up : updates) {
                System.arraycopy(up.values, 0, next, up.lo, up.values.length);
                min = Math.min(min, up.minDelta);
                max = Math.max(max, up.maxDelta);
                stats.merge(up.stats);
                collected += up.payloadBytes();
            }
            range[0] = min;
            range[1] = max;
            exchanges++;
            double span = max - min;
            status = CertifiedStop.preferLimits(stop.afterCheck(stats, range), options, exchanges, deadline);
            if (status != null) {
                break;
            }
            extrapolate &= span < previousSpan; // safeguard, as in the single-machine gs
            previousSpan = span;
            // the statistics are at hand after every exchange: the listener is shown the certified
            // bound itself, the bound that is reported if the run stops now
            double bound = CheckCertificate.of(rounding.rounding(), stats).valueBound();
            status = RunLimits.reached(options, exchanges, Math.max(Math.abs(min), Math.abs(max)), bound, deadline);
            if (status != null) {
                break;
            }
            double[] swap = u;
            u = next;
            next = swap;
        }
        final long finishStart = System.nanoTime();
        final CheckCertificate cert = CheckCertificate.of(rounding.rounding(), stats);
        Accuracy accuracy = Accuracy.CERTIFIED;
        if (!cert.finite()) { // overflow or NaN: the values prove nothing; never a success
            accuracy = Accuracy.ESTIMATED;
            if (status == Status.CONVERGED) {
                status = Status.PRECISION_LIMIT;
            }
        }
        Broadcast<double[]> last = sc.broadcast(u);
        JavaRDD<BlockSolution> answer = blocks
                .map(b -> BlockSolution.finish(b, last.value(), zero.value(), gamma, minimize, cert))
                .persist(StorageLevel.MEMORY_ONLY());
        answer.count(); // compute now, so that the timings below are true
        long end = System.nanoTime();
        ExchangeStats exchangeStats = new ExchangeStats(exchanges, k, values.isHalo() ? 0 : 8L * n, collected,
                (finishStart - loopStart) / 1e9, (end - finishStart) / 1e9,
                values.isHalo() ? 8L * values.valuesSentPerExchange(n, 0) : 0);
        return new DistributedResult(method.label(), status, accuracy, n, exchanges,
                Math.max(Math.abs(range[0]), Math.abs(range[1])), cert.valueBound(), cert.policyBound(),
                (end - start) / 1e9, exchangeStats, answer, last, rounding);
    }
}
