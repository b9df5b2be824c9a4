package org.sparsemdp.bench;

import java.util.BitSet;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;
import org.sparsemdp.solve.Solution;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.undiscounted.Reachability;

/**
 * Solve times of Pmax, Pmin and Rmin (graph precomputation, end components, interval iteration
 * to ε = 1e-6) on a generated model with {@code states} states: a ring where each state has a
 * "walk" choice (to s+1 w.p. 0.9, to a random state w.p. 0.1, reward 1), a "jump" choice (to
 * one of two random states within 1000, reward 2) and every 10th state a zero-reward self-loop
 * "rest" (an end component on which plain value iteration for Rmin fails); every 1000th state
 * is a target, every 997th state a dead end without choices. Fixed seed.
 *
 * <pre>java -jar solver-bench/target/benchmarks.jar ReachabilityBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class ReachabilityBenchmark {
    /** Number of states. */
    @Param({"1000000"})
    public int states;

    private Mdp mdp;
    private BitSet target;
    private final SolverOptions options = SolverOptions.builder().epsilon(1e-6).build();

    /** Generates the model. */
    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(42);
        MdpBuilder b = new MdpBuilder(states);
        target = new BitSet(states);
        int[] two = new int[2];
        double[] walk = {0.9, 0.1};
        double[] jump = {0.5, 0.5};
        for (int s = 0; s < states; s++) {
            if (s % 1000 == 0) {
                target.set(s);
            }
            if (s % 997 == 996) {
                continue;
            }
            two[0] = (s + 1) % states;
            two[1] = rnd.nextInt(states);
            b.addChoice(s, "walk", 1.0, two, walk);
            two[0] = Math.floorMod(s + rnd.nextInt(-1000, 1000), states);
            two[1] = Math.floorMod(s + rnd.nextInt(-1000, 1000), states);
            b.addChoice(s, "jump", 2.0, two, jump);
            if (s % 10 == 5) {
                b.addChoice(s, "rest", 0.0, new int[] {s}, new double[] {1}); // a zero-reward end component
            }
        }
        mdp = b.build();
    }

    /** Maximal probability of reaching a target. */
    @Benchmark
    public Solution pmax() {
        return Reachability.probability(mdp, target, Objective.MAXIMIZE, options, false);
    }

    /** Minimal probability of reaching a target. */
    @Benchmark
    public Solution pmin() {
        return Reachability.probability(mdp, target, Objective.MINIMIZE, options, false);
    }

    /** Minimal expected reward until a target (Infinity where a dead end is unavoidable). */
    @Benchmark
    public Solution rmin() {
        return Reachability.reward(mdp, mdp.rewardArray(), target, Objective.MINIMIZE, options, false);
    }
}
