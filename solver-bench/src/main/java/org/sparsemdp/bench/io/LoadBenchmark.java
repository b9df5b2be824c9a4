package org.sparsemdp.bench.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.sparsemdp.model.Mdp;

/**
 * Load time of each reader on the same generated model (default 10^6 states × 4 actions × 8
 * successors = 32M transitions), one file read per operation, plus the file size and input rate
 * ({@code fileBytes} counter: per operation = the file's bytes, per second = the input rate).
 * Files are written once per trial into a temporary directory and are in the page cache when read.
 * Each measurement iteration lasts 1 ms, so it runs exactly one load (not amortised); unlike
 * {@code Mode.SingleShotTime} this mode keeps JMH's auxiliary counters. The heap is pre-touched
 * ({@code -XX:+AlwaysPreTouch}) so that a load is not charged for the kernel's first mapping of
 * fresh heap pages (about a third of the binary reader's time otherwise). Peak heap is measured by
 * {@link LoadFootprint}, not here.
 *
 * <pre>
 * java -Xmx12g -jar solver-bench/target/benchmarks.jar LoadBenchmark
 * java -Xmx4g -jar solver-bench/target/benchmarks.jar LoadBenchmark -p states=100000
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 1, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 1, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx12g", "-XX:+AlwaysPreTouch"})
public class LoadBenchmark {
    @Param({"1000000"})
    public int states;

    @Param({"4"})
    public int actions;

    @Param({"8"})
    public int successors;

    /** One of {@code LoadModels.FORMATS}. */
    @Param({"mdp", "mdp.gz", "umb", "umb.gz", "cassandra", "cassandra.gz", "cassandra-by-action", "tra", "drn", "drn.gz"})
    public String format;

    private Path dir;
    private Path file;
    private long size;

    /** Bytes read (a JMH auxiliary counter, reported per unit of time). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Input {
        /** File bytes, summed over the loads of an iteration. */
        public long fileBytes;

        /** Reset at each iteration, as JMH requires for auxiliary counters. */
        @Setup(Level.Iteration)
        public void reset() {
            fileBytes = 0;
        }
    }

    @Setup(Level.Trial)
    public void writeFile() throws IOException {
        Mdp mdp = LoadModels.generate(42, states, actions, successors);
        dir = Files.createTempDirectory("sparsemdp-load");
        file = LoadModels.write(mdp, dir, format);
        size = Files.size(file);
    }

    @TearDown(Level.Trial)
    public void deleteFile() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
    }

    @Benchmark
    public Mdp load(Input input) throws IOException {
        Mdp mdp = LoadModels.read(file, format);
        input.fileBytes += size;
        return mdp;
    }
}
