package org.sparsemdp.io.cassandra;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.sparsemdp.model.Mdp;

/**
 * Writes an {@link Mdp} in Cassandra's MDP format (no observations), readable by
 * {@link CassandraReader} and, for models with a single initial state, by pomdp-solve.
 *
 * <p>The format can only express models in which every state has the same actions: this writer
 * requires every state to have the same number of choices with the same labels in the same
 * order, and refuses models with terminal states (a Cassandra row must sum to 1). Action labels
 * that are valid Cassandra names (a letter followed by letters, digits, '_' or '-', not a keyword)
 * are written as {@code actions:} names, otherwise only the count is written. Each transition is
 * one {@code T: a : s : s' p} line and each non-zero reward one {@code R: a : s : * r} line,
 * grouped by state (the model's own order, the default) or by action (the order of Cassandra's
 * own examples and of most files written by other programs), see {@link Order};
 * numbers use {@link Double#toString(double)}, so that write→read gives identical arrays. Several
 * initial states are written as {@code start include:} (an extension pomdp-solve accepts for
 * POMDPs only).
 */
public final class CassandraWriter {
    private static final Set<String> KEYWORDS = Set.of("discount", "values", "states", "actions", "observations",
            "T", "O", "R", "uniform", "identity", "reward", "cost", "start", "include", "exclude", "reset");

    private CassandraWriter() {
    }

    /** The order of the {@code T:} and {@code R:} lines. */
    public enum Order {
        /** State, then action, then successor: the model's own order. */
        BY_STATE,
        /** Action, then state, then successor: as {@code T: a} matrices list them. */
        BY_ACTION
    }

    /**
     * Why {@code mdp} cannot be written in this format, or null if it can.
     */
    public static String whyNotExpressible(Mdp mdp) {
        for (int s = 0; s < mdp.numStates(); s++) {
            if (mdp.isTerminal(s)) {
                return "state " + s + " is terminal; Cassandra's format has no terminal states (every row must sum"
                        + " to 1)";
            }
        }
        int numActions = mdp.numChoices(0);
        for (int s = 0; s < mdp.numStates(); s++) {
            if (mdp.numChoices(s) != numActions) {
                return "state " + s + " has " + mdp.numChoices(s) + " choices but state 0 has " + numActions
                        + "; Cassandra's format needs the same actions in every state";
            }
            for (int i = 0; i < numActions; i++) {
                if (!mdp.actionLabel(mdp.choiceStart(s) + i).equals(mdp.actionLabel(i))) {
                    return "state " + s + ", choice " + i + " is labelled '" + mdp.actionLabel(mdp.choiceStart(s) + i)
                            + "' but state 0's is '" + mdp.actionLabel(i) + "'; Cassandra's format needs the same"
                            + " actions, in the same order, in every state";
                }
            }
        }
        return null;
    }

    /**
     * Whether the action labels are written as {@code actions:} names (they are valid, distinct
     * Cassandra names); otherwise only their number is written and the labels are lost.
     */
    public static boolean writesActionNames(Mdp mdp) {
        return mdp.numStates() > 0 && mdp.numChoices(0) > 0 && actionNames(mdp, mdp.numChoices(0)) != null;
    }

    /** Writes {@code mdp} to {@code out} by state (UTF-8; flushed, not closed). */
    public static void write(Mdp mdp, OutputStream out) throws IOException {
        write(mdp, out, Order.BY_STATE);
    }

    /** Writes {@code mdp} to {@code out} with its lines in {@code order} (UTF-8; flushed, not closed). */
    public static void write(Mdp mdp, OutputStream out, Order order) throws IOException {
        String why = whyNotExpressible(mdp);
        if (why != null) {
            throw new IOException("cannot write this model in Cassandra's format: " + why);
        }
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        int numActions = mdp.numChoices(0);
        String[] names = actionNames(mdp, numActions);
        w.write("# Cassandra MDP format, written by sparsemdp\n");
        w.write("discount: " + mdp.discount() + "\n");
        w.write("values: " + (mdp.objective() == org.sparsemdp.model.Objective.MINIMIZE ? "cost" : "reward") + "\n");
        w.write("states: " + mdp.numStates() + "\n");
        if (names != null) {
            w.write("actions:");
            for (String n : names) {
                w.write(" " + n);
            }
            w.write("\n");
        } else {
            w.write("actions: " + numActions + "\n");
        }
        int[] initial = mdp.initialStates();
        if (initial.length == 1) {
            w.write("start: " + initial[0] + "\n");
        } else {
            w.write("start include:");
            for (int s : initial) {
                w.write(" " + s);
            }
            w.write("\n");
        }
        StringBuilder line = new StringBuilder(64);
        if (order == Order.BY_STATE) {
            for (int s = 0; s < mdp.numStates(); s++) {
                for (int i = 0; i < numActions; i++) {
                    writeChoice(mdp, s, i, names, line, w);
                }
            }
        } else {
            for (int i = 0; i < numActions; i++) {
                for (int s = 0; s < mdp.numStates(); s++) {
                    writeChoice(mdp, s, i, names, line, w);
                }
            }
        }
        w.flush();
    }

    /** The {@code T:} lines of choice {@code i} of state {@code s}, then its {@code R:} line. */
    private static void writeChoice(Mdp mdp, int s, int i, String[] names, StringBuilder line, Writer w)
            throws IOException {
        int c = mdp.choiceStart(s) + i;
        String a = names != null ? names[i] : Integer.toString(i);
        for (int k = mdp.transitionStart(c); k < mdp.transitionEnd(c); k++) {
            line.setLength(0);
            line.append("T: ").append(a).append(" : ").append(s).append(" : ").append(mdp.successor(k))
                    .append(' ').append(mdp.probability(k)).append('\n');
            w.append(line);
        }
        if (mdp.reward(c) != 0.0) {
            line.setLength(0);
            line.append("R: ").append(a).append(" : ").append(s).append(" : * ").append(mdp.reward(c)).append('\n');
            w.append(line);
        }
    }

    private static String[] actionNames(Mdp mdp, int numActions) {
        if (mdp.actionIndex(0) < 0) {
            return null;
        }
        String[] names = new String[numActions];
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < numActions; i++) {
            String n = mdp.actionLabel(i);
            if (!isName(n) || !seen.add(n)) {
                return null;
            }
            names[i] = n;
        }
        return names;
    }

    private static boolean isName(String n) {
        if (n.isEmpty() || KEYWORDS.contains(n) || !Character.isLetter(n.charAt(0)) || n.charAt(0) > 127) {
            return false;
        }
        for (int i = 1; i < n.length(); i++) {
            char ch = n.charAt(i);
            if (!(ch < 128 && (Character.isLetterOrDigit(ch) || ch == '_' || ch == '-'))) {
                return false;
            }
        }
        return true;
    }
}
