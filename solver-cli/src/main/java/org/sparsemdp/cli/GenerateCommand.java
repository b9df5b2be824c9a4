package org.sparsemdp.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code sparsemdp generate KIND [options] -o FILE}: writes a generated model. One subcommand per
 * generator of {@code org.sparsemdp.generate}; each shares the output options of
 * {@link GeneratedOutput}.
 */
// TODO(lead): add a GenerateGarnetCommand (issue 3's GarnetGenerator) to the subcommands: one line.
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generates a model (seeded and reproducible) and writes it to a file.",
        subcommands = {GenerateGridCommand.class, GenerateInventoryCommand.class, GenerateForestCommand.class,
                GenerateSubstationCommand.class, GenerateDiceCommand.class})
final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Without a KIND: usage on stderr, exit code 2 (bad usage). */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("sparsemdp generate: missing KIND (grid, inventory, forest, substation)");
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }
}
