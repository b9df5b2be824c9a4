package org.sparsemdp.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns JMH JSON output into a readable report: a Markdown file with one table per benchmark and
 * PNG charts (time vs states on log-log axes, speed-up vs threads, fraction of the triad
 * bandwidth), following the conventions of {@link Analyses}.
 *
 * <pre>
 * java -cp solver-bench/target/benchmarks.jar org.sparsemdp.bench.report.BenchReport results.json [more.json ...] \
 *      -o report/ [--markdown BENCHMARKS.md] [--title TITLE] [--machine TEXT] [--preamble FILE] [--appendix FILE]
 * </pre>
 * Layout: the title; the machine line; the summary table ({@link Summary}); the preamble file,
 * copied verbatim (machine description, commands, footprint tables); one table per benchmark
 * ({@link MarkdownReport}); the charts; the appendix file, verbatim. Charts go to the output
 * directory; the Markdown (default {@code report/report.md}) links them by relative path, so it
 * can live elsewhere (e.g. the repository root). Several result files (one per JMH run) are read
 * as one list.
 *
 * <p>Lives in solver-bench rather than the CLI so that the charting library stays out of the
 * {@code sparsemdp} jar; whoever has JMH results has the benchmarks jar.
 */
public final class BenchReport {
    private BenchReport() {
    }

    /** Entry point; exit code 0 on success, 1 on bad input, 2 on bad usage. */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        try {
            System.exit(run(args));
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("bench-report: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Runs the report; returns the exit code (2 for bad usage, after printing the usage). */
    static int run(String... args) throws IOException {
        List<Path> inputs = new ArrayList<>();
        Path outDir = Path.of("report");
        Path markdown = null;
        Path preamble = null;
        Path appendix = null;
        String machine = "";
        String title = "sparsemdp benchmarks";
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if ((a.equals("-o") || a.equals("--markdown") || a.equals("--title") || a.equals("--preamble")
                    || a.equals("--appendix") || a.equals("--machine")) && i + 1 >= args.length) {
                return usage("missing value after " + a);
            }
            switch (a) {
                case "-o":
                    outDir = Path.of(args[++i]);
                    break;
                case "--markdown":
                    markdown = Path.of(args[++i]);
                    break;
                case "--title":
                    title = args[++i];
                    break;
                case "--preamble":
                    preamble = Path.of(args[++i]);
                    break;
                case "--appendix":
                    appendix = Path.of(args[++i]);
                    break;
                case "--machine":
                    machine = args[++i];
                    break;
                default:
                    if (a.startsWith("-")) {
                        return usage("unexpected argument " + a);
                    }
                    inputs.add(Path.of(a));
            }
        }
        if (inputs.isEmpty()) {
            return usage("missing results.json");
        }
        List<JmhResult> results = JmhJson.readAll(inputs);
        if (results.isEmpty()) {
            throw new IllegalArgumentException(inputs + ": no results");
        }
        Files.createDirectories(outDir);
        if (markdown == null) {
            markdown = outDir.resolve("report.md");
        }
        String text = render(results, title, machine, preamble == null ? "" : Files.readString(preamble),
                appendix == null ? "" : Files.readString(appendix), outDir, markdown);
        Path parent = markdown.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Files.writeString(markdown, text, StandardCharsets.UTF_8);
        return 0;
    }

    private static int usage(String problem) {
        System.err.println("bench-report: " + problem);
        System.err.println("usage: BenchReport results.json [more.json ...] [-o DIR] [--markdown FILE] [--title TITLE]"
                + " [--machine TEXT] [--preamble FILE] [--appendix FILE]");
        return 2;
    }

    /** Writes the charts into {@code outDir} and returns the Markdown text for {@code markdown}. */
    static String render(List<JmhResult> results, String title, String machine, String preamble, String appendix,
                         Path outDir, Path markdown) throws IOException {
        Path base = markdown.toAbsolutePath().getParent();
        StringBuilder md = new StringBuilder();
        md.append("# ").append(title).append("\n\n");
        Set<String> jvms = new LinkedHashSet<>();
        for (JmhResult r : results) {
            jvms.add(r.jvm());
        }
        md.append(machine.isBlank() ? "" : "Machine: " + machine.strip() + ". ").append("JVM (from the JMH results): ")
                .append(String.join("; ", jvms)).append(". Exact commands: see \"Machine and commands\" and above each"
                + " table.\n\n");
        md.append(Summary.section(results));
        if (!preamble.isBlank()) {
            md.append(preamble.strip()).append("\n\n");
        }
        md.append("## Results\n\n");
        md.append(MarkdownReport.tables(results));

        md.append("## Time vs states (log-log)\n\n");
        Map<String, Analyses.Chart> scaling = Analyses.scaling(results);
        if (scaling.isEmpty()) {
            md.append("No benchmark in this run varies the `states` parameter.\n\n");
        }
        for (Map.Entry<String, Analyses.Chart> c : scaling.entrySet()) {
            Path png = outDir.resolve("scaling-" + fileName(c.getKey()) + ".png");
            TimeScale scale = TimeScale.of(c.getValue().series());
            Charts.write(png, title(c.getKey(), "time per operation", c.getValue()),
                    new Charts.Axes("states (log scale)", "time per operation, " + scale.unit + " (log scale)", true, true),
                    scale.apply(c.getValue().series()), false);
            md.append(image(c.getKey() + " scaling", base, png));
        }

        md.append("## Speed-up vs threads\n\n");
        Map<String, Analyses.Chart> speedup = Analyses.speedup(results);
        if (speedup.isEmpty()) {
            md.append("No benchmark in this run varies the `threads` parameter.\n\n");
        }
        for (Map.Entry<String, Analyses.Chart> c : speedup.entrySet()) {
            Path png = outDir.resolve("speedup-" + fileName(c.getKey()) + ".png");
            Charts.write(png, title(c.getKey(), "speed-up", c.getValue()),
                    new Charts.Axes("threads", "speed-up (time with fewest threads / time)", false, false),
                    c.getValue().series(), true);
            md.append(image(c.getKey() + " speed-up", base, png));
        }

        md.append("## Fraction of memory bandwidth\n\n");
        Map<String, Analyses.Chart> bandwidth = Analyses.bandwidthFraction(results);
        if (bandwidth.isEmpty()) {
            md.append("No triad (STREAM-style) benchmark with a `bytes` counter in this run, so no fraction of the"
                    + " memory bandwidth can be given.\n\n");
        }
        for (Map.Entry<String, Analyses.Chart> c : bandwidth.entrySet()) {
            Path png = outDir.resolve("bandwidth-" + fileName(c.getKey()) + ".png");
            Charts.write(png, title(c.getKey(), "fraction of triad bandwidth", c.getValue()),
                    new Charts.Axes("states (log scale)", "streamed bytes/s / triad bytes/s (same states, threads)",
                            true, false), c.getValue().series(), false);
            md.append(image(c.getKey() + " bandwidth fraction", base, png));
        }

        if (!appendix.isBlank()) {
            md.append(appendix.strip()).append("\n");
        }
        return md.toString();
    }

    /** "Benchmark: what (constant parameters)". */
    private static String title(String benchmark, String what, Analyses.Chart chart) {
        return benchmark + ": " + what + (chart.constants().isEmpty() ? "" : " (" + chart.constants() + ")");
    }

    private static String image(String alt, Path base, Path png) {
        String rel = base.relativize(png.toAbsolutePath()).toString().replace('\\', '/');
        return "![" + alt + "](" + rel + ")\n\n";
    }

    /** Seconds rescaled to s, ms, µs or ns so that tick labels stay short. */
    private static final class TimeScale {
        final String unit;
        final double factor;

        private TimeScale(String unit, double factor) {
            this.unit = unit;
            this.factor = factor;
        }

        static TimeScale of(List<Series> series) {
            double max = 0;
            for (Series s : series) {
                for (double y : s.y()) {
                    max = Math.max(max, y);
                }
            }
            return max >= 1 ? new TimeScale("s", 1) : max >= 1e-3 ? new TimeScale("ms", 1e3)
                    : max >= 1e-6 ? new TimeScale("µs", 1e6) : new TimeScale("ns", 1e9);
        }

        List<Series> apply(List<Series> series) {
            List<Series> out = new ArrayList<>();
            for (Series s : series) {
                double[] y = s.y().clone();
                for (int i = 0; i < y.length; i++) {
                    y[i] *= factor;
                }
                out.add(new Series(s.name(), s.x(), y));
            }
            return out;
        }
    }

    /** A file-name-safe version of a benchmark name. */
    static String fileName(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
