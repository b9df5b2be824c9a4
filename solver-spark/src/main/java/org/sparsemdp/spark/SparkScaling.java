package org.sparsemdp.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.sparsemdp.generate.BandedGenerator;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.result.Solution;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.ValueIterationSolver;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Scaling harness (not a JMH benchmark: a Spark job per exchange is far above JMH's scale, and
 * the cost of interest is wall time per exchange): for a per-state seeded Garnet model it measures
 * the single-machine {@code vi} sweep time, then, for each partition count, the time per
 * exchange of distributed Jacobi and block Gauss–Seidel (fixed number of exchanges, after one
 * warm-up run), the payload bytes per exchange and the task result bytes Spark actually moved
 * (from its task metrics). With {@code --model banded} the model has local successors (small
 * halos), and {@code --exchange broadcast,halo} times the exchange variants of
 * {@link ValueExchange} interleaved, {@code --repeats} times each (median printed). Prints one
 * table to standard output, with the load average.
 */
@Command(name = "spark-scaling", mixinStandardHelpOptions = true,
        description = "Time and bytes per exchange of the Spark solvers against the number of partitions.")
public final class SparkScaling implements Callable<Integer> {
    @Option(names = "--states", defaultValue = "1000000")
    int states;

    @Option(names = "--actions", defaultValue = "4")
    int actions;

    @Option(names = "--branching", defaultValue = "8")
    int branching;

    @Option(names = "--partitions", defaultValue = "1,2,4,8", split = ",")
    int[] partitions;

    @Option(names = "--master", defaultValue = "local[2]")
    String master;

    @Option(names = "--exchanges", defaultValue = "10", description = "Exchanges timed per configuration.")
    int exchanges;

    @Option(names = "--methods", defaultValue = "jacobi,block-gs", split = ",",
            description = "Methods to time (default ${DEFAULT-VALUE}).")
    String[] methods;

    @Option(names = "--inner-sweeps", defaultValue = "4")
    int innerSweeps;

    @Option(names = "--model", defaultValue = "garnet", description = "garnet (generated on the executors) or"
            + " banded (BandedGenerator, successors within --bandwidth of the state: small halos; built on the driver).")
    String modelKind;

    @Option(names = "--bandwidth", defaultValue = "50", description = "Half bandwidth of the banded model.")
    int bandwidth;

    @Option(names = "--exchange", defaultValue = "broadcast", split = ",", description = "Exchange variants to time,"
            + " interleaved (broadcast, halo, auto; default ${DEFAULT-VALUE}).")
    String[] exchangeModes;

    @Option(names = "--repeats", defaultValue = "1", description = "Timed runs per configuration, interleaved"
            + " across exchange variants; the median is printed.")
    int repeats;

    @Option(names = "--single", defaultValue = "true", negatable = true, fallbackValue = "true",
            description = "Also time the single-machine vi sweep (needs the whole model in this JVM too).")
    boolean single;

    private final PrintStream out = System.out;

    /** Runs the harness; see the class comment. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new SparkScaling()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        GarnetSpec spec = new GarnetSpec(states, actions, branching, 0.95, 1);
        boolean banded = modelKind.equals("banded");
        Mdp bandedMdp = banded ? BandedGenerator.generate(states, actions, branching, bandwidth, 0.95, 1) : null;
        long transitions = (long) states * actions * branching;
        out.printf(Locale.ROOT, "# %s %d states x %d actions x %d successors = %d transitions, master %s,"
                + " %d exchanges per run, load average at start: %s%n", banded ? "Banded(half width " + bandwidth + ")"
                : "Garnet", states, actions, branching, transitions, master, exchanges, loadAverage());
        if (single) {
            Mdp mdp = banded ? bandedMdp : spec.generate();
            SolverOptions opts = SolverOptions.builder().maxIterations(exchanges).build();
            new ValueIterationSolver().solve(mdp, opts); // warm-up
            Solution s = new ValueIterationSolver().solve(mdp, opts);
            double perSweep = s.seconds() / s.iterations();
            out.printf(Locale.ROOT, "single-machine vi (1 thread): %.1f ms/sweep, %.2f ns/transition%n", perSweep * 1e3,
                    perSweep * 1e9 / transitions);
        }
        SparkConf conf = new SparkConf().setAppName("sparsemdp spark-scaling").setIfMissing("spark.master", master)
                .setIfMissing("spark.log.level", "WARN")
                .set("spark.ui.enabled", "false");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.setLogLevel("WARN");
            ResultBytes bytes = new ResultBytes();
            sc.sc().addSparkListener(bytes);
            out.println("partitions | build s | method | exchange | ms/exchange (median) | ns/transition | broadcast B"
                    + " | sent per block B | collected B (payload) | task results B (measured, median stage)");
            for (int p : partitions) {
                long t0 = System.nanoTime();
                try (DistributedModel model = banded ? DistributedModel.fromMdp(sc, bandedMdp, p)
                        : DistributedModel.garnet(sc, spec, p)) {
                    double build = (System.nanoTime() - t0) / 1e9;
                    for (String name : methods) {
                        SparkValueIteration.Method m = SparkValueIteration.Method.parse(name);
                        SolverOptions opts = SolverOptions.builder().maxIterations(exchanges).build();
                        double[][] perExchange = new double[exchangeModes.length][repeats];
                        ExchangeStats[] last = new ExchangeStats[exchangeModes.length];
                        for (String mode : exchangeModes) { // warm-up
                            new SparkValueIteration(sc, m, innerSweeps, ValueExchange.Mode.parse(mode))
                                    .solve(model, opts).close();
                        }
                        bytes.reset();
                        for (int rep = 0; rep < repeats; rep++) {
                            for (int e = 0; e < exchangeModes.length; e++) { // interleaved A/B
                                try (DistributedResult r = new SparkValueIteration(sc, m, innerSweeps,
                                        ValueExchange.Mode.parse(exchangeModes[e])).solve(model, opts)) {
                                    last[e] = r.stats();
                                    perExchange[e][rep] = r.stats().secondsPerExchange();
                                }
                            }
                        }
                        long measured = bytes.medianStage();
                        for (int e = 0; e < exchangeModes.length; e++) {
                            double[] times = perExchange[e].clone();
                            Arrays.sort(times);
                            double per = times[times.length / 2];
                            ExchangeStats st = last[e];
                            out.printf(Locale.ROOT, "%d | %.1f | %s | %s | %.1f | %.2f | %d | %d | %d | %d%n", p, build,
                                    m == SparkValueIteration.Method.JACOBI ? "jacobi" : "block-gs(" + innerSweeps + ")",
                                    exchangeModes[e], per * 1e3, per * 1e9 / transitions / st.sweepsPerExchange(),
                                    st.broadcastBytes(), st.sentBytes(), st.collectedBytes(), measured);
                        }
                    }
                }
            }
        }
        out.println("# load average at end: " + loadAverage());
        return 0;
    }

    private static String loadAverage() throws IOException {
        Path p = Path.of("/proc/loadavg");
        return Files.exists(p) ? Files.readString(p).trim() : "n/a";
    }

    /** Sums Spark's task result sizes per stage (from the listener bus). */
    private static final class ResultBytes extends SparkListener {
        private final Map<Integer, LongAdder> perStage = new ConcurrentHashMap<>();

        void reset() {
            perStage.clear();
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            if (end.taskMetrics() != null) {
                perStage.computeIfAbsent(end.stageId(), k -> new LongAdder()).add(end.taskMetrics().resultSize());
            }
        }

        /** Median over stages of the bytes of task results (the exchanges dominate). */
        long medianStage() throws IOException {
            try {
                Thread.sleep(500); // let the asynchronous listener bus deliver the last events
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            long[] sums = perStage.values().stream().mapToLong(LongAdder::sum).toArray();
            Arrays.sort(sums);
            return sums.length == 0 ? -1 : sums[sums.length / 2];
        }
    }
}
