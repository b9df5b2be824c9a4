package org.sparsemdp.bench.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of JMH's JSON output ({@code -rf json}): a benchmark method with one combination of
 * parameters, its primary score and its secondary metrics.
 *
 * @param benchmark fully qualified {@code package.Class.method}
 * @param mode      JMH mode ({@code avgt}, {@code thrpt}, {@code ss}, {@code sample})
 * @param threads   JMH worker threads (not a solver's thread count, which is a parameter)
 * @param params    the {@code @Param} values, in JMH's order
 * @param primary   the primary metric
 * @param secondary secondary metrics by name (auxiliary counters, profilers)
 * @param jvm       "vmName vmVersion" as JMH reports it, for the report header
 * @param run       how JMH ran it (forks, iterations, JVM options) and from which result file
 */
public record JmhResult(String benchmark, String mode, int threads, Map<String, String> params, Metric primary,
                        Map<String, Metric> secondary, String jvm, Run run) {
    /**
     * The run settings JMH records with each result, and the result file it came from (results of
     * one file with the same settings come from one JMH run: their parameters form its grid).
     *
     * @param source                the JSON file's name
     * @param forks                 {@code -f}
     * @param warmupIterations      {@code -wi}
     * @param warmupTime            {@code -w}, e.g. "1 s"
     * @param measurementIterations {@code -i}
     * @param measurementTime       {@code -r}
     * @param jvmArgs               the forked JVM's options
     */
    public record Run(String source, int forks, int warmupIterations, String warmupTime, int measurementIterations,
                      String measurementTime, java.util.List<String> jvmArgs) {
        /** Unknown settings (results made by hand). */
        public static final Run UNKNOWN = new Run("", 0, 0, "", 0, "", java.util.List.of());
    }

    /** A score with its 99.9% confidence half-width (NaN when JMH gave none) and its unit. */
    public record Metric(double score, double error, String unit) {
    }

    /** Copies the maps so that the record is immutable. */
    public JmhResult {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        secondary = Collections.unmodifiableMap(new LinkedHashMap<>(secondary));
    }

    /** {@code Class.method}, without the package. */
    public String shortName() {
        int method = benchmark.lastIndexOf('.');
        int cls = method > 0 ? benchmark.lastIndexOf('.', method - 1) : -1;
        return benchmark.substring(cls + 1);
    }

    /** The parameter {@code name} as a number, or NaN when absent or not numeric. */
    public double numericParam(String name) {
        String v = params.get(name);
        if (v == null) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /**
     * Seconds per operation of the primary metric: converted from a time-per-operation unit, or
     * the reciprocal of a throughput. NaN for units this cannot interpret.
     */
    public double secondsPerOp() {
        return Units.secondsPerOp(primary.score(), primary.unit());
    }
}
