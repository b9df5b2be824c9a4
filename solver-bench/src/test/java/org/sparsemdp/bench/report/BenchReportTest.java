package org.sparsemdp.bench.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report on a real JMH result file (jmh-generate-sample.json: a short run of
 * GenerateBenchmark with -prof gc, see solver-bench/README.md), plus hand-made results for the
 * thread and bandwidth views, which that run does not exercise.
 */
class BenchReportTest {
    private static Path sample;

    @BeforeAll
    static void headless() throws URISyntaxException {
        System.setProperty("java.awt.headless", "true");
        sample = Path.of(BenchReportTest.class.getResource("/jmh-generate-sample.json").toURI());
    }

    @Test
    void readsTheRealJmhSample() throws IOException {
        List<JmhResult> results = JmhJson.read(sample);
        assertEquals(4, results.size());
        JmhResult first = results.get(0);
        assertEquals("GenerateBenchmark.generate", first.shortName());
        assertEquals("avgt", first.mode());
        assertEquals(Map.of("kind", "grid", "states", "1000"), first.params());
        assertEquals("ms/op", first.primary().unit());
        assertEquals(first.primary().score() / 1000, first.secondsPerOp(), 1e-15);
        assertTrue(first.secondary().containsKey("bytes"));
        assertTrue(first.secondary().containsKey("gc.alloc.rate.norm"));
        // The bytes counter of this benchmark is the model size per operation; JMH reports an
        // OPERATIONS counter in avgt mode as time per byte, so bytes/s = 1 / (s per byte).
        JmhResult.Metric bytes = first.secondary().get("bytes");
        assertEquals("ms/op", bytes.unit());
        assertEquals(1000 / bytes.score(), Analyses.bandwidth(first), 1e-6 * Analyses.bandwidth(first));
    }

    @Test
    void writesMarkdownAndReadableCharts(@TempDir Path dir) throws IOException {
        Path md = dir.resolve("docs/BENCH.md");
        Path preamble = dir.resolve("pre.md");
        Files.writeString(preamble, "Machine: test.\n");
        assertEquals(0, BenchReport.run(sample.toString(), "-o", dir.resolve("charts").toString(), "--markdown",
                md.toString(), "--title", "Sample", "--preamble", preamble.toString()));
        String text = Files.readString(md);
        assertTrue(text.startsWith("# Sample\n\nJVM (from the JMH results): OpenJDK"), text);
        assertTrue(text.contains("\n\nMachine: test.\n"), text);
        assertTrue(text.contains("| kind | states | mode | score |"), text);
        assertTrue(text.contains("| grid | 10000 | avgt |"), text);
        assertTrue(text.contains("allocated (MB/op)"), text);
        assertTrue(text.contains("](../charts/scaling-GenerateBenchmark.png)"), text);
        assertTrue(text.contains("No benchmark in this run varies the `threads` parameter."), text);
        BufferedImage png = ImageIO.read(dir.resolve("charts/scaling-GenerateBenchmark.png").toFile());
        assertNotNull(png);
        assertEquals(Charts.WIDTH, png.getWidth());
        assertEquals(Charts.HEIGHT, png.getHeight());
    }

    @Test
    void scalingGroupsByTheOtherParameters() throws IOException {
        Map<String, Analyses.Chart> charts = Analyses.scaling(JmhJson.read(sample));
        List<Series> series = charts.get("GenerateBenchmark").series();
        assertEquals(2, series.size());
        assertEquals("kind=forest", series.get(0).name());
        assertArrayEquals(new double[] {1000, 10000}, series.get(0).x());
    }

    private static JmhResult result(String name, String threads, String states, double msPerOp, Double bytesPerOp) {
        Map<String, JmhResult.Metric> secondary = bytesPerOp == null ? Map.of()
                : Map.of("bytes", new JmhResult.Metric(msPerOp / bytesPerOp, Double.NaN, "ms/op"));
        return new JmhResult("org.x." + name, "avgt", 1, new java.util.LinkedHashMap<>(Map.of("threads", threads,
                "states", states)), new JmhResult.Metric(msPerOp, 0.1, "ms/op"), secondary, "vm", JmhResult.Run.UNKNOWN);
    }

    @Test
    void speedupIsRelativeToTheFewestThreads() {
        List<JmhResult> rs = List.of(result("S.sweep", "1", "1000", 12, null), result("S.sweep", "2", "1000", 8, null),
                result("S.sweep", "4", "1000", 4, null));
        List<Series> s = Analyses.speedup(rs).get("S").series();
        assertEquals(1, s.size());
        assertArrayEquals(new double[] {1, 2, 4}, s.get(0).x());
        assertArrayEquals(new double[] {1, 1.5, 3}, s.get(0).y(), 1e-12);
    }

    @Test
    void bandwidthFractionUsesTheTriadWithTheSameThreads() {
        // Triad: 24e6 bytes in 2 ms (12 GB/s) with 1 thread, 24e6 in 1.5 ms (16 GB/s) with 2.
        // Sweep: 6e6 bytes in 1 ms = 6 GB/s with 1 thread (half), 8e6 in 1 ms with 2 (half).
        List<JmhResult> rs = List.of(result("Stream.triad", "1", "0", 2, 24e6), result("Stream.triad", "2", "0", 1.5,
                24e6), result("Sweep.vi", "1", "1000", 1, 6e6), result("Sweep.vi", "2", "1000", 1, 8e6));
        assertEquals(12e9, Analyses.triadReference(rs, rs.get(2)).getAsDouble(), 1e-3);
        assertEquals(16e9, Analyses.triadReference(rs, rs.get(3)).getAsDouble(), 1e-3);
        List<Series> s = Analyses.bandwidthFraction(rs).get("Sweep").series();
        assertEquals(2, s.size());
        assertEquals(0.5, s.get(0).y()[0], 1e-12);
        assertEquals(0.5, s.get(1).y()[0], 1e-12);
        String table = MarkdownReport.tables(rs);
        assertTrue(table.contains("fraction of triad bandwidth"), table);
        assertTrue(table.contains("| 50% |"), table);
    }

    @Test
    void unitsConvert() {
        assertEquals(2e-6, Units.secondsPerOp(2, "us/op"), 1e-20);
        assertEquals(0.5e-3, Units.secondsPerOp(2, "ops/ms"), 1e-15);
        assertEquals(Double.NaN, Units.secondsPerOp(2, "B/op"));
    }

    @Test
    void rejectsFilesThatAreNotJmhResults(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"benchmark\": 1}");
        IOException e = assertThrows(IOException.class, () -> JmhJson.read(bad));
        assertTrue(e.getMessage().contains("bad.json"), e.getMessage());
        Files.writeString(bad, "[{\"benchmark\": \"a.B.c\", \"mode\": \"avgt\"}]");
        e = assertThrows(IOException.class, () -> JmhJson.read(bad));
        assertTrue(e.getMessage().contains("primaryMetric"), e.getMessage());
        assertEquals(2, BenchReport.run());
    }
}
