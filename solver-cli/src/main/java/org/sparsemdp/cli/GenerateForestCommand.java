package org.sparsemdp.cli;

import java.util.concurrent.Callable;
import org.sparsemdp.generate.ForestGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sparsemdp generate forest}: pymdptoolbox's forest-management problem. */
@Command(name = "forest", mixinStandardHelpOptions = true, sortOptions = false,
        description = "pymdptoolbox's forest-management problem (mdptoolbox.example.forest). Defaults "
                + "are pymdptoolbox's: S=3, r1=4, r2=2, p=0.1, with discount 0.9.")
final class GenerateForestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-S", "--states"}, paramLabel = "S", defaultValue = "3", description = "Age classes (>= 2).")
    int states;

    @Option(names = "--r1", paramLabel = "R", defaultValue = "4", description = "Reward for waiting in the oldest state.")
    double r1;

    @Option(names = "--r2", paramLabel = "R", defaultValue = "2", description = "Reward for cutting in the oldest state.")
    double r2;

    @Option(names = {"-p", "--fire-probability"}, paramLabel = "P", defaultValue = "0.1",
            description = "Probability of a fire each period.")
    double p;

    @Option(names = "--discount", paramLabel = "G", defaultValue = "0.9", description = "Discount factor.")
    double discount;

    @Mixin
    GeneratedOutput output;

    @Override
    public Integer call() throws Exception {
        output.write(new ForestGenerator(states, r1, r2, p, discount).generate(), spec.commandLine().getOut());
        return 0;
    }
}
