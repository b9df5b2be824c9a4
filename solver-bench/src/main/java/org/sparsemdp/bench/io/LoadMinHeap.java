package org.sparsemdp.bench.io;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sparsemdp.model.Mdp;

/**
 * The smallest heap each reader can load the benchmark model in, next to the model's size: the
 * plainest definition of "peak heap during a load". For every format the model file is written
 * once; then a child JVM ({@code -Xmx<N>m -Xmn8m -XX:+UseSerialGC}, so that the old generation
 * is nearly the whole heap and a full collection runs before any OutOfMemoryError) loads it, and
 * N is found by bisection to within {@code step} MiB. The ratio N / model includes the child
 * JVM's own few MiB of classes and buffers, so it slightly overstates the reader's peak.
 *
 * <pre>
 * java -cp solver-bench/target/benchmarks.jar org.sparsemdp.bench.io.LoadMinHeap 250000 4 8 drn,cassandra
 * </pre>
 *
 * Arguments: states, actions, successors, formats (comma-separated, default all), step MiB
 * (default 4).
 */
public final class LoadMinHeap {
    private LoadMinHeap() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length == 3 && args[0].equals("--load")) {
            Mdp m = LoadModels.read(Path.of(args[1]), args[2]);
            System.out.println(m.numTransitions());
            return;
        }
        int states = args.length > 0 ? Integer.parseInt(args[0]) : 250_000;
        int actions = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int successors = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        String[] formats = args.length > 3 ? args[3].split(",") : LoadModels.FORMATS;
        int step = args.length > 4 ? Integer.parseInt(args[4]) : 4;
        Path dir = Files.createTempDirectory("sparsemdp-minheap");
        Mdp model = LoadModels.generate(42, states, actions, successors);
        double modelMiB = model.memoryBytes() / 1048576.0;
        System.out.printf(Locale.ROOT, "Smallest heap a load succeeds in (child JVM -Xmx, -Xmn8m, SerialGC, bisection"
                + " to %d MiB); model: %d states, %d choices, %d transitions, %.1f MiB of arrays.%n%n", step,
                model.numStates(), model.numChoices(), model.numTransitions(), modelMiB);
        System.out.println("| format | file MiB | smallest -Xmx (MiB) | × model |");
        System.out.println("|---|---|---|---|");
        for (String format : formats) {
            Path file = LoadModels.write(model, dir, format);
            int lo = (int) modelMiB; // certainly too small: the model itself does not fit besides the JVM
            int hi = Math.max(lo + step, (int) (8 * modelMiB));
            if (!loads(file, format, hi)) {
                System.out.printf(Locale.ROOT, "| %s | %.1f | > %d | > %.2f |%n", format, Files.size(file) / 1048576.0, hi,
                        hi / modelMiB);
                Files.delete(file);
                continue;
            }
            while (hi - lo > step) {
                int mid = (lo + hi) >>> 1;
                if (loads(file, format, mid)) {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
            System.out.printf(Locale.ROOT, "| %s | %.1f | %d | %.2f |%n", format, Files.size(file) / 1048576.0, hi,
                    hi / modelMiB);
            Files.delete(file);
        }
        Files.delete(dir);
    }

    private static boolean loads(Path file, String format, int heapMiB) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + heapMiB + "m", "-Xms" + heapMiB + "m", "-Xmn8m",
                "-XX:+UseSerialGC", "-cp", ManagementFactory.getRuntimeMXBean().getClassPath(),
                LoadMinHeap.class.getName(), "--load", file.toString(), format));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(
                ProcessBuilder.Redirect.to(new File(System.getProperty("os.name").startsWith("Windows") ? "NUL"
                        : "/dev/null"))).start();
        return p.waitFor() == 0;
    }
}
