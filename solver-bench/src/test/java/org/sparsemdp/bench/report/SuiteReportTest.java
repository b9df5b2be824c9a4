package org.sparsemdp.bench.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report on the suite's own benchmarks: {@code jmh-suite-sample.json} holds real JMH result
 * objects of {@code ConvergenceBenchmark}, {@code SweepBenchmark}, {@code TriadBenchmark} and
 * {@code LoadBenchmark} (from a {@code bench.sh smoke} run: names, parameters, units, run settings
 * as JMH wrote them) whose scores were replaced by round numbers, so that every derived value
 * below can be worked out by hand:
 * <ul>
 *   <li>time to ε (ms/op) and the {@code iterations} counter (ms per iteration): vi 5 ms / 25
 *       iterations at 10^3 states, 50 ms / 26 at 10^4, 40 ms / 26 with 2 threads, 40 ms / 21 at
 *       γ = 0.9; gs 6 / 41, 80 / 45, 64 / 50 with 2 threads; pi 30 / 5, 300 / 5;</li>
 *   <li>sweeps at 10^4 Garnet states (320,000 transitions, 40,000 choices), ms/op and the
 *       {@code bytes} counter (ms per byte) with 4,560,000 B per Jacobi sweep (12·320,000 +
 *       12·40,000 + 24·10,000) and 4,520,000 B per Gauss–Seidel sweep: vi 2 ms (1 thread), 1.25 ms
 *       (2); gs 2.5 ms, 2 ms;</li>
 *   <li>triad over 320,000 elements, 7,680,000 B: 1 ms (1 thread), 0.8 ms (2);</li>
 *   <li>a UMB load of 6,011,000 B in 600 ms.</li>
 * </ul>
 */
class SuiteReportTest {
    private static List<JmhResult> results;
    private static Path sample;

    @BeforeAll
    static void read() throws URISyntaxException, IOException {
        System.setProperty("java.awt.headless", "true");
        sample = Path.of(SuiteReportTest.class.getResource("/jmh-suite-sample.json").toURI());
        results = JmhJson.read(sample);
    }

    @Test
    void countersPerOperationAreTheRatioOfTheScores() {
        JmhResult vi = results.get(1); // vi, 10^4 states: 50 ms per solve, 26 iterations
        assertEquals(Map.of("gamma", "0.99", "method", "vi", "model", "garnet", "states", "10000", "threads", "1"),
                vi.params());
        assertEquals(26, Analyses.perOperation(vi, "iterations"), 1e-9);
        JmhResult triad = results.get(13);
        assertEquals("TriadBenchmark.triad", triad.shortName());
        assertEquals(7.68e9, Analyses.bandwidth(triad), 1e-3); // 7,680,000 B in 1 ms
        assertEquals(1, triad.run().forks());
        assertTrue(triad.run().jvmArgs().contains("-Xmx3g"), triad.run().jvmArgs().toString());
    }

    @Test
    void summaryRowsAreDerivedFromTheReferencePoints() {
        String summary = Summary.section(results);
        // Reference: gamma 0.99, 1 thread, 10^4 states (vi, gs and pi measured at both 10^3 and 10^4).
        assertTrue(summary.contains("model garnet, 10000 states, γ = 0.99"), summary);
        // vi: 0.05 s, 26 iterations, 50/26 = 1.923 ms each, 50/40 = 1.25x with 2 threads; sweep 2 ms
        // = 500/s, 4.56e6 B / 2 ms = 2.28 GB/s = 29.7 % of the 7.68 GB/s triad; 2/1.25 = 1.6x.
        // The gamma = 0.9 solve at the same size and threads has its own column: 40 ms.
        assertTrue(summary.contains("| time to ε at γ = 0.9 (s) |"), summary);
        assertTrue(summary.contains("| vi | 0.05 | 26 | 1.923 | 1.25× | 0.04 | 2 | 500 | 2.28 | 30% | 1.60× |"), summary);
        // gs: 0.08 s, 45, 80/45 = 1.778 ms, 80/64 = 1.25x; 2.5 ms = 400/s, 4.52e6 B / 2.5 ms =
        // 1.808 GB/s = 23.5 % of the triad; 2.5/2 = 1.25x.
        assertTrue(summary.contains("| gs | 0.08 | 45 | 1.778 | 1.25× | – | 2.5 | 400 | 1.808 | 24% | 1.25× |"), summary);
        // pi: no sweep and no 2-thread run.
        assertTrue(summary.contains("| pi | 0.3 | 5 | 60 | – | – | – | – | – | – | – |"), summary);
        // Triad: 7.68 GB/s with 1 thread, 7.68e6 B / 0.8 ms = 9.6 GB/s with 2.
        assertTrue(summary.contains("7.68 GB/s with 1 thread(s); 9.6 GB/s with 2 thread(s)"), summary);
        assertTrue(summary.contains("time-to-ε speed-up (2 vs 1 threads)"), summary);
        // Loading: 6,011,000 B in 600 ms = 10.02 MB/s.
        assertTrue(summary.contains("10000-state model, file in the page cache): umb 0.6 s (6.011 MB, 10.02 MB/s)."),
                summary);
    }

    @Test
    void scalingChartsLeaveOutSinglePointsAndNameOnlyWhatVaries() {
        Analyses.Chart chart = Analyses.scaling(results).get("ConvergenceBenchmark");
        // gamma 0.9 and the 2-thread runs exist at one size only: not drawn; the rest is constant.
        assertEquals("gamma=0.99, model=garnet, threads=1", chart.constants());
        List<Series> series = chart.series();
        assertEquals(List.of("method=gs", "method=pi", "method=vi"), series.stream().map(Series::name).toList());
        assertArrayEquals(new double[] {1000, 10000}, series.get(2).x());
        assertArrayEquals(new double[] {0.005, 0.05}, series.get(2).y(), 1e-15);
        assertFalse(Analyses.scaling(results).containsKey("SweepBenchmark")); // one size only
    }

    @Test
    void speedupAndBandwidthChartsGroupTheMethodsOfAClass() {
        Analyses.Chart speedup = Analyses.speedup(results).get("SweepBenchmark");
        assertEquals("model=garnet, states=10000", speedup.constants());
        assertEquals("benchmark=gs", speedup.series().get(0).name());
        assertArrayEquals(new double[] {1, 1.25}, speedup.series().get(0).y(), 1e-12);
        assertArrayEquals(new double[] {1, 1.6}, speedup.series().get(1).y(), 1e-12);
        // Time to eps: vi 50/40, gs 80/64; pi has a single thread count and is left out.
        List<Series> solve = Analyses.speedup(results).get("ConvergenceBenchmark").series();
        assertEquals(List.of("method=gs", "method=vi"), solve.stream().map(Series::name).toList());
        assertEquals(1.25, solve.get(1).y()[1], 1e-12);

        List<Series> fraction = Analyses.bandwidthFraction(results).get("SweepBenchmark").series();
        assertEquals(List.of("benchmark=gs, threads=1", "benchmark=gs, threads=2", "benchmark=vi, threads=1",
                "benchmark=vi, threads=2"), fraction.stream().map(Series::name).toList());
        assertEquals(2.28 / 7.68, fraction.get(2).y()[0], 1e-12);
        assertEquals(3.648 / 9.6, fraction.get(3).y()[0], 1e-12); // 4.56e6 B / 1.25 ms over 9.6 GB/s
        assertFalse(Analyses.bandwidthFraction(results).containsKey("TriadBenchmark"));
        assertFalse(Analyses.bandwidthFraction(results).containsKey("LoadBenchmark")); // no bytes counter
    }

    @Test
    void markdownStatesUnitsCommandsAndDerivedColumns(@TempDir Path dir) throws IOException {
        Path md = dir.resolve("report.md");
        Path appendix = dir.resolve("history.md");
        Files.writeString(appendix, "## Earlier measurements\n\nBy hand.\n");
        assertEquals(0, BenchReport.run(sample.toString(), "-o", dir.toString(), "--machine", "2 CPUs (test)",
                "--appendix", appendix.toString()));
        String text = Files.readString(md);
        assertTrue(text.endsWith("## Earlier measurements\n\nBy hand.\n"), text);
        assertTrue(text.contains("Machine: 2 CPUs (test). JVM (from the JMH results): OpenJDK"), text);
        assertTrue(text.indexOf("## Summary") < text.indexOf("## Results"), text);
        // The command of each JMH run, with the grid of that run.
        assertTrue(text.contains("java -jar solver-bench/target/benchmarks.jar 'SweepBenchmark\\.vi$' -f 1 -wi 0 -w 1ms"
                + " -i 1 -r 1ms -p model=garnet -p states=10000 -p threads=1,2 -jvmArgs '-Xms3g -Xmx3g'"), text);
        // Units and derived columns: iterations per op and per second (26 in 50 ms = 520/s).
        assertTrue(text.contains("| 0.99 | vi | garnet | 10000 | 1 | avgt | 50 | 2 | ms/op | 26 | 520 |"), text);
        // The sweep's fraction of the triad with the same states and threads: 2.28 / 7.68.
        assertTrue(text.contains("| garnet | 10000 | 1 | avgt | 2 |  | ms/op | 2.28 | 30% |"), text);
        // A byte counter in MB: 6.011 MB per load, 10.02 MB/s.
        assertTrue(text.contains("`fileBytes` per op (MB) | `fileBytes` per s (MB/s) |"), text);
        assertTrue(text.contains("| ms/op | 6.011 | 10.02 |"), text);
        for (String png : List.of("scaling-ConvergenceBenchmark.png", "speedup-SweepBenchmark.png",
                "speedup-ConvergenceBenchmark.png", "bandwidth-SweepBenchmark.png", "scaling-TriadBenchmark.png")) {
            assertTrue(!png.startsWith("scaling-T") || !Files.exists(dir.resolve(png)), png); // one size only
            if (!png.startsWith("scaling-T")) {
                assertTrue(Files.size(dir.resolve(png)) > 1000, png);
                assertTrue(text.contains("](" + png + ")"), png);
            }
        }
    }
}
