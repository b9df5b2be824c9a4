package org.sparsemdp.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
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
import org.openjdk.jmh.annotations.Warmup;
import org.sparsemdp.generate.KnuthYaoDice;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.io.drn.DrnReader;
import org.sparsemdp.io.prism.PrismExplicitReader;
import org.sparsemdp.model.Mdp;

/**
 * Load throughput of the PRISM explicit ({@code .tra}) and Storm DRN readers, parsing from memory
 * (no disk), on the Knuth–Yao k-dice model (13^k states). The {@code mbPerSecond} and
 * {@code transitionsPerSecond} counters give the throughput directly.
 *
 * <pre>java -jar solver-bench/target/benchmarks.jar ExplicitReaderBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
@Warmup(iterations = 2)
@Measurement(iterations = 3)
public class ExplicitReaderBenchmark {
    /** Number of dice: 4 → 28,561 states, 5 → 371,293 states. */
    @Param({"5"})
    public int dice;

    private byte[] tra;
    private byte[] drn;
    private long transitions;

    /** Per-invocation throughput counters. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Throughput {
        /** Bytes parsed (divide by the score's time for MB/s). */
        public long bytes;
        /** Transitions parsed. */
        public long transitions;
    }

    /** Generates the model and its two file images once. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        LoadedModel model = KnuthYaoDice.dice(dice);
        Mdp mdp = model.mdp();
        transitions = mdp.numTransitions();
        tra = ExplicitFiles.tra(mdp);
        drn = ExplicitFiles.drn(model);
    }

    /** Parses the {@code .tra} image. */
    @Benchmark
    public Mdp prismTra(Throughput t) throws IOException {
        t.bytes += tra.length;
        t.transitions += transitions;
        return PrismExplicitReader.readTransitions(new ByteArrayInputStream(tra), "bench.tra");
    }

    /** Parses the DRN image (labels and one reward model included). */
    @Benchmark
    public LoadedModel stormDrn(Throughput t) throws IOException {
        t.bytes += drn.length;
        t.transitions += transitions;
        return DrnReader.read(new ByteArrayInputStream(drn), "bench.drn");
    }
}
