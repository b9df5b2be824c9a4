package org.sparsemdp.cli;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sparsemdp.generate.SubstationRestorationGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sparsemdp generate substation}: fault location and restoration on a line of substations. */
@Command(name = "substation", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Fault location and service restoration on a line of N < 20 substations between "
                + "two remotely controlled ends (shared/seeds/substation-restoration.md). Either a "
                + "random instance (--substations N --seed K) or explicit --positions and --users. "
                + "State 0 is START (its action draws the hidden fault), the last state is DONE; "
                + "minimise user-weighted travel time.")
final class GenerateSubstationCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-N", "--substations"}, paramLabel = "N",
            description = "Number of substations for a random instance (1..19).")
    Integer substations;

    @Option(names = "--seed", paramLabel = "K", defaultValue = "1", description = "Seed of a random instance.")
    long seed;

    @Option(names = "--positions", paramLabel = "X0,X1,...",
            description = "Positions along the line of the left end (where the crew starts) and substations 1..N.")
    String positions;

    @Option(names = "--users", paramLabel = "U1,...", description = "Users of substations 1..N.")
    String users;

    @Option(names = "--fault-probabilities", paramLabel = "Q1,...",
            description = "Prior probabilities of the fault at substations 1..N (default: uniform).")
    String faultProbabilities;

    @Option(names = "--observations", paramLabel = "FILE",
            description = "Also write the observation of every state (all but the fault) as CSV state,observation.")
    Path observations;

    @Option(names = "--state-names", paramLabel = "FILE",
            description = "Also write a readable name of every state as CSV state,name (e.g. fault=3 at=1 disconnected=2..5).")
    Path stateNames;

    @Mixin
    GeneratedOutput output;

    @Override
    public Integer call() throws Exception {
        SubstationRestorationGenerator g = instance();
        output.write(g.generate(), spec.commandLine().getOut());
        if (observations != null) {
            int[] obs = g.observations();
            AtomicFiles.write(observations, out -> {
                Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                w.write("state,observation\n");
                for (int s = 0; s < obs.length; s++) {
                    w.write(s + "," + obs[s] + "\n");
                }
                w.flush();
            });
        }
        if (stateNames != null) {
            AtomicFiles.write(stateNames, out -> {
                Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                w.write("state,name\n");
                for (int s = 0; s < g.numStates(); s++) {
                    w.write(s + "," + g.stateName(s).replace(',', ' ') + "\n");
                }
                w.flush();
            });
        }
        return 0;
    }

    private SubstationRestorationGenerator instance() {
        if (substations != null) {
            if (positions != null || users != null || faultProbabilities != null) {
                throw new IllegalArgumentException("give either --substations (random instance) or --positions and"
                        + " --users, not both");
            }
            return SubstationRestorationGenerator.random(substations, seed);
        }
        if (positions == null || users == null) {
            throw new IllegalArgumentException("give --substations N for a random instance, or --positions and --users");
        }
        double[] x = Lists.doubles(positions, "--positions");
        double[] u = Lists.doubles(users, "--users");
        SubstationRestorationGenerator line = SubstationRestorationGenerator.onLine(x, u);
        if (faultProbabilities == null) {
            return line;
        }
        double[][] d = new double[x.length][x.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) {
                d[i][j] = Math.abs(x[i] - x[j]);
            }
        }
        return new SubstationRestorationGenerator(u, d, Lists.doubles(faultProbabilities, "--fault-probabilities"));
    }
}
