package org.sparsemdp.lp;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sparsemdp.model.Mdp;

/**
 * Reads the extra cost vector c_k(s,a) of a constrained MDP from a CSV text file, for a given
 * model.
 *
 * <p><b>Format</b> (UTF-8, one record per line):
 * <pre>
 *   # optional comment lines start with '#'; blank lines are ignored
 *   state,action,cost          (optional header, exactly these three words)
 *   0,4,2.5
 *   1,3,0.75
 * </pre>
 * {@code state} is a state index 0..S−1 of a non-terminal state, {@code action} the action label
 * of one of its choices (as written in the model file; an unlabelled choice is named by its
 * position within its state, 0, 1, ...), {@code cost} a finite decimal number. Fields may be
 * surrounded by spaces; the action is everything between the first and the last comma, so labels
 * may themselves contain commas. Choices not listed cost 0; a (state, action) pair listed twice is an
 * error. Every error is reported as a {@link CostFileException} {@code file:line: problem}.
 *
 * <p>On the command line a constraint is written {@code FILE:BUDGET} (see {@link #parseSpec}); the
 * budget bounds the expected discounted cost Σ x(s,a)·c(s,a) from the initial distribution.
 */
public final class CostConstraintReader {
    private CostConstraintReader() {
    }

    /** A parsed {@code FILE:BUDGET} command-line specification. */
    public record Spec(Path file, double budget) {
    }

    /**
     * Parses {@code FILE:BUDGET}, splitting at the last colon (so that paths containing colons work).
     *
     * @throws IllegalArgumentException with a message naming the specification if it is malformed
     */
    public static Spec parseSpec(String spec) {
        int colon = spec.lastIndexOf(':');
        if (colon <= 0 || colon == spec.length() - 1) {
            throw new IllegalArgumentException("constraint '" + spec + "' must be FILE:BUDGET, e.g. costs.csv:10.5");
        }
        double budget;
        try {
            budget = Double.parseDouble(spec.substring(colon + 1).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("constraint '" + spec + "': budget '" + spec.substring(colon + 1)
                    + "' is not a number");
        }
        if (!Double.isFinite(budget)) {
            throw new IllegalArgumentException("constraint '" + spec + "': budget must be finite");
        }
        return new Spec(Path.of(spec.substring(0, colon)), budget);
    }

    /** Reads {@code spec.file()} for {@code mdp} and attaches {@code spec.budget()}. */
    public static CostConstraint read(Spec spec, Mdp mdp) throws IOException {
        return read(spec.file(), mdp, spec.budget());
    }

    /** Reads the cost file {@code file} for {@code mdp}; the constraint is named after the file. */
    public static CostConstraint read(Path file, Mdp mdp, double budget) throws IOException {
        try (Reader in = new java.io.InputStreamReader(org.sparsemdp.io.Compression.open(file), StandardCharsets.UTF_8)) {
            return read(in, file.toString(), mdp, budget);
        }
    }

    /** Reads costs from {@code reader}; {@code source} names it in error messages. */
    public static CostConstraint read(Reader reader, String source, Mdp mdp, double budget) throws IOException {
        org.sparsemdp.io.BoundedLineReader in = new org.sparsemdp.io.BoundedLineReader(reader, source);
        double[] costs = new double[mdp.numChoices()];
        boolean[] seen = new boolean[mdp.numChoices()];
        long lineNo = 0;
        boolean header = true;
        String line;
        while ((line = in.readLine()) != null) {
            lineNo++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            int first = text.indexOf(',');
            int last = text.lastIndexOf(',');
            if (first < 0 || first == last) {
                throw new CostFileException(source, lineNo, "expected 3 fields 'state,action,cost', found "
                        + (first < 0 ? 1 : 2));
            }
            // The action label is everything between the first and the last comma (labels may contain commas).
            String[] f = {text.substring(0, first), text.substring(first + 1, last), text.substring(last + 1)};
            if (header && f[0].strip().equals("state") && f[1].strip().equals("action")
                    && f[2].strip().equals("cost")) {
                header = false;
                continue;
            }
            header = false;
            int state = parseState(f[0].strip(), mdp, source, lineNo);
            String action = f[1].strip();
            int c = mdp.findChoice(state, action);
            if (c < 0) {
                throw new CostFileException(source, lineNo, "state " + state + " has no action '" + action + "'");
            }
            double cost;
            try {
                cost = Double.parseDouble(f[2].strip());
            } catch (NumberFormatException e) {
                throw new CostFileException(source, lineNo, "cost '" + f[2].strip() + "' is not a number");
            }
            if (!Double.isFinite(cost)) {
                throw new CostFileException(source, lineNo, "cost " + f[2].strip() + " is not finite");
            }
            if (seen[c]) {
                throw new CostFileException(source, lineNo, "state " + state + " action '" + action
                        + "' is listed twice");
            }
            seen[c] = true;
            costs[c] = cost;
        }
        return new CostConstraint(source, costs, budget);
    }

    private static int parseState(String text, Mdp mdp, String source, long lineNo) throws CostFileException {
        int state;
        try {
            state = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new CostFileException(source, lineNo, "state '" + text + "' is not an integer");
        }
        if (state < 0 || state >= mdp.numStates()) {
            throw new CostFileException(source, lineNo, "state " + state + " out of range 0.." + (mdp.numStates() - 1));
        }
        if (mdp.isTerminal(state)) {
            throw new CostFileException(source, lineNo, "state " + state + " is terminal and has no actions");
        }
        return state;
    }
}
