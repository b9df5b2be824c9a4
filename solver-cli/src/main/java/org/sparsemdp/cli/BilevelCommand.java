package org.sparsemdp.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sparsemdp.bilevel.BilevelInstance;
import org.sparsemdp.bilevel.BilevelOptions;
import org.sparsemdp.bilevel.BilevelResult;
import org.sparsemdp.bilevel.CuttingPlaneSolver;
import org.sparsemdp.bilevel.LeaderJson;
import org.sparsemdp.bilevel.SingleLevelMilp;
import org.sparsemdp.io.json.JsonWriter;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sparsemdp bilevel LEADER.json FOLLOWER}: a leader–follower program with an embedded MDP
 * (see {@link BilevelInstance}), solved by the single-level MILP or by cutting planes. Exit code 0
 * when the gap closed, 1 for bad input or an infeasible leader, 3 when a limit stopped the solve
 * (the best decision and its bounds are still printed).
 */
@Command(name = "bilevel", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Solves a bilevel program whose follower is the MDP in FOLLOWER and whose leader",
                "(costs, constraints, reductions d of the follower's rewards, weights w) is in LEADER.json.",
                "The leader minimises c.x + w.v*(x), v*(x) the follower's optimal values."})
final class BilevelCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "LEADER", description = "Leader description (JSON; see the README).")
    Path leader;

    @Parameters(index = "1", paramLabel = "FOLLOWER", description = "Follower model file (.mdp, optionally .gz).")
    Path follower;

    @Option(names = "--format", paramLabel = "F", defaultValue = "auto",
            description = "Follower file format: ${COMPLETION-CANDIDATES}; default: from the file name.",
            completionCandidates = SolveCommand.FormatCandidates.class)
    String format;

    @Option(names = {"-m", "--method"}, paramLabel = "M", defaultValue = "cuts",
            description = "milp (single-level reformulation, SCIP) or cuts (Kelley cutting planes; default).")
    String method;

    @Option(names = "--gap", paramLabel = "G", defaultValue = "1e-6",
            description = "Absolute gap tolerance (default: ${DEFAULT-VALUE}).")
    double gap;

    @Option(names = "--relative-gap", paramLabel = "R", defaultValue = "1e-7",
            description = "Relative gap tolerance: stop when upper - lower <= max(G, R*|upper|) (default: ${DEFAULT-VALUE}).")
    double relativeGap;

    @Option(names = "--oracle", paramLabel = "S", defaultValue = "pi",
            description = "Follower MDP solver for cuts and for evaluating x (default: ${DEFAULT-VALUE}).")
    String oracle;

    @Option(names = "--max-iterations", paramLabel = "N", description = "Cap on cutting-plane iterations.")
    Integer maxIterations;

    @Option(names = "--time-limit", paramLabel = "SECONDS", description = "Wall-clock cap in seconds.")
    Double timeLimit;

    @Option(names = "--json", description = "Print one JSON summary object on stdout.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Mdp mdp = ModelFiles.load(follower, format);
        BilevelInstance instance = LeaderJson.read(leader, mdp);
        BilevelOptions.Builder ob = BilevelOptions.builder().absoluteGap(gap).relativeGap(relativeGap)
                .oracle(oracle);
        if (maxIterations != null) {
            ob.maxIterations(maxIterations);
        }
        if (timeLimit != null) {
            ob.timeLimit(Duration.ofNanos((long) (timeLimit * 1e9)));
        }
        BilevelResult r;
        switch (method.toLowerCase(Locale.ROOT)) {
            case SingleLevelMilp.NAME:
                r = SingleLevelMilp.solve(instance, ob.build());
                break;
            case CuttingPlaneSolver.NAME:
                r = CuttingPlaneSolver.solve(instance, ob.build());
                break;
            default:
                throw new IllegalArgumentException("unknown method '" + method + "'; use milp or cuts");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            JsonWriter j = Summaries.beginJson(out);
            json(j, instance, r);
            Summaries.endJson(j, out);
        } else {
            print(out, instance, r);
        }
        switch (r.status()) {
            case OPTIMAL:
                return 0;
            case INFEASIBLE:
                return SparseMdpCli.EXIT_BAD_INPUT;
            default:
                return SparseMdpCli.EXIT_NOT_CONVERGED;
        }
    }

    /**
     * The summary fields: the leader's objective ("min": it minimises c·x + w·v) and its value, x
     * and the names of its components, the bounds, and the follower's value and action at its
     * initial state (label and index among the state's choices).
     */
    private static void json(JsonWriter j, BilevelInstance instance, BilevelResult r) {
        j.field("method", r.method()).field("status", r.status().toStatus().name())
                .field("bilevelStatus", r.status().name())
                .field("objective", Objective.MINIMIZE.keyword()).field("objectiveValue", r.objective());
        j.name("x").value(r.x());
        j.name("names").beginArray();
        for (int i = 0; i < instance.numVariables(); i++) {
            j.value(instance.name(i));
        }
        j.endArray();
        j.field("leaderCost", r.leaderCost()).field("followerTerm", r.followerTerm())
                .field("lowerBound", r.lowerBound()).field("upperBound", r.upperBound()).field("gap", r.gap())
                .field("iterations", r.iterations()).field("followerErrorBound", r.followerErrorBound())
                .field("seconds", r.seconds());
        Mdp mdp = instance.follower();
        if (r.followerValues() != null) {
            int init = mdp.initialState();
            j.field("followerInitialValue", r.followerValues()[init]);
            int c = r.followerPolicy()[init];
            j.field("followerInitialAction", c >= 0 ? mdp.actionLabel(c) : null)
                    .field("followerInitialActionIndex", c >= 0 ? c - mdp.choiceStart(init) : -1);
        }
    }

    private static void print(PrintWriter out, BilevelInstance instance, BilevelResult r) {
        out.printf(Locale.ROOT, "method     %s%n", r.method());
        out.printf(Locale.ROOT, "status     %s after %d iteration(s), %.3f s%n", r.status(), r.iterations(),
                r.seconds());
        if (r.x() == null) {
            return;
        }
        out.printf(Locale.ROOT, "objective  %s = c.x %s + w.v %s%n", Summaries.format(r.objective()),
                Summaries.format(r.leaderCost()), Summaries.format(r.followerTerm()));
        out.printf(Locale.ROOT, "bounds     [%s, %s], gap %s%n", Summaries.format(r.lowerBound()),
                Summaries.format(r.upperBound()), Summaries.format(r.gap()));
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < r.x().length; i++) {
            sb.append(i == 0 ? "" : ", ").append(instance.name(i)).append('=').append(Summaries.format(r.x()[i]));
        }
        out.printf(Locale.ROOT, "x          %s%n", sb);
        Mdp mdp = instance.follower();
        int shown = Math.min(20, mdp.numStates());
        out.printf(Locale.ROOT, "follower   values within %s; first %d states:%n",
                Summaries.format(r.followerErrorBound()), shown);
        for (int s = 0; s < shown; s++) {
            int c = r.followerPolicy()[s];
            out.printf(Locale.ROOT, "  %d  %s  %s%n", s, Summaries.format(r.followerValues()[s]),
                    c >= 0 ? mdp.actionLabel(c) : "(terminal)");
        }
    }
}
