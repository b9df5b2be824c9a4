package org.sparsemdp.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.sparsemdp.generate.GarnetGenerator;
import org.sparsemdp.generate.SeededGarnetGenerator;
import org.sparsemdp.io.CompactModelFile;
import org.sparsemdp.model.CompactMdp;
import org.sparsemdp.generate.StopEmbedding;
import org.sparsemdp.model.Mdp;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sparsemdp generate garnet}: random Garnet MDPs (Archibald, McKinnon &amp; Thomas 1995). */
@Command(name = "garnet", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Random Garnet MDP: every state has A actions, each with B distinct successors drawn",
                "uniformly, probabilities uniform on the simplex, rewards uniform in [0, 1); maximise."})
final class GenerateGarnetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-n", "--states"}, paramLabel = "N", required = true, description = "Number of states.")
    int states;

    @Option(names = {"-a", "--actions"}, paramLabel = "A", defaultValue = "4", description = "Actions per state (default 4).")
    int actions;

    @Option(names = {"-b", "--branching"}, paramLabel = "B", defaultValue = "8",
            description = "Successors per action (default 8).")
    int branching;

    @Option(names = "--seed", paramLabel = "K", defaultValue = "1", description = "Random seed (default 1).")
    long seed;

    @Option(names = "--discount", paramLabel = "G", defaultValue = "0.99", description = "Discount factor (default 0.99).")
    double discount;

    @Option(names = "--embed-discount",
            description = {"Write the discount as a stop probability: discount 1, one more state N labelled 'stop'",
                    "(absorbing, reward 0), every choice moving there with 1 - G and elsewhere with G times its",
                    "probabilities; R[F \"stop\"] then equals the discounted values. Needs a format with labels (.drn)."})
    boolean embedDiscount;

    @Option(names = "--storage", paramLabel = "double|compact", defaultValue = CompactSolve.DOUBLE,
            description = {"compact: stream the model straight into compact storage and write it as a .cmdp dump",
                    "(9 bytes per transition for B = 8; for models too large for double storage, e.g. 10^9",
                    "transitions). Its numbers are those of the per-state seeded generator (as the Spark solver's),",
                    "not those of the default generator for the same seed."})
    String storage;

    @Mixin
    GeneratedOutput output;

    @Option(names = "--partitions", paramLabel = "P",
            description = {"Write the per-state seeded Garnet (SeededGarnetGenerator: other numbers than without this",
                    "option) as a partitioned directory of P block files, one block at a time, never holding the",
                    "whole model: for sparsemdp solve DIR --engine spark."})
    Integer partitions;

    @Override
    public Integer call() throws Exception {
        if (!CompactSolve.COMPACT.equals(storage) && !CompactSolve.DOUBLE.equals(storage)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--storage must be 'double' or 'compact', not '" + storage + "'");
        }
        if (partitions != null) {
            return writePartitioned();
        }
        if (CompactSolve.COMPACT.equals(storage)) {
            return writeCompact();
        }
        Mdp mdp = GarnetGenerator.generate(states, actions, branching, discount, seed);
        if (embedDiscount) {
            if (!ModelWriters.resolve(output.file, output.format).name().equals("drn")) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--embed-discount writes a 'stop' label: the output must be a .drn file (or --to drn)");
            }
            output.write(StopEmbedding.embed(mdp), spec.commandLine().getOut());
        } else {
            output.write(mdp, spec.commandLine().getOut());
        }
        return 0;
    }

    /** Writes the per-state seeded Garnet as a partitioned directory, one block at a time. */
    private int writePartitioned() throws java.io.IOException {
        if (partitions < 1 || embedDiscount || !"auto".equalsIgnoreCase(output.format)
                || CompactSolve.COMPACT.equals(storage)) {
            throw new CommandLine.ParameterException(spec.commandLine(), partitions < 1
                    ? "Invalid value for option '--partitions': expected a positive number of blocks, got " + partitions
                    : (embedDiscount ? "--embed-discount" : CompactSolve.COMPACT.equals(storage) ? "--storage compact"
                            : "--to") + " does not apply to --partitions");
        }
        org.sparsemdp.io.partitioned.PartitionIndex index = org.sparsemdp.generate.PartitionedGarnet
                .write(states, actions, branching, discount, seed, partitions, output.file);
        spec.commandLine().getOut().printf(java.util.Locale.ROOT, "wrote %s (partitioned seeded Garnet, %d blocks,"
                + " %d states, %d transitions)%n", output.file, index.blocks().size(), index.states(),
                index.transitions());
        return 0;
    }

    /** Generates into compact storage and writes the .cmdp dump, with the time of each stage. */
    private int writeCompact() throws java.io.IOException {
        if (embedDiscount || output.drop != null || !"auto".equals(output.format)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--storage compact writes a .cmdp dump:"
                    + " --embed-discount, --drop and --to do not apply");
        }
        if (!output.file.getFileName().toString().endsWith(CompactModelFile.EXTENSION)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--storage compact writes a .cmdp dump: name"
                    + " the output FILE" + CompactModelFile.EXTENSION);
        }
        long start = System.nanoTime();
        CompactMdp mdp = SeededGarnetGenerator.generateCompact(states, actions, branching, discount, seed);
        long generated = System.nanoTime();
        CompactModelFile.write(mdp, output.file);
        long written = System.nanoTime();
        spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s: %d states, %d choices, %d transitions; compact"
                        + " storage, %.3f bytes per transition; generated in %.3f s, written in %.3f s%n", output.file,
                mdp.numStates(), mdp.numChoices(), mdp.numTransitions(), (double) mdp.memoryBytes() / mdp.numTransitions(),
                (generated - start) / 1e9, (written - generated) / 1e9);
        return 0;
    }
}
