package org.sparsemdp.cli;

import java.util.concurrent.Callable;
import org.sparsemdp.generate.GarnetGenerator;
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

    @Mixin
    GeneratedOutput output;

    @Option(names = "--partitions", paramLabel = "P",
            description = {"Write the per-state seeded Garnet (SeededGarnetGenerator: other numbers than without this",
                    "option) as a partitioned directory of P block files, one block at a time, never holding the",
                    "whole model: for sparsemdp solve DIR --engine spark."})
    Integer partitions;

    @Override
    public Integer call() throws Exception {
        if (partitions != null) {
            if (partitions < 1 || embedDiscount || !"auto".equalsIgnoreCase(output.format)) {
                throw new CommandLine.ParameterException(spec.commandLine(), partitions < 1
                        ? "Invalid value for option '--partitions': expected a positive number of blocks, got " + partitions
                        : (embedDiscount ? "--embed-discount" : "--to") + " does not apply to --partitions");
            }
            org.sparsemdp.io.partitioned.PartitionIndex index = org.sparsemdp.io.partitioned.PartitionedModelWriter
                    .writeGarnet(states, actions, branching, discount, seed, partitions, output.file);
            spec.commandLine().getOut().printf(java.util.Locale.ROOT, "wrote %s (partitioned seeded Garnet, %d blocks,"
                    + " %d states, %d transitions)%n", output.file, index.blocks().size(), index.states(),
                    index.transitions());
            return 0;
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
}
