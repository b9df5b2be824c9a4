package org.sparsemdp.cli;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import org.sparsemdp.generate.RadialNetwork;
import org.sparsemdp.generate.SubstationRestorationGenerator;
import org.sparsemdp.generate.SubstationTreeGenerator;
import org.sparsemdp.generate.SubstationNetworkCsv;
import org.sparsemdp.model.Mdp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sparsemdp generate substation}: fault location and restoration on a line of substations
 * ({@link SubstationRestorationGenerator}) or a radial network ({@link SubstationTreeGenerator}).
 */
@Command(name = "substation", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Fault location and service restoration on a line of N < 20 substations between "
                + "two remotely controlled ends, or on a radial network (a tree below a source; "
                + "shared/seeds/substation-restoration.md). Line: a random instance (--substations N --seed K) "
                + "or explicit --positions and --users. Tree: --parents (with --distances, --users), "
                + "--network FILE, or a random feeder (--substations N --branches B --seed K). "
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

    @Option(names = "--parents", paramLabel = "P1,...",
            description = "Tree: the parent of substations 1..N (0 = the source, which feeds exactly one substation).")
    String parents;

    @Option(names = "--distances", paramLabel = "D1,...",
            description = "Tree: travel distance from each substation's parent (default: 1 each).")
    String distances;

    @Option(names = "--network", paramLabel = "CSV",
            description = "Tree from a file with header node,parent,distance,users[,prior], one row per substation.")
    Path network;

    @Option(names = "--branches", paramLabel = "B",
            description = "Random tree (with --substations N, any N): a main feeder with B laterals.")
    Integer branches;

    @Option(names = "--belief",
            description = "Tree: write the belief model (one state per observation, the fault averaged out) instead.")
    boolean belief;

    @Option(names = "--max-states", paramLabel = "S", defaultValue = "5000000",
            description = "Tree: refuse networks whose fault-explicit model has more states, which is also the number"
                    + " of choices of the belief model (default: ${DEFAULT-VALUE}).")
    long maxStates;

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
        SubstationTreeGenerator tree = tree();
        Mdp mdp;
        int[] obs;
        IntFunction<String> names;
        if (tree == null) {
            if (belief) {
                throw new IllegalArgumentException("--belief applies to trees (--parents, --network or --branches)");
            }
            SubstationRestorationGenerator g = instance();
            mdp = g.generate();
            obs = g.observations();
            names = g::stateName;
        } else if (belief) {
            mdp = tree.generateBeliefModel();
            obs = new int[mdp.numStates()];
            for (int s = 0; s < obs.length; s++) {
                obs[s] = s;
            }
            names = tree::beliefStateName;
        } else {
            mdp = tree.generate();
            obs = tree.observations();
            names = tree::stateName;
        }
        output.write(mdp, spec.commandLine().getOut());
        if (observations != null) {
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
            int count = mdp.numStates();
            AtomicFiles.write(stateNames, out -> {
                Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                w.write("state,name\n");
                for (int s = 0; s < count; s++) {
                    w.write(s + "," + names.apply(s).replace(',', ' ') + "\n");
                }
                w.flush();
            });
        }
        return 0;
    }

    /** The tree instance, or null if the options describe a line. */
    private SubstationTreeGenerator tree() throws java.io.IOException {
        int given = (parents != null ? 1 : 0) + (network != null ? 1 : 0) + (branches != null ? 1 : 0);
        if (given == 0) {
            if (distances != null) {
                throw new IllegalArgumentException("--distances applies to --parents");
            }
            return null;
        }
        if (given > 1 || positions != null) {
            throw new IllegalArgumentException("give one of --positions (line), --parents, --network or --branches");
        }
        if (distances != null && parents == null) {
            throw new IllegalArgumentException("--distances applies to --parents");
        }
        if (branches != null) {
            if (substations == null || users != null || faultProbabilities != null) {
                throw new IllegalArgumentException("--branches makes a random tree: give --substations N (and --seed),"
                        + " not --users or --fault-probabilities");
            }
            return SubstationTreeGenerator.random(substations, branches, seed, maxStates);
        }
        if (substations != null) {
            throw new IllegalArgumentException("--substations makes a random instance; not with --parents or --network");
        }
        RadialNetwork net;
        double[] u;
        double[] q;
        if (network != null) {
            if (users != null || faultProbabilities != null) {
                throw new IllegalArgumentException("--network gives the users and the prior; not with --users or"
                        + " --fault-probabilities");
            }
            SubstationNetworkCsv.Network read = SubstationNetworkCsv.read(network);
            net = read.network();
            u = read.users();
            q = read.prior();
        } else {
            if (users == null) {
                throw new IllegalArgumentException("--parents needs --users");
            }
            double[] p = Lists.doubles(parents, "--parents");
            int[] parentList = new int[p.length];
            for (int i = 0; i < p.length; i++) {
                if (p[i] != Math.rint(p[i]) || Math.abs(p[i]) > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("--parents: item " + (i + 1) + " is not an integer: " + p[i]);
                }
                parentList[i] = (int) p[i];
            }
            double[] d = distances == null ? ones(p.length) : Lists.doubles(distances, "--distances");
            net = new RadialNetwork(parentList, d);
            u = Lists.doubles(users, "--users");
            q = faultProbabilities == null ? uniform(p.length) : Lists.doubles(faultProbabilities,
                    "--fault-probabilities");
        }
        return new SubstationTreeGenerator(net, u, net.travelTimes(), q, maxStates);
    }

    private static double[] ones(int n) {
        double[] x = new double[n];
        java.util.Arrays.fill(x, 1.0);
        return x;
    }

    private static double[] uniform(int n) {
        double[] x = new double[n];
        java.util.Arrays.fill(x, 1.0 / n);
        return x;
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
