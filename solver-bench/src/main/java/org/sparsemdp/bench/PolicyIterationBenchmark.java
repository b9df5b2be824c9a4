package org.sparsemdp.bench;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.sparsemdp.evaluate.KrylovMethod;
import org.sparsemdp.evaluate.PolicyEvaluator;
import org.sparsemdp.evaluate.Preconditioning;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.result.Status;
import org.sparsemdp.solve.ModifiedPolicyIterationSolver;
import org.sparsemdp.solve.PolicyIterationSolver;
import org.sparsemdp.result.Solution;
import org.sparsemdp.solve.Solver;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.ValueIterationSolver;

/**
 * Time to a certified ε = 1e-6 for value iteration, policy iteration and modified policy
 * iteration (each Krylov method) on random models: {@code states} states, 4 actions per state,
 * 8 distinct random successors per action (see {@link #structure}) with random probabilities,
 * rewards uniform in [0, 1], maximised.
 *
 * <p>{@code method}: {@code vi}; {@code pi-KRYLOV-PRECOND} / {@code mpi-KRYLOV-PRECOND} with
 * KRYLOV in gmres, bicgstab, cgs, ir and PRECOND in none, diagonal, ilu0; {@code mpi-sweepsM}
 * (M sweeps per step). Run briefly, e.g.
 * {@code java -jar solver-bench/target/benchmarks.jar PolicyIterationBenchmark -bm ss -f 1 -wi 1 -i 3}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PolicyIterationBenchmark {
    @Param({"100000"})
    public int states;

    /**
     * {@code uniform}: successors uniform over all states (the chain mixes in a few steps, so the
     * span bounds of value iteration converge much faster than γ<sup>n</sup>); {@code local}:
     * successors uniform within ±{@value #WINDOW} of the state on a ring (slow mixing: value
     * iteration needs about log(ε(1−γ))/log γ sweeps).
     */
    @Param({"uniform"})
    public String structure;

    @Param({"0.9", "0.99", "0.999"})
    public double gamma;

    @Param({"vi", "pi-bicgstab-diagonal", "pi-gmres-diagonal", "pi-cgs-diagonal", "pi-ir-diagonal",
            "pi-bicgstab-ilu0", "mpi-bicgstab-diagonal", "mpi-gmres-diagonal", "mpi-cgs-diagonal",
            "mpi-ir-diagonal", "mpi-sweeps20", "mpi", "mpi-adaptive"})
    public String method;

    private Mdp mdp;
    private Solver solver;
    private SolverOptions options;

    @Setup(Level.Trial)
    public void setUp() {
        mdp = randomModel(states, 4, 8, gamma, 42, structure.equals("local") ? WINDOW : 0);
        solver = solver(method);
        options = SolverOptions.builder().epsilon(1e-6).build();
    }

    @Benchmark
    public Solution solve() {
        Solution s = solver.solve(mdp, options);
        if (s.status() != Status.CONVERGED) {
            throw new IllegalStateException(method + " did not converge: " + s);
        }
        return s;
    }

    /** The solver named by a {@code method} parameter value. */
    static Solver solver(String name) {
        if (name.equals("vi")) {
            return new ValueIterationSolver();
        }
        if (name.equals("mpi")) { // the default: adaptive sweeps, Krylov after 200 sweeps of work
            return new ModifiedPolicyIterationSolver();
        }
        if (name.equals("mpi-adaptive")) { // adaptive sweeps only
            return ModifiedPolicyIterationSolver.adaptive(ModifiedPolicyIterationSolver.DEFAULT_RATIO,
                    ModifiedPolicyIterationSolver.DEFAULT_MAX_SWEEPS);
        }
        if (name.startsWith("mpi-sweeps")) {
            return new ModifiedPolicyIterationSolver(Integer.parseInt(name.substring("mpi-sweeps".length())));
        }
        List<String> parts = Arrays.asList(name.split("-"));
        PolicyEvaluator evaluator = PolicyEvaluator.builder().method(KrylovMethod.parse(parts.get(1)))
                .preconditioning(Preconditioning.parse(parts.get(2))).build();
        return parts.get(0).equals("pi")
                ? new PolicyIterationSolver(evaluator, PolicyIterationSolver.DEFAULT_EVALUATION_FRACTION)
                : new ModifiedPolicyIterationSolver(evaluator, ModifiedPolicyIterationSolver.DEFAULT_LOOSENESS);
    }

    /**
     * A seeded random model (kept private to this benchmark and tiny): every state has
     * {@code actions} choices with {@code successors} distinct successors each.
     */
    static Mdp randomModel(int n, int actions, int successors, double gamma, long seed) {
        return randomModel(n, actions, successors, gamma, seed, 0);
    }

    /** Half-width of the successor window of the {@code local} structure. */
    static final int WINDOW = 16;

    /**
     * As {@link #randomModel(int, int, int, double, long)}; with {@code window} &gt; 0 successors
     * are drawn from s − window .. s + window (mod n).
     */
    static Mdp randomModel(int n, int actions, int successors, double gamma, long seed, int window) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int choices = n * actions;
        int[] choiceStart = new int[n + 1];
        int[] transStart = new int[choices + 1];
        int[] successor = new int[choices * successors];
        double[] probability = new double[choices * successors];
        double[] reward = new double[choices];
        int[] actionIndex = new int[choices];
        int[] row = new int[successors];
        int k = 0;
        for (int s = 0; s < n; s++) {
            choiceStart[s + 1] = (s + 1) * actions;
            for (int a = 0; a < actions; a++) {
                int c = s * actions + a;
                actionIndex[c] = a;
                reward[c] = rnd.nextDouble();
                int filled = 0;
                while (filled < successors) {
                    int t = window > 0
                            ? Math.floorMod(s + rnd.nextInt(2 * window + 1) - window, n)
                            : rnd.nextInt(n);
                    boolean dup = false;
                    for (int i = 0; i < filled; i++) {
                        dup |= row[i] == t;
                    }
                    if (!dup) {
                        row[filled++] = t;
                    }
                }
                Arrays.sort(row);
                double total = 0;
                for (int i = 0; i < successors; i++) {
                    probability[k + i] = 0.05 + rnd.nextDouble();
                    total += probability[k + i];
                }
                for (int i = 0; i < successors; i++) {
                    successor[k + i] = row[i];
                    probability[k + i] /= total;
                }
                k += successors;
                transStart[c + 1] = k;
            }
        }
        List<String> labels = List.of("a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7").subList(0, actions);
        return Mdp.fromArrays(n, choiceStart, transStart, successor, probability, reward, actionIndex, labels,
                Objective.MAXIMIZE, gamma, new int[] {0});
    }
}
