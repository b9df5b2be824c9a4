package org.sparsemdp.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Function;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.solve.GaussSeidelSolver;
import org.sparsemdp.solve.IterateListener;
import org.sparsemdp.result.Solution;
import org.sparsemdp.solve.SolverOptions;
import org.sparsemdp.solve.SorSolver;
import org.sparsemdp.solve.ValueIterationSolver;

/**
 * {@code solve --trace FILE}: the value-iteration table of the inventory lab, one row per sweep
 * and traced state: {@code iteration,state,value,lower,upper}, the raw iterate and the bounds on
 * v* valid after that sweep ({@link IterateListener}; empty when no bound is known). The first
 * {@code states} states are traced. The file is written atomically once the solve returns.
 */
final class SolveTrace implements IterateListener {
    /** Methods that report their iterates. */
    static final Set<String> METHODS = Set.of(ValueIterationSolver.NAME, GaussSeidelSolver.NAME, SorSolver.NAME);

    private final Mdp mdp;
    private final int states;
    private final Writer out;
    private final StringBuilder line = new StringBuilder(128);

    private SolveTrace(Mdp mdp, int states, Writer out) {
        this.mdp = mdp;
        this.states = Math.min(states, mdp.numStates());
        this.out = out;
    }

    /** Runs {@code solve} with the trace attached if {@code file} is not null, and writes the file. */
    static Solution solve(Path file, int states, String method, Mdp mdp, SolverOptions.Builder options,
                          Function<SolverOptions, Solution> solve) throws IOException {
        if (file == null) {
            return solve.apply(options.build());
        }
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("--trace applies to --method " + String.join(", ", METHODS.stream()
                    .sorted().toList()) + " (they iterate Bellman sweeps), not '" + method + "'");
        }
        if (states < 1) {
            throw new IllegalArgumentException("--trace-states must be at least 1, got " + states);
        }
        Solution[] result = new Solution[1];
        AtomicFiles.write(file, os -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
            w.write("iteration,state,value,lower,upper\n");
            try {
                result[0] = solve.apply(options.iterateListener(new SolveTrace(mdp, states, w)).build());
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            w.flush();
        });
        return result[0];
    }

    @Override
    public void onIterate(long iteration, double[] values, double lowerShift, double upperShift) {
        boolean bounded = !Double.isNaN(lowerShift) && !Double.isNaN(upperShift);
        try {
            for (int s = 0; s < states; s++) {
                boolean terminal = mdp.isTerminal(s);
                line.setLength(0);
                line.append(iteration).append(',').append(s).append(',').append(values[s]).append(',');
                if (bounded) {
                    line.append(terminal ? 0.0 : values[s] + lowerShift).append(',')
                            .append(terminal ? 0.0 : values[s] + upperShift);
                } else {
                    line.append(',');
                }
                out.append(line).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
