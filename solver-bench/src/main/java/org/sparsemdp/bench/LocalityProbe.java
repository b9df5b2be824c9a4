package org.sparsemdp.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.sparsemdp.generate.BandedGenerator;
import org.sparsemdp.generate.GarnetGenerator;
import org.sparsemdp.graph.StateOrdering;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.PermutedMdp;
import org.sparsemdp.solve.BellmanKernel;

/**
 * What state reordering recovers at large state counts (issue 26): for one model, the time of a
 * Jacobi sweep ({@code vi}) and of a Gauss–Seidel sweep ({@code gs}) in its own numbering and
 * renumbered by {@link StateOrdering#BFS} and {@link StateOrdering#RCM}, and what each ordering
 * costs (computing the order, then building the renumbered copy). A plain main, not JMH: at 10⁷
 * states one sweep takes about a second and every copy of the model several GB, so JMH's forks and
 * iterations would take hours. The orderings are measured interleaved (round r sweeps every copy
 * once before round r + 1), after two warm-up rounds; medians of the rounds.
 *
 * <pre>
 * java -Xmx12g -XX:+UseParallelGC -cp solver-bench/target/benchmarks.jar org.sparsemdp.bench.LocalityProbe \
 *     KIND STATES [ACTIONS BRANCHING [ROUNDS [ORDERS]]]
 * </pre>
 * KIND: {@code garnet} (random successors), {@code banded} (successors within ±32, the local case),
 * {@code banded-shuffled} (the banded model with its states randomly renumbered: locality hidden by the
 * numbering). ORDERS: the orderings to compare with the model's own numbering, comma-separated
 * (default {@code bfs,rcm}). Defaults: 4 actions, 8 successors, 5 rounds. Memory: three copies of the model
 * (12 bytes per transition each) plus the undirected adjacency (8 bytes per transition) while an
 * order is computed. Prints a Markdown table.
 */
public final class LocalityProbe {
    private LocalityProbe() {
    }

    /** Entry point: {@code KIND STATES [ACTIONS BRANCHING [ROUNDS [ORDERS]]]} (see the class comment). */
    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: LocalityProbe garnet|banded|banded-shuffled STATES [ACTIONS BRANCHING [ROUNDS [ORDERS]]]");
            System.exit(2);
        }
        final String kind = args[0];
        final int states = Integer.parseInt(args[1]);
        final int actions = args.length > 2 ? Integer.parseInt(args[2]) : BenchModels.ACTIONS;
        final int branching = args.length > 3 ? Integer.parseInt(args[3]) : BenchModels.BRANCHING;
        final int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 5;
        final String[] orders = (args.length > 5 ? args[5] : "bfs,rcm").split(",");
        long t0 = System.nanoTime();
        Mdp base = generate(kind, states, actions, branching);
        double generateSeconds = (System.nanoTime() - t0) / 1e9;
        List<String> names = new ArrayList<>(List.of("none"));
        List<Mdp> models = new ArrayList<>(List.of(base));
        List<double[]> costs = new ArrayList<>();
        costs.add(new double[] {0, 0});
        for (String keyword : orders) {
            StateOrdering ordering = StateOrdering.parse(keyword);
            long a = System.nanoTime();
            int[] order = ordering.order(base);
            long b = System.nanoTime();
            Mdp permuted = PermutedMdp.of(base, order).permuted();
            long c = System.nanoTime();
            names.add(ordering.keyword());
            models.add(permuted);
            costs.add(new double[] {(b - a) / 1e9, (c - b) / 1e9});
        }
        final int n = base.numStates();
        double[][] vi = new double[models.size()][rounds];
        double[][] gs = new double[models.size()][rounds];
        double[] v = new double[n];
        double[] out = new double[n];
        int[] policy = new int[n];
        double[] range = new double[2];
        for (int r = -2; r < rounds; r++) { // two warm-up rounds
            for (int m = 0; m < models.size(); m++) {
                Mdp mdp = models.get(m);
                for (int s = 0; s < n; s++) {
                    v[s] = (s % 101) * 0.01;
                }
                long a = System.nanoTime();
                BellmanKernel.jacobiSweep(mdp, v, out, policy, 0, n, range);
                long b = System.nanoTime();
                BellmanKernel.gaussSeidelSweep(mdp, v, 0, n, range);
                long c = System.nanoTime();
                if (r >= 0) {
                    vi[m][r] = (b - a) / 1e6;
                    gs[m][r] = (c - b) / 1e6;
                }
            }
        }
        long transitions = base.numTransitions();
        System.out.printf(Locale.ROOT, "Model %s, %d states × %d actions × %d successors = %d transitions;"
                + " generated in %.1f s; %d rounds, medians.%n%n", kind, n, actions, branching, transitions,
                generateSeconds, rounds);
        System.out.println("| order | order s | copy s | vi sweep ms | vi M transitions/s | gs sweep ms"
                + " | gs M transitions/s | vi speed-up | gs speed-up | break-even vi sweeps |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        double vi0 = median(vi[0]);
        double gs0 = median(gs[0]);
        for (int m = 0; m < models.size(); m++) {
            double viMs = median(vi[m]);
            double gsMs = median(gs[m]);
            double cost = (costs.get(m)[0] + costs.get(m)[1]) * 1e3;
            String breakEven = m == 0 ? "–" : viMs < vi0
                    ? String.format(Locale.ROOT, "%.0f", Math.ceil(cost / (vi0 - viMs))) : "never";
            System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.1f | %.0f | %.1f | %.0f | %.2f× | %.2f× | %s |%n",
                    names.get(m), costs.get(m)[0], costs.get(m)[1], viMs, transitions / viMs / 1e3, gsMs,
                    transitions / gsMs / 1e3, vi0 / viMs, gs0 / gsMs, breakEven);
        }
    }

    private static Mdp generate(String kind, int states, int actions, int branching) {
        switch (kind) {
            case "garnet":
                return GarnetGenerator.generate(states, actions, branching, 0.99, BenchModels.SEED);
            case "banded":
                return BandedGenerator.generate(states, actions, branching, BenchModels.HALF_BANDWIDTH, 0.99,
                        BenchModels.SEED);
            case "banded-shuffled":
                return PermutedMdp.of(generate("banded", states, actions, branching),
                        StateOrdering.shuffled(states, BenchModels.SEED)).permuted();
            default:
                throw new IllegalArgumentException("unknown model kind " + kind + " (garnet, banded, banded-shuffled)");
        }
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }
}
