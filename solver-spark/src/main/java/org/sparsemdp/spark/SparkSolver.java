package org.sparsemdp.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.result.Solution;
import org.sparsemdp.solve.Solver;
import org.sparsemdp.solve.SolverOptions;

/**
 * {@link SparkValueIteration} behind the ordinary {@link Solver} interface, for a model in the
 * driver's memory: partitions it ({@link DistributedModel#fromMdp}), solves, collects the answer
 * into a {@link Solution} (with per-state lower and upper bounds) and frees the cached data.
 * Values, bounds and stopping rule are those of {@link SparkValueIteration}. {@code --threads}
 * does not apply (the parallelism is Spark's): more than one thread is refused.
 */
public final class SparkSolver implements Solver {
    private final JavaSparkContext sc;
    private final SparkValueIteration.Method method;
    private final int partitions;
    private final int innerSweeps;

    /**
     * @param partitions  number of blocks (at most the number of states is used)
     * @param innerSweeps block sweeps per exchange for block Gauss–Seidel
     */
    public SparkSolver(JavaSparkContext sc, SparkValueIteration.Method method, int partitions, int innerSweeps) {
        this.sc = sc;
        this.method = method;
        this.partitions = partitions;
        this.innerSweeps = innerSweeps;
    }

    @Override
    public String name() {
        return method.label();
    }

    @Override
    public Solution solve(Mdp mdp, SolverOptions options) {
        if (options.threads() > 1) {
            throw new IllegalArgumentException("the Spark solver '" + name() + "' runs on the Spark executors (its"
                    + " parallelism is the number of partitions and the cores of the master), not on " + options.threads()
                    + " threads of this JVM; use 1 thread");
        }
        SparkValueIteration.requireDiscounted(method, mdp.discount()); // before shipping the model
        try (DistributedModel model = DistributedModel.fromMdp(sc, mdp, partitions);
             DistributedResult result = new SparkValueIteration(sc, method, innerSweeps).solve(model, options)) {
            return result.toSolution();
        }
    }
}
