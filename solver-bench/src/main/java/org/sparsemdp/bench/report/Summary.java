package org.sparsemdp.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;

/**
 * The report's at-a-glance table: one row per solver method, at reference sizes, from the suite's
 * two scaling benchmarks (by name): {@value #CONVERGENCE} (time to ε, with its {@code iterations}
 * counter) and {@value #SWEEP_CLASS}{@code .METHOD} (time per sweep, with its {@code bytes}
 * counter), plus {@value #TRIAD_CLASS}'s bandwidth.
 *
 * <p>Reference points: for time to ε, γ = 0.99 if measured (else the most measured γ), the fewest
 * threads, and the largest {@code states} at which the most methods were measured; for sweeps,
 * the fewest threads and the largest {@code states}. Speed-ups compare the most threads with the
 * fewest at the same reference point.
 */
final class Summary {
    static final String CONVERGENCE = "ConvergenceBenchmark.solve";
    static final String SWEEP_CLASS = "SweepBenchmark";
    static final String TRIAD_CLASS = "TriadBenchmark";
    static final String ITERATIONS = "iterations";
    static final String LOAD = "LoadBenchmark.load";
    static final String FILE_BYTES = "fileBytes";

    private Summary() {
    }

    /** The summary section, or "" when the run has neither benchmark. */
    static String section(List<JmhResult> results) {
        List<JmhResult> solves = new ArrayList<>();
        List<JmhResult> sweeps = new ArrayList<>();
        List<JmhResult> triads = new ArrayList<>();
        for (JmhResult r : results) {
            String name = r.shortName();
            if (name.equals(CONVERGENCE)) {
                solves.add(r);
            } else if (name.startsWith(SWEEP_CLASS + ".")) {
                sweeps.add(r);
            } else if (name.startsWith(TRIAD_CLASS + ".")) {
                triads.add(r);
            }
        }
        if (solves.isEmpty() && sweeps.isEmpty()) {
            return "";
        }
        String gamma = referenceGamma(solves);
        List<JmhResult> atGamma = filter(solves, "gamma", gamma);
        String solveThreads = fewest(atGamma);
        String solveStates = referenceStates(filter(atGamma, Analyses.THREADS, solveThreads));
        String sweepThreads = fewest(sweeps);
        String sweepStates = largest(filter(sweeps, Analyses.THREADS, sweepThreads), Analyses.STATES);
        String solveMost = most(atGamma);
        Set<String> otherGammas = new java.util.TreeSet<>();
        for (JmhResult r : filter(filter(solves, Analyses.STATES, solveStates), Analyses.THREADS, solveThreads)) {
            String g = r.params().get("gamma");
            if (g != null && !g.equals(gamma)) {
                otherGammas.add(g);
            }
        }
        String sweepMost = most(sweeps);

        Set<String> methods = new LinkedHashSet<>();
        for (JmhResult r : atGamma) {
            methods.add(r.params().getOrDefault("method", "?"));
        }
        for (JmhResult r : sweeps) {
            methods.add(sweepMethod(r));
        }

        StringBuilder sb = new StringBuilder("## Summary\n\n");
        if (!solves.isEmpty()) {
            sb.append("Time to ε: `").append(CONVERGENCE).append("`, ").append(describe(atGamma.get(0), solveStates))
                    .append(", γ = ").append(gamma).append(", ε = 1e-6, ").append(solveThreads)
                    .append(" thread(s); one solve per measurement, mean of the measurements")
                    .append(otherGammas.isEmpty() ? "." : "; the same at the other discounts measured at that size.");
        }
        if (!sweeps.isEmpty()) {
            sb.append(" Sweeps: `").append(SWEEP_CLASS).append(".vi` (Jacobi) and `.gs` (Gauss–Seidel), ")
                    .append(describe(sweeps.get(0), sweepStates)).append(", ").append(sweepThreads)
                    .append(" thread(s).");
        }
        sb.append(" Speed-ups: the most threads measured over the fewest, same model.\n\n");
        List<String> header = new ArrayList<>(List.of("method", "time to ε (s)", "iterations",
                "time per iteration (ms)", "time-to-ε speed-up" + threadsLabel(solveMost, solveThreads)));
        for (String g : otherGammas) {
            header.add("time to ε at γ = " + g + " (s)");
        }
        header.addAll(List.of("time per sweep (ms)", "sweeps/s", "streamed GB/s", "fraction of triad",
                "sweep speed-up" + threadsLabel(sweepMost, sweepThreads)));
        MarkdownReport.row(sb, header);
        List<String> align = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            align.add(i == 0 ? "---" : "---:");
        }
        MarkdownReport.row(sb, align);
        for (String m : methods) {
            List<String> cells = new ArrayList<>();
            cells.add(m);
            JmhResult solve = find(atGamma, m, solveStates, solveThreads, false);
            JmhResult solveT = solveMost == null ? null : find(atGamma, m, solveStates, solveMost, false);
            if (solve == null) {
                cells.addAll(List.of("–", "–", "–"));
            } else {
                double iterations = Analyses.perOperation(solve, ITERATIONS);
                cells.add(MarkdownReport.number(solve.secondsPerOp()));
                cells.add(Double.isNaN(iterations) ? "–" : String.format(Locale.ROOT, "%.0f", iterations));
                cells.add(Double.isNaN(iterations) ? "–" : MarkdownReport.number(1e3 * solve.secondsPerOp() / iterations));
            }
            cells.add(solve != null && solveT != null ? speedup(solve, solveT) : "–");
            for (String g : otherGammas) {
                JmhResult other = find(filter(solves, "gamma", g), m, solveStates, solveThreads, false);
                cells.add(other == null ? "–" : MarkdownReport.number(other.secondsPerOp()));
            }
            JmhResult sweep = find(sweeps, m, sweepStates, sweepThreads, true);
            JmhResult sweepT = sweepMost == null ? null : find(sweeps, m, sweepStates, sweepMost, true);
            if (sweep == null) {
                cells.addAll(List.of("–", "–", "–", "–", "–"));
            } else {
                double bw = Analyses.bandwidth(sweep);
                OptionalDouble triad = Analyses.triadReference(triads, sweep);
                cells.add(MarkdownReport.number(1e3 * sweep.secondsPerOp()));
                cells.add(MarkdownReport.number(1 / sweep.secondsPerOp()));
                cells.add(Double.isNaN(bw) ? "–" : MarkdownReport.number(bw / 1e9));
                cells.add(Double.isNaN(bw) || triad.isEmpty() ? "–" : MarkdownReport.percent(bw / triad.getAsDouble()));
                cells.add(sweepT != null ? speedup(sweep, sweepT) : "–");
            }
            MarkdownReport.row(sb, cells);
        }
        sb.append('\n');
        if (!triads.isEmpty()) {
            sb.append("Memory bandwidth (STREAM triad `").append(TRIAD_CLASS)
                    .append("`, arrays as long as the model's transitions, 24 B per element):");
            TreeMap<Double, JmhResult> byThreads = new TreeMap<>();
            for (JmhResult t : filter(triads, Analyses.STATES, sweepStates)) {
                byThreads.put(t.numericParam(Analyses.THREADS), t);
            }
            for (JmhResult t : byThreads.values()) {
                sb.append(' ').append(MarkdownReport.number(Analyses.bandwidth(t) / 1e9)).append(" GB/s with ")
                        .append(t.params().get(Analyses.THREADS)).append(" thread(s);");
            }
            sb.setLength(sb.length() - 1);
            sb.append(" at `states` = ").append(sweepStates).append(".\n\n");
        }
        sb.append(loading(results));
        sb.append("Reading: iterations are sweeps for vi, gs, sor and topological and policy-improvement steps for"
                + " pi and mpi, so their time per iteration is not comparable across the two groups. sor and topological"
                + " run Gauss–Seidel sweeps (relaxed, or per strongly connected component), so the `gs` sweep"
                + " columns describe them too; pi and mpi spend most of their time in Krylov policy evaluation."
                + " \"Streamed\" bytes count the arrays read and written once per sweep, not the random reads of"
                + " successor values (see `SweepBenchmark`). Details, commands and charts follow.\n\n");
        return sb.toString();
    }

    /** One line per format of {@value #LOAD} at its largest {@code states}: time, file size, rate. */
    private static String loading(List<JmhResult> results) {
        List<JmhResult> loads = new ArrayList<>();
        for (JmhResult r : results) {
            if (r.shortName().equals(LOAD)) {
                loads.add(r);
            }
        }
        String states = largest(loads, Analyses.STATES);
        if (states == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder("Loading (`").append(LOAD).append("`, every reader on the same ")
                .append(states).append("-state model, file in the page cache): ");
        for (JmhResult r : filter(loads, Analyses.STATES, states)) {
            double mb = Analyses.perOperation(r, FILE_BYTES) / 1e6;
            sb.append(r.params().get("format")).append(' ').append(MarkdownReport.number(r.secondsPerOp())).append(" s");
            if (!Double.isNaN(mb)) {
                sb.append(" (").append(MarkdownReport.number(mb)).append(" MB, ")
                        .append(MarkdownReport.number(mb / r.secondsPerOp())).append(" MB/s)");
            }
            sb.append("; ");
        }
        sb.setLength(sb.length() - 2);
        return sb.append(".\n\n").toString();
    }

    private static String threadsLabel(String most, String fewest) {
        return most == null ? "" : " (" + most + " vs " + fewest + " threads)";
    }

    private static String speedup(JmhResult fewest, JmhResult most) {
        return String.format(Locale.ROOT, "%.2f×", fewest.secondsPerOp() / most.secondsPerOp());
    }

    /** "model garnet, 100000 states" from the parameters. */
    private static String describe(JmhResult r, String states) {
        String model = r.params().get("model");
        return (model == null ? "" : "model " + model + ", ") + states + " states";
    }

    private static String sweepMethod(JmhResult r) {
        return r.shortName().substring(SWEEP_CLASS.length() + 1);
    }

    private static JmhResult find(List<JmhResult> rs, String method, String states, String threads, boolean sweep) {
        for (JmhResult r : rs) {
            String m = sweep ? sweepMethod(r) : r.params().get("method");
            if (method.equals(m) && Objects.equals(states, r.params().get(Analyses.STATES))
                    && Objects.equals(threads, r.params().get(Analyses.THREADS))) {
                return r;
            }
        }
        return null;
    }

    private static List<JmhResult> filter(List<JmhResult> rs, String param, String value) {
        List<JmhResult> out = new ArrayList<>();
        for (JmhResult r : rs) {
            if (value == null || value.equals(r.params().get(param))) {
                out.add(r);
            }
        }
        return out;
    }

    /** "0.99" when measured, else the most frequent value of {@code gamma}, or null. */
    private static String referenceGamma(List<JmhResult> solves) {
        Map<String, Integer> count = new TreeMap<>();
        for (JmhResult r : solves) {
            count.merge(r.params().getOrDefault("gamma", ""), 1, Integer::sum);
        }
        if (count.containsKey("0.99")) {
            return "0.99";
        }
        return count.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
    }

    /** The largest {@code states} among those with the most distinct methods. */
    private static String referenceStates(List<JmhResult> rs) {
        TreeMap<Double, Set<String>> methods = new TreeMap<>();
        for (JmhResult r : rs) {
            methods.computeIfAbsent(r.numericParam(Analyses.STATES), k -> new LinkedHashSet<>())
                    .add(r.params().get("method"));
        }
        int best = 0;
        Double at = null;
        for (Map.Entry<Double, Set<String>> e : methods.entrySet()) {
            if (e.getValue().size() >= best) {
                best = e.getValue().size();
                at = e.getKey();
            }
        }
        for (JmhResult r : rs) {
            if (at != null && r.numericParam(Analyses.STATES) == at) {
                return r.params().get(Analyses.STATES);
            }
        }
        return null;
    }

    private static String largest(List<JmhResult> rs, String param) {
        JmhResult best = null;
        for (JmhResult r : rs) {
            if (best == null || r.numericParam(param) > best.numericParam(param)) {
                best = r;
            }
        }
        return best == null ? null : best.params().get(param);
    }

    private static String fewest(List<JmhResult> rs) {
        JmhResult best = null;
        for (JmhResult r : rs) {
            if (best == null || r.numericParam(Analyses.THREADS) < best.numericParam(Analyses.THREADS)) {
                best = r;
            }
        }
        return best == null ? null : best.params().get(Analyses.THREADS);
    }

    /** The most threads, or null when only one thread count was measured. */
    private static String most(List<JmhResult> rs) {
        JmhResult best = null;
        for (JmhResult r : rs) {
            if (best == null || r.numericParam(Analyses.THREADS) > best.numericParam(Analyses.THREADS)) {
                best = r;
            }
        }
        String f = fewest(rs);
        return best == null || best.params().get(Analyses.THREADS).equals(f) ? null
                : best.params().get(Analyses.THREADS);
    }
}
