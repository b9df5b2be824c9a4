package org.sparsemdp.spark;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.sparsemdp.result.Accuracy;
import org.sparsemdp.result.Status;
import org.sparsemdp.result.Solution;

/**
 * The result of a {@link SparkValueIteration} run: the scalar summary (status, iterations,
 * bounds, {@link ExchangeStats}) on the driver, and the per-state answer as a cached RDD with one
 * {@link BlockSolution} per partition, which {@link #toSolution()} collects (when it fits the
 * driver) and {@link PartitionedOutput} writes from the executors (when it does not).
 */
public final class DistributedResult implements AutoCloseable {
    private final String method;
    private final Status status;
    private final Accuracy accuracy;
    private final int numStates;
    private final long iterations;
    private final double residual;
    private final double errorBound;
    private final double policyBound;
    private final double seconds;
    private final ExchangeStats stats;
    private final JavaRDD<BlockSolution> blocks;
    private final Broadcast<double[]> last;
    private final DistributedRounding rounding;

    DistributedResult(String method, Status status, Accuracy accuracy, int numStates, long iterations, double residual,
                      double errorBound, double policyBound, double seconds, ExchangeStats stats,
                      JavaRDD<BlockSolution> blocks, Broadcast<double[]> last, DistributedRounding rounding) {
        this.method = method;
        this.status = status;
        this.accuracy = accuracy;
        this.numStates = numStates;
        this.iterations = iterations;
        this.residual = residual;
        this.errorBound = errorBound;
        this.policyBound = policyBound;
        this.seconds = seconds;
        this.stats = stats;
        this.blocks = blocks;
        this.last = last;
        this.rounding = rounding;
    }

    /** Name of the method ("spark-jacobi", "spark-block-gs", or "spark-ii-" and the objective). */
    public String method() {
        return method;
    }

    /** How the run ended. */
    public Status status() {
        return status;
    }

    /**
     * CERTIFIED when the bounds hold in floating point (see {@link SparkValueIteration}), ESTIMATED
     * when a value or change was not finite (the values then prove nothing).
     */
    public Accuracy accuracy() {
        return accuracy;
    }

    /** Number of states. */
    public int numStates() {
        return numStates;
    }

    /** Exchanges (outer iterations) performed. */
    public long iterations() {
        return iterations;
    }

    /** Sup norm of the last Jacobi change. */
    public double residual() {
        return residual;
    }

    /** Certified bound on max_s |value(s) − v*(s)| (+Infinity when not {@link Accuracy#CERTIFIED}). */
    public double errorBound() {
        return errorBound;
    }

    /** Certified bound on max_s |v^π(s) − v*(s)| for the reported policy. */
    public double policyBound() {
        return policyBound;
    }

    /** Wall time of the run (exchanges and final pass). */
    public double seconds() {
        return seconds;
    }

    /** Bytes and time per exchange. */
    public ExchangeStats stats() {
        return stats;
    }

    /** Per-block values, bounds and policy (cached; computed on first use). */
    public JavaRDD<BlockSolution> blocks() {
        return blocks;
    }

    /** Collects the per-state answer into one {@link Solution} on the driver. */
    public Solution toSolution() {
        double[] values = new double[numStates];
        double[] lower = new double[numStates];
        double[] upper = new double[numStates];
        int[] policy = new int[numStates];
        List<BlockSolution> parts = blocks.collect();
        for (BlockSolution b : parts) {
            int n = b.values().length;
            System.arraycopy(b.values(), 0, values, b.lo(), n);
            System.arraycopy(b.lower(), 0, lower, b.lo(), n);
            System.arraycopy(b.upper(), 0, upper, b.lo(), n);
            System.arraycopy(b.policy(), 0, policy, b.lo(), n);
        }
        return Solution.builder()
                .method(method)
                .status(status)
                .accuracy(accuracy)
                .values(values)
                .bounds(lower, upper)
                .policy(policy)
                .iterations(iterations)
                .residual(residual)
                .errorBound(errorBound)
                .policyBound(policyBound)
                .seconds(seconds)
                .build();
    }

    /** Drops the cached answer, the last broadcast value vector and the broadcast states of value 0. */
    @Override
    public void close() {
        blocks.unpersist(false);
        if (last != null) { // null for the interval iteration of SparkReachability
            last.destroy();
        }
        if (rounding != null) {
            rounding.close();
        }
    }
}
