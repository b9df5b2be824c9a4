package org.sparsemdp.bench;

import java.util.BitSet;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.sparsemdp.generate.GarnetGenerator;
import org.sparsemdp.generate.StopEmbedding;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;
import org.sparsemdp.result.Solution;
import org.sparsemdp.solve.BellmanKernel;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.undiscounted.IterationOrder;
import org.sparsemdp.solve.undiscounted.Reachability;
import org.sparsemdp.solve.undiscounted.UndiscountedSweeps;

/**
 * Solve times of Pmax, Pmin and Rmin (graph precomputation, end components, interval iteration
 * to ε = 1e-6) on a generated model with {@code states} states: a ring where each state has a
 * "walk" choice (to s+1 w.p. 0.9, to a random state w.p. 0.1, reward 1), a "jump" choice (to
 * one of two random states within 1000, reward 2) and every 10th state a zero-reward self-loop
 * "rest" (an end component on which plain value iteration for Rmin fails); every 1000th state
 * is a target, every 997th state a dead end without choices. Fixed seed. Each run includes the
 * policy certificate (a second solve on the policy's chain). {@link #walkRmin} is a long chain.
 *
 * <pre>java -jar solver-bench/target/benchmarks.jar ReachabilityBenchmark</pre>
 *
 * <p>{@link Sweeps} measures single sweeps instead: the per-transition rate of each undiscounted
 * inner loop against the discounted kernel on the same model.
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

    /** Global or topological (SCC by SCC) interval iteration, or optimistic value iteration. */
    @Param({"GLOBAL", "TOPOLOGICAL", "OPTIMISTIC"})
    public IterationOrder order;

    private Mdp mdp;
    private BitSet target;
    private Mdp walkMdp;
    private BitSet walkEnd;
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
        walkMdp = walk(1000);
        walkEnd = new BitSet();
        walkEnd.set(1000);
    }

    /**
     * A long chain: states 0..n−1, "step" (reward 1) to s+1 w.p. 0.6 and s−1 w.p. 0.4 (0 to 1),
     * "hop" (reward 2) to s+1 w.p. 0.99 and back to 0 w.p. 0.01; target n. Its values are in the
     * thousands and the slowest contraction is close to 1: the case where the a-priori reward
     * upper bound used to be about 1e185.
     */
    static Mdp walk(int n) {
        MdpBuilder b = new MdpBuilder(n + 1);
        b.addChoice(0, "step", 1, new int[] {1}, new double[] {1});
        for (int s = 1; s < n; s++) {
            b.addChoice(s, "step", 1, new int[] {s + 1, s - 1}, new double[] {0.6, 0.4});
            b.addChoice(s, "hop", 2, new int[] {s + 1, 0}, new double[] {0.99, 0.01});
        }
        return b.build();
    }

    /** Maximal probability of reaching a target. */
    @Benchmark
    public Solution pmax() {
        return Reachability.probability(mdp, target, Objective.MAXIMIZE, options, false, order);
    }

    /** Minimal probability of reaching a target. */
    @Benchmark
    public Solution pmin() {
        return Reachability.probability(mdp, target, Objective.MINIMIZE, options, false, order);
    }

    /** Minimal expected reward until a target (Infinity where a dead end is unavoidable). */
    @Benchmark
    public Solution rmin() {
        return Reachability.reward(mdp, mdp.rewardArray(), target, Objective.MINIMIZE, options, false, order);
    }

    /** Rmin on the 1000-state walk (value about 4841 at state 0). */
    @Benchmark
    public Solution walkRmin() {
        return Reachability.reward(walkMdp, walkMdp.rewardArray(), walkEnd, Objective.MINIMIZE, options, false, order);
    }

    /**
     * One sweep per operation, in transitions per second (the {@code transitions} counter; the
     * primary score is sweeps per second), of the discounted kernel and of each undiscounted inner
     * loop on the same model: a Garnet with {@code states} states, 4 actions of 4 random successors
     * and the discount 0.99 ({@link GarnetGenerator}, seed 1), solved as a discounted problem by
     * {@link BellmanKernel#gaussSeidelSweep} ({@code gs}), and with the discount embedded as a stop
     * probability ({@link StopEmbedding}) for Rmax until "stop" by the sweeps of
     * {@link UndiscountedSweeps} (the stop state is the target, folded into each choice's constant,
     * so both read the same 16 transitions per state).
     *
     * <pre>java -jar solver-bench/target/benchmarks.jar 'ReachabilityBenchmark.Sweeps' -p garnetStates=100000</pre>
     * (10^6 states: {@code -p garnetStates=1000000}; about 1.2 GB of heap.)
     */
    @State(Scope.Benchmark)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
    @Warmup(iterations = 2, time = 2)
    @Measurement(iterations = 5, time = 2)
    public static class Sweeps {
        /** Number of Garnet states (the undiscounted model has one more, the stop state). */
        @Param({"100000", "1000000"})
        public int garnetStates;

        private Mdp discounted;
        private double[] v;
        private double[] range;
        private UndiscountedSweeps sweeps;
        private long discountedTransitions;

        /** Transitions read, summed over the operations of an iteration (reported per second). */
        @State(Scope.Thread)
        @AuxCounters(AuxCounters.Type.OPERATIONS)
        public static class Rate {
            /** Transitions read by the measured sweeps. */
            public long transitions;

            /** Reset at each iteration, as JMH requires for auxiliary counters. */
            @Setup(Level.Iteration)
            public void reset() {
                transitions = 0;
            }
        }

        /** Generates the model in both forms. */
        @Setup(Level.Trial)
        public void setUp() {
            discounted = GarnetGenerator.generate(garnetStates, 4, 4, 0.99, 1);
            LoadedModel stop = StopEmbedding.embed(discounted);
            Mdp undiscounted = stop.mdp();
            sweeps = UndiscountedSweeps.rewardUntil(undiscounted, undiscounted.rewardArray(),
                    stop.label(StopEmbedding.STOP), Objective.MAXIMIZE);
            v = new double[discounted.numStates()];
            range = new double[2];
            discountedTransitions = discounted.numTransitions();
        }

        /** The discounted Gauss–Seidel sweep (the kernel of {@code gs}). */
        @Benchmark
        public double gs(Rate rate) {
            BellmanKernel.gaussSeidelSweep(discounted, v, 0, v.length, range);
            rate.transitions += discountedTransitions;
            return range[1];
        }

        /** The fused lower/upper sweep of interval iteration. */
        @Benchmark
        public int interval(Rate rate) {
            rate.transitions += sweeps.transitions();
            return sweeps.interval();
        }

        /** The Jacobi step with exit-rate bounds ({@code ii} on this model). */
        @Benchmark
        public double exitRate(Rate rate) {
            rate.transitions += sweeps.transitions();
            return sweeps.exitRate();
        }

        /** ovi's iteration-phase sweep (lower vector alone). */
        @Benchmark
        public double oviLower(Rate rate) {
            rate.transitions += sweeps.transitions();
            return sweeps.lower();
        }

        /** ovi's verification sweep. */
        @Benchmark
        public int oviVerify(Rate rate) {
            rate.transitions += sweeps.transitions();
            return sweeps.verify();
        }

        /** svi's pair sweep. */
        @Benchmark
        public double svi(Rate rate) {
            rate.transitions += sweeps.transitions();
            return sweeps.sound();
        }
    }
}
