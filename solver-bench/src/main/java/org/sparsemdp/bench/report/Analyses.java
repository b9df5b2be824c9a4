package org.sparsemdp.bench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
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

    /** The parameter naming the benchmark method when a chart groups a class's methods. */
    public static final String METHOD = "benchmark";

    /**
     * A chart's data: its series and the parameters that are constant over them ("name=value, ...",
     * for the title; the legend names only the parameters that vary).
     */
    public record Chart(String constants, List<Series> series) {
    }

    /**
     * Results grouped by benchmark class ({@code Class} of {@code Class.method}), in first-seen
     * order; when a class has several benchmark methods, each result gets a first parameter
     * {@value #METHOD} = its method name, so that one chart can show all of them.
     */
    public static Map<String, List<JmhResult>> byClass(List<JmhResult> results) {
        Map<String, List<JmhResult>> map = new LinkedHashMap<>();
        for (JmhResult r : results) {
            String name = r.shortName();
            map.computeIfAbsent(name.substring(0, name.indexOf('.')), k -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<String, List<JmhResult>> e : map.entrySet()) {
            if (byBenchmark(e.getValue()).size() > 1) {
                List<JmhResult> tagged = new ArrayList<>();
                for (JmhResult r : e.getValue()) {
                    Map<String, String> params = new LinkedHashMap<>();
                    params.put(METHOD, r.shortName().substring(r.shortName().indexOf('.') + 1));
                    params.putAll(r.params());
                    tagged.add(new JmhResult(r.benchmark(), r.mode(), r.threads(), params, r.primary(), r.secondary(),
                            r.jvm(), r.run()));
                }
                e.setValue(tagged);
            }
        }
        return map;
    }

    /**
     * Seconds per operation against {@code states}, one series per combination of the other
     * parameters that has at least two values of {@code states}, one chart per benchmark class.
     */
    public static Map<String, Chart> scaling(List<JmhResult> results) {
        Map<String, Chart> charts = new LinkedHashMap<>();
        for (Map.Entry<String, List<JmhResult>> b : byClass(results).entrySet()) {
            List<JmhResult> rs = withTwoPoints(b.getValue(), STATES);
            if (!rs.isEmpty()) {
                charts.put(b.getKey(), new Chart(constants(rs, STATES), seriesOver(rs, STATES, JmhResult::secondsPerOp)));
            }
        }
        return charts;
    }

    /**
     * Speed-up t(fewest threads) / t(threads) against {@code threads}, one series per combination
     * of the other parameters that has at least two values of {@code threads}, one chart per
     * benchmark class.
     */
    public static Map<String, Chart> speedup(List<JmhResult> results) {
        Map<String, Chart> charts = new LinkedHashMap<>();
        for (Map.Entry<String, List<JmhResult>> b : byClass(results).entrySet()) {
            List<JmhResult> rs = withTwoPoints(b.getValue(), THREADS);
            if (rs.isEmpty()) {
                continue;
            }
            List<Series> list = new ArrayList<>();
            for (Series s : seriesOver(rs, THREADS, JmhResult::secondsPerOp)) {
                double[] y = new double[s.y().length];
                for (int i = 0; i < y.length; i++) {
                    y[i] = s.y()[0] / s.y()[i];
                }
                list.add(new Series(s.name(), s.x(), y));
            }
            charts.put(b.getKey(), new Chart(constants(rs, THREADS), list));
        }
        return charts;
    }

    /**
     * The results whose combination of the parameters other than {@code xParam} has at least two
     * distinct numeric values of {@code xParam} (the others would be single points on a chart).
     */
    static List<JmhResult> withTwoPoints(List<JmhResult> rs, String xParam) {
        Map<String, Set<Double>> xs = new HashMap<>();
        for (JmhResult r : rs) {
            double x = r.numericParam(xParam);
            if (!Double.isNaN(x)) {
                xs.computeIfAbsent(othersKey(r, xParam), k -> new HashSet<>()).add(x);
            }
        }
        List<JmhResult> out = new ArrayList<>();
        for (JmhResult r : rs) {
            Set<Double> x = xs.get(othersKey(r, xParam));
            if (x != null && x.size() >= 2 && !Double.isNaN(r.numericParam(xParam))) {
                out.add(r);
            }
        }
        return out;
    }

    private static String othersKey(JmhResult r, String xParam) {
        Map<String, String> others = new TreeMap<>(r.params());
        others.remove(xParam);
        return others.toString();
    }

    /**
     * A counter per operation: for an auxiliary counter of type OPERATIONS, which JMH reports in
     * the primary metric's unit (time per event, or events per time), the events per operation =
     * (seconds per operation) / (seconds per event); NaN without that counter.
     */
    public static double perOperation(JmhResult r, String counter) {
        JmhResult.Metric m = r.secondary().get(counter);
        return m == null ? Double.NaN : r.secondsPerOp() / Units.secondsPerOp(m.score(), m.unit());
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
     * The triad bandwidth (bytes/s) to compare {@code r} with: the triad result with the same
     * {@code threads} and {@code states} parameters (the same working-set size, so a sweep whose
     * data fit in a cache is compared with a triad that fits too) if there is one, else the best
     * triad result with the same {@code threads}, else the best triad result overall; empty when
     * the run has no triad benchmark with a {@code bytes} counter.
     */
    public static OptionalDouble triadReference(List<JmhResult> results, JmhResult r) {
        String threads = r.params().get(THREADS);
        String states = r.params().get(STATES);
        double sameSize = Double.NaN;
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
                if (states != null && states.equals(t.params().get(STATES))) {
                    sameSize = Double.isNaN(sameSize) ? bw : Math.max(sameSize, bw);
                }
            }
        }
        double ref = !Double.isNaN(sameSize) ? sameSize : !Double.isNaN(same) ? same : any;
        return Double.isNaN(ref) ? OptionalDouble.empty() : OptionalDouble.of(ref);
    }

    /**
     * Fraction of the triad bandwidth against {@code states}, one series per combination of the
     * other parameters, one chart per benchmark class, for the non-triad benchmarks with a
     * {@code bytes} counter and a {@code threads} parameter (kernels whose bytes are memory traffic,
     * by the suite's convention); empty when the run has no triad reference.
     */
    public static Map<String, Chart> bandwidthFraction(List<JmhResult> results) {
        Map<String, Chart> charts = new LinkedHashMap<>();
        for (Map.Entry<String, List<JmhResult>> b : byClass(results).entrySet()) {
            List<JmhResult> rs = new ArrayList<>();
            for (JmhResult r : b.getValue()) {
                if (hasTriadFraction(results, r)) {
                    rs.add(r);
                }
            }
            if (!rs.isEmpty()) {
                charts.put(b.getKey(), new Chart(constants(rs, STATES), seriesOver(rs, STATES,
                        r -> bandwidth(r) / triadReference(results, r).orElse(Double.NaN))));
            }
        }
        return charts;
    }

    /**
     * Whether {@code r}'s {@code bytes} rate is compared with the triad: it is not a triad, has a
     * {@code bytes} counter and a {@code threads} parameter, and the run has a triad reference.
     */
    public static boolean hasTriadFraction(List<JmhResult> results, JmhResult r) {
        return !isTriad(r) && !Double.isNaN(bandwidth(r)) && r.params().containsKey(THREADS)
                && triadReference(results, r).isPresent();
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

    /** The parameters other than {@code xParam} that take more than one value in {@code rs}. */
    static Set<String> varying(List<JmhResult> rs, String xParam) {
        Map<String, Set<String>> values = new LinkedHashMap<>();
        for (JmhResult r : rs) {
            for (Map.Entry<String, String> p : r.params().entrySet()) {
                values.computeIfAbsent(p.getKey(), k -> new TreeSet<>()).add(p.getValue());
            }
        }
        Set<String> out = new LinkedHashSet<>();
        for (Map.Entry<String, Set<String>> e : values.entrySet()) {
            if (!e.getKey().equals(xParam) && e.getValue().size() > 1) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    /**
     * The parameters other than {@code xParam} with a single value in {@code rs}, as
     * "name=value, ..." (for a chart's title; the legend names only the varying ones), or "".
     */
    public static String constants(List<JmhResult> rs, String xParam) {
        Set<String> vary = varying(rs, xParam);
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> p : rs.get(0).params().entrySet()) {
            if (!p.getKey().equals(xParam) && !vary.contains(p.getKey())) {
                sb.append(sb.length() == 0 ? "" : ", ").append(p.getKey()).append('=').append(p.getValue());
            }
        }
        return sb.toString();
    }

    /**
     * Groups by the parameters other than {@code xParam} that vary (named by them, or by the
     * benchmark when none varies); points sorted by x; NaN points dropped.
     */
    static List<Series> seriesOver(List<JmhResult> rs, String xParam, Metric metric) {
        Map<String, TreeMap<Double, Double>> groups = new LinkedHashMap<>();
        Map<String, Integer> index = new HashMap<>();
        Set<String> vary = varying(rs, xParam);
        for (JmhResult r : rs) {
            StringBuilder key = new StringBuilder();
            for (Map.Entry<String, String> p : r.params().entrySet()) {
                if (vary.contains(p.getKey())) {
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
