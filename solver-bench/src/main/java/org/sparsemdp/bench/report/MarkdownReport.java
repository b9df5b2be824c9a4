package org.sparsemdp.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Renders JMH results as Markdown tables, one per benchmark, with derived columns, each preceded
 * by what its units mean and the exact JMH command(s) that produced it.
 */
final class MarkdownReport {
    private static final String ALLOC = "gc.alloc.rate.norm";
    /** The benchmarks jar, as the commands name it (relative to the repository root). */
    static final String JAR = "solver-bench/target/benchmarks.jar";

    private MarkdownReport() {
    }

    /** The tables, one per benchmark, in first-seen order. */
    static String tables(List<JmhResult> results) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, List<JmhResult>> b : Analyses.byBenchmark(results).entrySet()) {
            List<JmhResult> rs = b.getValue();
            Set<String> params = new LinkedHashSet<>();
            Set<String> counters = new LinkedHashSet<>();
            boolean bytes = false;
            boolean alloc = false;
            boolean threadsVary = false;
            for (JmhResult r : rs) {
                params.addAll(r.params().keySet());
                bytes |= r.secondary().containsKey(Analyses.BYTES);
                alloc |= allocation(r) != null;
                threadsVary |= r.threads() != rs.get(0).threads();
                for (String name : r.secondary().keySet()) {
                    if (isCounter(name, r)) {
                        counters.add(name);
                    }
                }
            }
            boolean fraction = rs.stream().anyMatch(r -> Analyses.hasTriadFraction(results, r));
            List<String> header = new ArrayList<>(params);
            if (threadsVary) {
                header.add("JMH threads");
            }
            header.add("mode");
            header.add("score");
            header.add("± 99.9%");
            header.add("unit");
            if (bytes) {
                header.add("`bytes` rate (GB/s)");
                if (fraction) {
                    header.add("fraction of triad bandwidth");
                }
            }
            for (String c : counters) {
                boolean mb = isByteCounter(c);
                header.add("`" + c + "` per op" + (mb ? " (MB)" : ""));
                header.add("`" + c + "` per s" + (mb ? " (MB/s)" : ""));
            }
            if (alloc) {
                header.add("allocated (MB/op)");
            }
            sb.append("### ").append(b.getKey()).append("\n\n");
            sb.append(legend(rs.get(0), bytes, fraction, counters, alloc));
            sb.append(commands(b.getKey(), rs));
            row(sb, header);
            List<String> align = new ArrayList<>();
            for (int i = 0; i < header.size(); i++) {
                align.add(i < params.size() ? "---" : "---:");
            }
            row(sb, align);
            for (JmhResult r : rs) {
                List<String> cells = new ArrayList<>();
                for (String p : params) {
                    cells.add(r.params().getOrDefault(p, ""));
                }
                if (threadsVary) {
                    cells.add(Integer.toString(r.threads()));
                }
                cells.add(r.mode());
                cells.add(number(r.primary().score()));
                cells.add(Double.isNaN(r.primary().error()) ? "" : number(r.primary().error()));
                cells.add(r.primary().unit());
                if (bytes) {
                    double bw = Analyses.bandwidth(r);
                    cells.add(Double.isNaN(bw) ? "" : number(bw / 1e9));
                    if (fraction) {
                        OptionalDouble ref = Analyses.triadReference(results, r);
                        cells.add(Analyses.hasTriadFraction(results, r) ? percent(bw / ref.getAsDouble()) : "");
                    }
                }
                for (String c : counters) {
                    double perOp = Analyses.perOperation(r, c) / (isByteCounter(c) ? 1e6 : 1);
                    cells.add(Double.isNaN(perOp) ? "" : number(perOp));
                    cells.add(Double.isNaN(perOp) ? "" : number(perOp / r.secondsPerOp()));
                }
                if (alloc) {
                    JmhResult.Metric m = allocation(r);
                    cells.add(m == null ? "" : number(m.score() / 1e6));
                }
                row(sb, cells);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** A counter of bytes (its name ends in "Bytes"), shown in 10^6 B. */
    private static boolean isByteCounter(String name) {
        return name.endsWith("Bytes");
    }

    /** A percentage with no decimals. */
    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * fraction);
    }

    /** An auxiliary counter (other than {@code bytes}) reported in the primary metric's unit. */
    private static boolean isCounter(String name, JmhResult r) {
        return !name.equals(Analyses.BYTES) && !name.contains("gc.") && !name.contains("\u00b7")
                && r.secondary().get(name).unit().equals(r.primary().unit());
    }

    /** What the columns mean, in one paragraph. */
    private static String legend(JmhResult r, boolean bytes, boolean fraction, Set<String> counters, boolean alloc) {
        StringBuilder sb = new StringBuilder("Units: `score` is ");
        String unit = r.primary().unit();
        sb.append(unit.endsWith("/op") ? "time per operation" : "operations per unit of time").append(" (").append(unit)
                .append(", mode ").append(r.mode()).append("), `± 99.9%` its confidence half-width.");
        if (bytes) {
            sb.append(" `bytes` rate: the benchmark's `bytes` counter (bytes moved or produced per operation) per"
                    + " second, in 10^9 B/s.");
        }
        if (fraction) {
            sb.append(" Fraction of triad bandwidth: that rate over the STREAM triad's with the same `threads` and"
                    + " `states` (else the same `threads`, else the best).");
        }
        for (String c : counters) {
            sb.append(" `").append(c).append("` per op / per s: the `").append(c)
                    .append("` counter per operation and per second").append(isByteCounter(c) ? ", in 10^6 B." : ".");
        }
        if (alloc) {
            sb.append(" Allocated: JMH's `gc.alloc.rate.norm` (-prof gc), 10^6 B per operation.");
        }
        return sb.append("\n\n").toString();
    }

    /**
     * The JMH command lines that reproduce these results: one per result file and run settings
     * (one JMH run), with the parameter grid that run used.
     */
    static String commands(String benchmark, List<JmhResult> rs) {
        Map<String, List<JmhResult>> runs = new LinkedHashMap<>();
        for (JmhResult r : rs) {
            runs.computeIfAbsent(r.run().toString(), k -> new ArrayList<>()).add(r);
        }
        StringBuilder sb = new StringBuilder();
        for (List<JmhResult> run : runs.values()) {
            JmhResult.Run settings = run.get(0).run();
            if (settings.forks() == 0) {
                continue; // made by hand: nothing to reproduce
            }
            StringBuilder cmd = new StringBuilder("java -jar ").append(JAR).append(" '")
                    .append(benchmark.replace(".", "\\.")).append("$' -f ").append(settings.forks())
                    .append(" -wi ").append(settings.warmupIterations());
            boolean timed = !run.get(0).mode().equals("ss");
            if (timed) {
                cmd.append(" -w ").append(settings.warmupTime().replace(" ", ""));
            }
            cmd.append(" -i ").append(settings.measurementIterations());
            if (timed) {
                cmd.append(" -r ").append(settings.measurementTime().replace(" ", ""));
            }
            Map<String, Set<String>> grid = new LinkedHashMap<>();
            for (JmhResult r : run) {
                for (Map.Entry<String, String> p : r.params().entrySet()) {
                    grid.computeIfAbsent(p.getKey(), k -> new LinkedHashSet<>()).add(p.getValue());
                }
            }
            for (Map.Entry<String, Set<String>> p : grid.entrySet()) {
                cmd.append(" -p ").append(p.getKey()).append('=').append(String.join(",", p.getValue()));
            }
            if (!settings.jvmArgs().isEmpty()) {
                cmd.append(" -jvmArgs '").append(String.join(" ", settings.jvmArgs())).append('\'');
            }
            sb.append(sb.length() == 0 ? "JMH command" + (runs.size() > 1 ? "s (one per run)" : "") + ":\n\n```\n" : "")
                    .append(cmd).append('\n');
        }
        return sb.length() == 0 ? "" : sb.append("```\n\n").toString();
    }

    /** JMH 1.37 names it "gc.alloc.rate.norm"; older versions prefix a middle dot. */
    private static JmhResult.Metric allocation(JmhResult r) {
        JmhResult.Metric m = r.secondary().get(ALLOC);
        return m != null ? m : r.secondary().get("\u00b7" + ALLOC);
    }

    static void row(StringBuilder sb, List<String> cells) {
        sb.append('|');
        for (String c : cells) {
            sb.append(' ').append(c.replace("|", "\\|")).append(" |");
        }
        sb.append('\n');
    }

    /** Four significant digits, plain notation for ordinary magnitudes. */
    static String number(double x) {
        if (Double.isNaN(x)) {
            return "NaN";
        }
        double a = Math.abs(x);
        if (a != 0 && (a >= 1e7 || a < 1e-3)) {
            return String.format(Locale.ROOT, "%.3e", x);
        }
        String s = new java.math.BigDecimal(x).round(new java.math.MathContext(4)).stripTrailingZeros()
                .toPlainString();
        return s;
    }
}
