package org.sparsemdp.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sparsemdp.generate.KnuthYaoDice;
import org.sparsemdp.io.LoadedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sparsemdp generate dice}: k Knuth–Yao dice rolled in a scheduler-chosen order, as DRN. */
@Command(name = "dice", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"k fair dice simulated with a fair coin (Knuth-Yao), the scheduler choosing which die flips",
                "next; 13^k states, labels done and sumN, reward structure flips. Written as Storm DRN",
                "(labels and rewards included). Expected flips until done: 11k/3."})
final class GenerateDiceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-k", "--dice"}, paramLabel = "K", defaultValue = "2", description = "Number of dice, 1..7 (default: 2).")
    int dice;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true,
            description = "DRN file to write (add .gz to compress). Written atomically.")
    Path file;

    @Override
    public Integer call() throws Exception {
        LoadedModel model = KnuthYaoDice.dice(dice);
        ModelWriters.write(model, file, "drn", java.util.Set.of());
        spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s: %d states, %d choices, %d transitions%n", file,
                model.mdp().numStates(), model.mdp().numChoices(), model.mdp().numTransitions());
        return 0;
    }
}
