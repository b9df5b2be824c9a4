package org.sparsemdp.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/** Renders JMH results as Markdown tables, one per benchmark, with derived columns. */
final class MarkdownReport {
    private static final String ALLOC = "gc.alloc.rate.norm";

    private MarkdownReport() {
    }

    /** The tables, one per benchmark, in first-seen order. */
    static String tables(List<JmhResult> results) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, List<JmhResult>> b : Analyses.byBenchmark(results).entrySet()) {
            List<JmhResult> rs = b.getValue();
            Set<String> params = new LinkedHashSet<>();
            boolean bytes = false;
            boolean alloc = false;
            boolean threadsVary = false;
            for (JmhResult r : rs) {
                params.addAll(r.params().keySet());
                bytes |= r.secondary().containsKey(Analyses.BYTES);
                alloc |= allocation(r) != null;
                threadsVary |= r.threads() != rs.get(0).threads();
            }
            boolean triadPresent = results.stream().anyMatch(r -> Analyses.isTriad(r)
                    && !Double.isNaN(Analyses.bandwidth(r)));
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
                if (triadPresent && !Analyses.isTriad(rs.get(0))) {
                    header.add("fraction of triad bandwidth");
                }
            }
            if (alloc) {
                header.add("allocated (MB/op)");
            }
            sb.append("### ").append(b.getKey()).append("\n\n");
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
                    if (triadPresent && !Analyses.isTriad(rs.get(0))) {
                        OptionalDouble ref = Analyses.triadReference(results, r);
                        cells.add(ref.isPresent() && !Double.isNaN(bw)
                                ? String.format(Locale.ROOT, "%.0f%%", 100 * bw / ref.getAsDouble()) : "");
                    }
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

    /** JMH 1.37 names it "gc.alloc.rate.norm"; older versions prefix a middle dot. */
    private static JmhResult.Metric allocation(JmhResult r) {
        JmhResult.Metric m = r.secondary().get(ALLOC);
        return m != null ? m : r.secondary().get("\u00b7" + ALLOC);
    }

    private static void row(StringBuilder sb, List<String> cells) {
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
