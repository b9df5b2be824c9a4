package org.sparsemdp.bench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Derived views of JMH results, following the parameter conventions of solver-bench (see its
 * README): {@code @Param states} is the model size, {@code @Param threads} the solver's thread
 * count, and a secondary metric {@code bytes} (an OPERATIONS auxiliary counter) the bytes of
 * memory traffic per operation. A benchmark whose name contains {@code triad} is the bandwidth
 * reference.
 */
public final class Analyses {
    /** The parameter holding the number of states. */
    public static final String STATES = "states";
    /** The parameter holding the solver's thread count. */
    public static final String THREADS = "threads";
    /** The secondary metric holding bytes of memory traffic per operation. */
    public static final String BYTES = "bytes";

    private Analyses() {
    }

    /** Benchmarks in first-seen order, each with its results. */
    public static Map<String, List<JmhResult>> byBenchmark(List<JmhResult> results) {
        Map<String, List<JmhResult>> map = new LinkedHashMap<>();
        for (JmhResult r : results) {
            map.computeIfAbsent(r.shortName(), k -> new ArrayList<>()).add(r);
        }
        return map;
    }

    /**
     * Seconds per operation against {@code states}, one series per combination of the other
     * parameters, for every benchmark with at least two values of {@code states}.
     */
    public static Map<String, List<Series>> scaling(List<JmhResult> results) {
        Map<String, List<Series>> charts = new LinkedHashMap<>();
        for (Map.Entry<String, List<JmhResult>> b : byBenchmark(results).entrySet()) {
            if (distinct(b.getValue(), STATES) < 2) {
                continue;
            }
            charts.put(b.getKey(), seriesOver(b.getValue(), STATES, JmhResult::secondsPerOp));
        }
        return charts;
    }

    /**
     * Speed-up t(fewest threads) / t(threads) against {@code threads}, one series per combination
     * of the other parameters, for every benchmark with at least two values of {@code threads}.
     */
    public static Map<String, List<Series>> speedup(List<JmhResult> results) {
        Map<String, List<Series>> charts = new LinkedHashMap<>();
        for (Map.Entry<String, List<JmhResult>> b : byBenchmark(results).entrySet()) {
            if (distinct(b.getValue(), THREADS) < 2) {
                continue;
            }
            List<Series> list = new ArrayList<>();
            for (Series s : seriesOver(b.getValue(), THREADS, JmhResult::secondsPerOp)) {
                double[] y = new double[s.y().length];
                for (int i = 0; i < y.length; i++) {
                    y[i] = s.y()[0] / s.y()[i];
                }
                list.add(new Series(s.name(), s.x(), y));
            }
            charts.put(b.getKey(), list);
        }
        return charts;
    }

    /** Whether a result is the bandwidth reference (its name contains "triad"). */
    public static boolean isTriad(JmhResult r) {
        return r.shortName().toLowerCase(Locale.ROOT).contains("triad");
    }

    /** Bytes per second of memory traffic, from the {@code bytes} counter, or NaN without one. */
    public static double bandwidth(JmhResult r) {
        JmhResult.Metric m = r.secondary().get(BYTES);
        return m == null ? Double.NaN : Units.perSecond(m.score(), m.unit());
    }

    /**
     * The triad bandwidth (bytes/s) to compare {@code r} with: the best triad result with the same
     * {@code threads} parameter if there is one, else the best triad result overall; empty when
     * the run has no triad benchmark with a {@code bytes} counter.
     */
    public static OptionalDouble triadReference(List<JmhResult> results, JmhResult r) {
        String threads = r.params().get(THREADS);
        double same = Double.NaN;
        double any = Double.NaN;
        for (JmhResult t : results) {
            double bw = bandwidth(t);
            if (!isTriad(t) || Double.isNaN(bw)) {
                continue;
            }
            any = Double.isNaN(any) ? bw : Math.max(any, bw);
            if (threads != null && threads.equals(t.params().get(THREADS))) {
                same = Double.isNaN(same) ? bw : Math.max(same, bw);
            }
        }
        double ref = Double.isNaN(same) ? any : same;
        return Double.isNaN(ref) ? OptionalDouble.empty() : OptionalDouble.of(ref);
    }

    /**
     * Fraction of the triad bandwidth against {@code states} (or, without that parameter, against
     * a running index), one series per combination of the other parameters, for every non-triad
     * benchmark with a {@code bytes} counter; empty when the run has no triad reference.
     */
    public static Map<String, List<Series>> bandwidthFraction(List<JmhResult> results) {
        Map<String, List<Series>> charts = new LinkedHashMap<>();
        for (Map.Entry<String, List<JmhResult>> b : byBenchmark(results).entrySet()) {
            List<JmhResult> rs = b.getValue();
            if (isTriad(rs.get(0)) || Double.isNaN(bandwidth(rs.get(0)))
                    || triadReference(results, rs.get(0)).isEmpty()) {
                continue;
            }
            charts.put(b.getKey(), seriesOver(rs, STATES,
                    r -> bandwidth(r) / triadReference(results, r).orElse(Double.NaN)));
        }
        return charts;
    }

    /** Number of distinct numeric values of parameter {@code name}. */
    static int distinct(List<JmhResult> rs, String name) {
        TreeSet<Double> values = new TreeSet<>();
        for (JmhResult r : rs) {
            double v = r.numericParam(name);
            if (!Double.isNaN(v)) {
                values.add(v);
            }
        }
        return values.size();
    }

    /** A metric of a result. */
    interface Metric {
        double of(JmhResult r);
    }

    /** Groups by the parameters other than {@code xParam}; points sorted by x; NaN points dropped. */
    static List<Series> seriesOver(List<JmhResult> rs, String xParam, Metric metric) {
        Map<String, TreeMap<Double, Double>> groups = new LinkedHashMap<>();
        Map<String, Integer> index = new HashMap<>();
        for (JmhResult r : rs) {
            StringBuilder key = new StringBuilder();
            for (Map.Entry<String, String> p : r.params().entrySet()) {
                if (!p.getKey().equals(xParam)) {
                    key.append(key.length() == 0 ? "" : ", ").append(p.getKey()).append('=').append(p.getValue());
                }
            }
            String name = key.length() == 0 ? r.shortName() : key.toString();
            double x = r.numericParam(xParam);
            if (Double.isNaN(x)) {
                x = index.merge(name, 1, Integer::sum);
            }
            double y = metric.of(r);
            if (!Double.isNaN(y) && !Double.isInfinite(y)) {
                groups.computeIfAbsent(name, k -> new TreeMap<>()).put(x, y);
            }
        }
        List<Series> list = new ArrayList<>();
        for (Map.Entry<String, TreeMap<Double, Double>> g : groups.entrySet()) {
            double[] x = g.getValue().keySet().stream().mapToDouble(Double::doubleValue).toArray();
            double[] y = g.getValue().values().stream().mapToDouble(Double::doubleValue).toArray();
            list.add(new Series(g.getKey(), x, y));
        }
        list.sort(Comparator.comparing(Series::name));
        return list;
    }
}
