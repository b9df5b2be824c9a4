package org.sparsemdp.bench;

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
import org.sparsemdp.model.Mdp;

/**
 * Time to generate a model, streaming into the builder, per generator and size (see
 * {@link GeneratedModels}). The secondary metric {@code bytes} counts the bytes of the finished
 * model's arrays ({@link Mdp#memoryBytes()}) per operation, so the report can state the model
 * write rate and compare it with the memory bandwidth. Run with {@code -prof gc} to see the bytes
 * allocated per generation ({@code gc.alloc.rate.norm}), which includes the builder's growth.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class GenerateBenchmark {
    /** Generator, see {@link GeneratedModels#KINDS}. */
    @Param({"grid", "forest"})
    public String kind;

    /** Target number of states. */
    @Param({"10000", "100000", "1000000"})
    public int states;

    /** Bytes of model arrays produced, per operation (a JMH auxiliary counter). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Produced {
        /** Bytes of the generated model's arrays, summed over the operations of an iteration. */
        public long bytes;

        /** Reset at each iteration, as JMH requires for auxiliary counters. */
        @Setup(Level.Iteration)
        public void reset() {
            bytes = 0;
        }
    }

    /** Generates the model once. */
    @Benchmark
    public Mdp generate(Produced produced) {
        Mdp mdp = GeneratedModels.generate(kind, states);
        produced.bytes += mdp.memoryBytes();
        return mdp;
    }
}
