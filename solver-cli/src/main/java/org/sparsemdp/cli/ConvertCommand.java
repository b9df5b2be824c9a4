package org.sparsemdp.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.model.Mdp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sparsemdp convert IN OUT}: reads a model in one format and writes it in another. The
 * output is compressed when its name ends in {@code .gz} or {@code .xz}, and written to a
 * temporary file that replaces OUT only when complete ({@link AtomicFiles}), so an interrupted or
 * failed conversion never leaves a truncated OUT. A target format that cannot express the model
 * (e.g. Cassandra's with differing action sets) is an error and OUT is left untouched.
 */
@Command(name = "convert", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Converts a model between file formats (mdp, prism (read only), drn, umb, cassandra),",
                "keeping labels where both formats have them.",
                "OUT is written atomically; names ending in .gz or .xz are compressed."})
final class ConvertCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "Input model file.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "Output model file.")
    Path out;

    @Option(names = "--from", paramLabel = "F", defaultValue = "auto",
            description = "Input format: auto (from name and content) or one of the known formats.")
    String from;

    @Option(names = "--to", paramLabel = "F", defaultValue = "auto",
            description = "Output format: auto (from the name of OUT) or one of the known formats.")
    String to;

    @Option(names = "--pomdp-as-mdp", description = "Read a POMDP as its underlying MDP (observations dropped).")
    boolean pomdpAsMdp;

    @Option(names = "--reward", paramLabel = "NAME", description = "UMB input: the reward annotation to use.")
    String reward;

    @Mixin
    ModelOverrides overrides;


    @Override
    public Integer call() throws Exception {
        ModelWriters.resolve(out, to); // fail on a bad target before reading a large input
        LoadedModel loaded = ModelFiles.read(in, from, new ReadOptions(pomdpAsMdp, reward));
        Mdp mdp = loaded.mdp();
        mdp = overrides.apply(mdp);
        ModelFormat target = ModelWriters.write(loaded.withMdp(mdp), out, to);
        spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s (%s, %d states, %d choices, %d transitions)%n", out,
                target.name(), mdp.numStates(), mdp.numChoices(), mdp.numTransitions());
        return 0;
    }
}
