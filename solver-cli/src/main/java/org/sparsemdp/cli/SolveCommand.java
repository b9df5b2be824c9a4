package org.sparsemdp.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sparsemdp.graph.StateOrdering;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.io.SolutionCsv;
import org.sparsemdp.io.json.JsonWriter;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.property.Query;
import org.sparsemdp.property.QueryEvaluator;
import org.sparsemdp.property.QueryResult;
import org.sparsemdp.property.QuerySolvers;
import org.sparsemdp.solve.ReorderingSolver;
import org.sparsemdp.result.Solution;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.Solver;
import org.sparsemdp.solve.Solvers;
import org.sparsemdp.solve.SorSolver;
import org.sparsemdp.solve.TopologicalSolver;
import org.sparsemdp.solve.VariantName;
import org.sparsemdp.solve.undiscounted.IterationOrder;
import org.sparsemdp.solve.undiscounted.TotalRewardSolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sparsemdp solve FILE}: optimal values and policy with a certified bound. */
@Command(name = "solve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Computes the optimal values and an optimal policy of the MDP in FILE,",
                "with a bound on the error of the values."})
final class SolveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "Model file (.mdp, .tra, .drn, optionally .gz).")
    Path file;

    @Option(names = "--format", paramLabel = "F", defaultValue = "auto",
            description = "File format: ${COMPLETION-CANDIDATES}; default: from the file name.",
            completionCandidates = FormatCandidates.class)
    String format;

    @Option(names = {"-m", "--method"}, paramLabel = "M", defaultValue = "vi",
            description = "Solver method: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            completionCandidates = MethodCandidates.class)
    String method;

    @Mixin
    ModelOverrides overrides;


    @Option(names = {"-e", "--epsilon"}, paramLabel = "E", defaultValue = "1e-6",
            description = "Requested bound on the error of the values (default: ${DEFAULT-VALUE}).")
    double epsilon;

    @Option(names = "--max-iterations", paramLabel = "N", description = "Iteration cap.")
    Long maxIterations;

    @Option(names = "--time-limit", paramLabel = "SECONDS", description = "Wall-clock cap in seconds.")
    Double timeLimit;

    @Option(names = {"-t", "--threads"}, paramLabel = "T", defaultValue = "1",
            description = {"Worker threads (default: ${DEFAULT-VALUE}: sequential, reproducible). Used by vi, gs and",
                    "lp/lp-dual with PDLP; refused (exit 2) by sequential methods and objectives. Without",
                    "--method, T > 1 picks vi or gs from the model's numbering (README, \"Default parallel method\")."})
    int threads;

    @Option(names = {"-o", "--output"}, paramLabel = "CSV",
            description = "Write all values and the policy as CSV: state,value,action.")
    Path output;

    @Option(names = "--json", description = "Print one JSON summary object on stdout instead of the text summary.")
    boolean json;

    @Option(names = "--omega", paramLabel = "W",
            description = "Relaxation factor of --method sor, 0 < W < 2 (default 1.2).")
    Double omega;

    @Option(names = "--inner", paramLabel = "gs|vi",
            description = "Method inside each component for --method topological (default gs).")
    String inner;

    @Option(names = "--reorder", paramLabel = "none|bfs|rcm", defaultValue = "none",
            description = "Renumber the states for memory locality before solving (breadth-first or reverse"
                    + " Cuthill-McKee order); results are reported in the file's numbering (default: ${DEFAULT-VALUE}).")
    String reorder;

    @Mixin
    ReachabilityOptions reach;

    @Mixin
    LpOptions lp;

    @Option(names = "--trace", paramLabel = "CSV", description = {"Write the raw iterates and bounds of every sweep",
            "(vi, gs, sor) as iteration,state,value,lower,upper, for the first --trace-states states."})
    Path trace;

    @Option(names = "--trace-states", paramLabel = "K", defaultValue = "20",
            description = "States traced by --trace (default: ${DEFAULT-VALUE}).")
    int traceStates;

    @Mixin
    AverageHorizonOptions averageHorizon;

    @Mixin
    PropertyOptions properties;

    @Option(names = "--storage", paramLabel = "double|compact", defaultValue = CompactSolve.DOUBLE,
            description = {"Model storage: double (default) or compact (probabilities in 32-bit fixed point, 9 bytes",
                    "per transition for 8 successors; vi or gs; the rounding is included in the bound). A .cmdp file",
                    "(generate garnet --storage compact) is always solved with compact storage."})
    String storage;

    @Option(names = "--show", paramLabel = "N", defaultValue = "20",
            description = "States shown in the summary (text, or the per-state arrays of --json; default: ${DEFAULT-VALUE}).")
    int show;

    @Override
    public Integer call() throws Exception {
        if (CompactSolve.wanted(storage, file, spec.commandLine().getParseResult().hasMatchedOption("--storage"))) {
            CompactSolve.checkOptions(spec.commandLine().getParseResult(), method, threads);
            return CompactSolve.run(file, format, reach, method, runOptions().build(), json, show, spec.commandLine().getOut());
        }
        ThreadsCheck.check(threads, method, averageHorizon, reach, lp);
        LoadedModel loaded = reach.load(file, format);
        Mdp mdp = reach.mdp(loaded);
        mdp = overrides.apply(mdp);
        SolverOptions.Builder ob = runOptions();
        if (averageHorizon.active()) {
            averageHorizon.check(reach.target != null ? "--reach, --until or --cumulative"
                    : properties.active() ? "--property/--properties" : lp.constrained()
                    ? "--constraint" : !"none".equals(reorder) ? "--reorder" : inner != null ? "--inner"
                    : omega != null ? "--omega" : null);
            return averageHorizon.run(file.toString(), mdp, method,
                    spec.commandLine().getParseResult().hasMatchedOption("--method"), ob.build(), output, json, show,
                    spec.commandLine().getOut());
        }
        if (lp.constrained()) {
            return lp.solveConstrained(mdp, method, ob.build(), output, json, spec.commandLine().getOut());
        }
        boolean methodGiven = spec.commandLine().getParseResult().hasMatchedOption("--method");
        StateOrdering ordering = StateOrdering.parse(reorder);
        Solution solution;
        QueryResult answer = null;
        if (properties.active()) {
            if (reach.target != null || ordering != StateOrdering.NONE || trace != null) {
                throw new IllegalArgumentException("--property/--properties exclude "
                        + (reach.target != null ? "--reach/--until/--cumulative (their shorthands)"
                                : trace != null ? "--trace" : "--reorder"));
            }
            Solver discounted = LpOptions.isLp(method) ? lp.solver(method) : configured(Solvers.byName(
                    methodGiven && !ReachabilityOptions.undiscountedOnly(method) ? method : "vi"));
            return new PropertyRunner(properties, new QueryEvaluator(ob.build(), reach.relative,
                    PropertyOptions.order(method, methodGiven), discounted))
                    .run(file, loaded, mdp, output, json, show, spec.commandLine().getOut());
        }
        Query undiscounted = reach.hasTarget(mdp) ? null : properties.defaultQuery(mdp, method, methodGiven);
        if (reach.hasTarget(mdp) || undiscounted != null) {
            if (ordering != StateOrdering.NONE || inner != null || omega != null || trace != null) {
                throw new IllegalArgumentException((ordering != StateOrdering.NONE ? "--reorder" : inner != null ? "--inner"
                        : trace != null ? "--trace" : "--omega")
                        + " does not apply to " + (reach.hasTarget(mdp) ? "--reach, --until or --cumulative"
                                : method.equals(TopologicalSolver.NAME) ? "a cyclic model with discount 1"
                                : "the total reward at discount 1") + " (solved by interval iteration)");
            }
            IterationOrder order = ReachabilityOptions.order(method, methodGiven);
            answer = reach.hasTarget(mdp) ? reach.solveTarget(loaded, mdp, ob.build(), order)
                    : QuerySolvers.forQuery(undiscounted, order, reach.relative, null).solve(loaded.withMdp(mdp),
                            undiscounted, ob.build());
            solution = answer.solution();
        } else {
            Solver solver = LpOptions.isLp(method) ? lp.solver(method)
                    : configured(!methodGiven ? Solvers.defaultFor(mdp, threads) : reach.solver(method, true, mdp));
            if (ordering != StateOrdering.NONE) {
                solver = new ReorderingSolver(solver, ordering);
            }
            if (trace != null && ordering != StateOrdering.NONE) {
                throw new IllegalArgumentException("--trace does not apply to --reorder (the iterates are renumbered)");
            }
            Solver chosen = solver;
            Mdp model = mdp;
            solution = SolveTrace.solve(trace, traceStates, VariantName.base(solver.name()), mdp, ob, o -> chosen.solve(model, o));
        }
        if (output != null) {
            Mdp model = mdp;
            AtomicFiles.write(output, out -> SolutionCsv.write(out, model, solution, false));
        }
        PrintWriter out = spec.commandLine().getOut();
        String infinity = answer == null ? null : answer.infinityReason();
        if (json) {
            JsonWriter j = Summaries.solutionJson(Summaries.beginJson(out), mdp, solution, show);
            if (infinity != null) {
                j.field("infinity", infinity);
            }
            Summaries.endJson(j, out);
        } else {
            Summaries.printSolution(out, file.toString(), mdp, solution, show);
            if (infinity != null) {
                out.println("infinity " + infinity);
            }
            if (output != null) {
                out.println("values and policy written to " + output);
            }
        }
        return solution.converged() ? 0 : SparseMdpCli.EXIT_NOT_CONVERGED;
    }

    /** The run options: ε, threads, progress on stderr, the iteration and time caps. */
    private SolverOptions.Builder runOptions() {
        SolverOptions.Builder ob = SolverOptions.builder().epsilon(epsilon).threads(threads)
                .listener(new StderrProgress(spec.commandLine().getErr()));
        if (maxIterations != null) {
            ob.maxIterations(maxIterations);
        }
        if (timeLimit != null) {
            ob.timeLimit(Duration.ofNanos((long) (timeLimit * 1e9)));
        }
        return ob;
    }

    /** The chosen solver with its method-specific options applied. */
    private Solver configured(Solver solver) {
        if (omega != null) {
            if (!VariantName.base(solver.name()).equals(SorSolver.NAME)) {
                throw new IllegalArgumentException("--omega applies to --method sor only");
            }
            solver = new SorSolver(omega);
        }
        if (inner != null) {
            if (!VariantName.base(solver.name()).equals(TopologicalSolver.NAME)) {
                throw new IllegalArgumentException(VariantName.base(solver.name()).equals(TotalRewardSolver.NAME)
                        && TopologicalSolver.NAME.equals(method)
                        ? "--inner does not apply to a cyclic model with discount 1: --method topological solves"
                                + " each of its components by interval iteration"
                        : "--inner applies to --method topological only");
            }
            switch (inner) {
                case "gs":
                    solver = new TopologicalSolver(TopologicalSolver.Inner.GAUSS_SEIDEL);
                    break;
                case "vi":
                    solver = new TopologicalSolver(TopologicalSolver.Inner.JACOBI);
                    break;
                default:
                    throw new IllegalArgumentException("--inner must be 'gs' or 'vi', not '" + inner + "'");
            }
        }
        return solver;
    }

    /** Completion candidates for --method. */
    static final class MethodCandidates implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            java.util.Set<String> all = new java.util.LinkedHashSet<>(Solvers.names());
            all.addAll(org.sparsemdp.lp.LpSolvers.names());
            all.add(org.sparsemdp.solve.average.AverageReward.RVI); // --average
            all.add(TotalRewardSolver.OPTIMISTIC_NAME); // discount 1
            all.add(TotalRewardSolver.SOUND_NAME); // discount 1
            all.add(TotalRewardSolver.POLICY_NAME); // discount 1
            return all.iterator();
        }
    }

    /** Completion candidates for --format. */
    static final class FormatCandidates implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Arrays.asList(ModelFiles.FORMATS.split(",\\s*")).iterator();
        }
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
