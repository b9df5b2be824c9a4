package org.sparsemdp.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.sparsemdp.io.CompactModelFile;
import org.sparsemdp.io.json.JsonWriter;
import org.sparsemdp.model.CompactMdp;
import org.sparsemdp.result.Solution;
import org.sparsemdp.solve.CompactSolver;
import org.sparsemdp.solve.SolverOptions;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code solve FILE --storage compact}: loads FILE into compact storage (a {@code .cmdp} dump
 * streamed straight into its arrays, or any other model file loaded and converted) and solves it
 * with {@code vi} or {@code gs} ({@link CompactSolver}), reporting the time of each stage.
 */
final class CompactSolve {
    /** The storage option's values. */
    static final String DOUBLE = "double";
    static final String COMPACT = "compact";
    /** The options of {@code solve} that apply to compact storage; any other is refused. */
    private static final Set<String> ALLOWED = Set.of("--storage", "--method", "--epsilon", "--max-iterations",
            "--time-limit", "--threads", "--json", "--show", "--format");

    private CompactSolve() {
    }

    /**
     * Whether this run uses compact storage: {@code --storage compact}, or a {@code .cmdp} file
     * (which holds nothing else).
     *
     * @throws IllegalArgumentException for an unknown storage name or a compact file with {@code --storage double}
     */
    static boolean wanted(String storage, Path file, boolean storageGiven) throws IOException {
        if (!DOUBLE.equals(storage) && !COMPACT.equals(storage)) {
            throw new IllegalArgumentException("--storage must be 'double' or 'compact', not '" + storage + "'");
        }
        boolean compactFile = CompactModelFile.isCompactFile(file);
        if (compactFile && storageGiven && DOUBLE.equals(storage)) {
            throw new IllegalArgumentException("--storage double: " + file + " is a compact model file (.cmdp), which"
                    + " is solved with --storage compact");
        }
        return COMPACT.equals(storage) || compactFile;
    }

    /** Refuses (exit 2) every matched option of {@code solve} that does not apply to compact storage. */
    static void checkOptions(ParseResult parsed, String method, int threads) {
        if (threads != 1) {
            throw new IllegalArgumentException("--threads " + threads + ": --storage compact solves with one thread");
        }
        for (OptionSpec o : parsed.matchedOptions()) {
            if (!ALLOWED.contains(o.longestName())) {
                throw new IllegalArgumentException(o.longestName() + " does not apply to --storage compact (which"
                        + " solves the discounted model with vi or gs and reports the summary)");
            }
        }
        if (!CompactSolver.METHODS.contains(method)) {
            throw new IllegalArgumentException("--method " + method + " is not available with --storage compact; use one"
                    + " of " + CompactSolver.METHODS);
        }
    }

    /** Loads FILE into compact storage. */
    static CompactMdp load(Path file, String format, ReachabilityOptions reach) throws IOException {
        if (CompactModelFile.isCompactFile(file)) {
            return CompactModelFile.read(file);
        }
        return CompactMdp.of(reach.mdp(reach.load(file, format)));
    }

    /** Loads, solves and prints; the exit code. */
    static int run(Path file, String format, ReachabilityOptions reach, String method, SolverOptions options,
                   boolean json, int show, PrintWriter out) throws IOException {
        long start = System.nanoTime();
        CompactMdp mdp = load(file, format, reach);
        double loadSeconds = (System.nanoTime() - start) / 1e9;
        Solution sol = CompactSolver.solve(mdp, method, options);
        double bytesPerTransition = (double) mdp.memoryBytes() / mdp.numTransitions();
        int n = Math.max(0, Math.min(show, mdp.numStates()));
        int init = mdp.initialStates()[0];
        if (json) {
            JsonWriter j = Summaries.beginJson(out)
                    .field("states", mdp.numStates())
                    .field("choices", mdp.numChoices())
                    .field("transitions", mdp.numTransitions())
                    .field("objective", mdp.objective().keyword())
                    .field("discount", mdp.discount())
                    .field("storage", COMPACT)
                    .field("modelBytes", mdp.memoryBytes())
                    .field("storageDeviation", mdp.maxDeviation())
                    .field("loadSeconds", loadSeconds)
                    .field("method", sol.method())
                    .field("status", sol.status().name())
                    .field("accuracy", sol.accuracy().name())
                    .field("iterations", sol.iterations())
                    .field("errorBound", sol.errorBound())
                    .field("policyBound", sol.policyBound())
                    .field("residual", sol.residual())
                    .field("seconds", sol.seconds())
                    .field("initialState", init)
                    .field("initialValue", sol.value(init));
            j.name("values").array(sol.values(), 0, n);
            j.name("policy").beginArray();
            for (int s = 0; s < n; s++) {
                j.value(sol.policy()[s] < 0 ? null : mdp.actionLabel(sol.policy()[s]));
            }
            j.endArray().name("actions").beginArray();
            for (int s = 0; s < n; s++) {
                j.value(sol.policy()[s] < 0 ? -1 : sol.policy()[s] - mdp.choiceStart(s));
            }
            j.endArray();
            Summaries.endJson(j, out);
        } else {
            out.printf(Locale.ROOT, "model    %s: %d states, %d choices, %d transitions, objective %s, discount %s%n", file,
                    mdp.numStates(), mdp.numChoices(), mdp.numTransitions(), mdp.objective().keyword(),
                    Double.toString(mdp.discount()));
            out.printf(Locale.ROOT, "storage  compact: %.3f bytes per transition (%d MiB), loaded in %.3f s;"
                    + " rows within %.3e (L1) of the doubles%n", bytesPerTransition, mdp.memoryBytes() >> 20, loadSeconds,
                    mdp.maxDeviation());
            out.printf(Locale.ROOT, "method   %s: %s after %d iterations in %.3f s%n", sol.method(), sol.status(),
                    sol.iterations(), sol.seconds());
            out.printf(Locale.ROOT, "bound    |v - v*| <= %.3e (%s, including the storage error); policy within %.3e"
                    + " of optimal%n", sol.errorBound(), sol.accuracy().name().toLowerCase(Locale.ROOT), sol.policyBound());
            out.printf(Locale.ROOT, "initial  state %d: value %s%n", init, Summaries.format(sol.value(init)));
            if (n > 0) {
                out.printf(Locale.ROOT, "%8s  %20s  %s%n", "state", "value", "action");
                for (int s = 0; s < n; s++) {
                    int c = sol.policy()[s];
                    out.printf(Locale.ROOT, "%8d  %20s  %s%n", s, Summaries.format(sol.value(s)),
                            c >= 0 ? mdp.actionLabel(c) : "(terminal)");
                }
                if (n < mdp.numStates()) {
                    out.printf(Locale.ROOT, "... %d more states%n", mdp.numStates() - n);
                }
            }
        }
        return sol.converged() ? 0 : SparseMdpCli.EXIT_NOT_CONVERGED;
    }
}
