package org.sparsemdp.io.cassandra;

import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.sparsemdp.io.ModelFormatException;
import org.sparsemdp.model.Objective;

/**
 * The preamble of a Cassandra file ({@code discount:}, {@code values:}, {@code states:},
 * {@code actions:}, {@code observations:}) and its {@code start:} line, and the resolution of the
 * state, action and observation references (numbers, names or {@code *}) of the statements that
 * follow. See {@link CassandraReader} for the format.
 */
final class CassandraHeader {
    private final CassandraTokens in;
    private final String source;
    private final boolean allowPomdp;

    double discount = Double.NaN;
    Objective objective;
    int numStates = -1;
    int numActions = -1;
    int numObservations = -1;
    private final Object2IntOpenHashMap<String> stateNames = new Object2IntOpenHashMap<>();
    private final Object2IntOpenHashMap<String> actionNames = new Object2IntOpenHashMap<>();
    private final Object2IntOpenHashMap<String> observationNames = new Object2IntOpenHashMap<>();
    List<String> actionLabels = List.of();
    int[] initialStates;

    private CassandraHeader(CassandraTokens in, String source, boolean allowPomdp) {
        this.in = in;
        this.source = source;
        this.allowPomdp = allowPomdp;
        stateNames.defaultReturnValue(-1);
        actionNames.defaultReturnValue(-1);
        observationNames.defaultReturnValue(-1);
    }

    /** Reads the preamble and the optional {@code start:} line. */
    static CassandraHeader read(CassandraTokens in, String source, boolean allowPomdp) throws IOException {
        CassandraHeader h = new CassandraHeader(in, source, allowPomdp);
        h.parsePreamble();
        h.parseStart();
        return h;
    }

    private static boolean isPreambleKeyword(String w) {
        return w.equals("discount") || w.equals("values") || w.equals("states") || w.equals("actions")
                || w.equals("observations");
    }

    private void parsePreamble() throws IOException {
        while (in.hasNext()) {
            if (in.tryKeyword("discount")) {
                in.expectColon("'discount'");
                discount = in.number("discount factor");
                if (!(discount > 0.0 && discount <= 1.0)) {
                    throw in.error("discount must satisfy 0 < discount <= 1, got " + discount);
                }
            } else if (in.tryKeyword("values")) {
                in.expectColon("'values'");
                if (in.tryKeyword("reward")) {
                    objective = Objective.MAXIMIZE;
                } else if (in.tryKeyword("cost")) {
                    objective = Objective.MINIMIZE;
                } else {
                    throw in.error("'values:' must be followed by 'reward' or 'cost', found " + in.describeNext());
                }
            } else if (in.tryKeyword("states")) {
                in.expectColon("'states'");
                numStates = countOrNames("states", stateNames, null);
            } else if (in.tryKeyword("actions")) {
                in.expectColon("'actions'");
                List<String> names = new ArrayList<>();
                numActions = countOrNames("actions", actionNames, names);
                actionLabels = names;
            } else if (in.tryKeyword("observations")) {
                if (!allowPomdp) {
                    throw in.error("this is a POMDP file ('observations:'); it can be read as its underlying MDP"
                            + " only when that is asked for explicitly (option --pomdp-as-mdp)");
                }
                in.expectColon("'observations'");
                numObservations = countOrNames("observations", observationNames, null);
            } else {
                break;
            }
        }
        if (numStates < 0) {
            throw in.error("missing 'states:' in the preamble (before " + in.describeNext() + ")");
        }
        if (numActions < 0) {
            throw in.error("missing 'actions:' in the preamble (before " + in.describeNext() + ")");
        }
        if (Double.isNaN(discount)) {
            throw in.error("missing 'discount:' in the preamble (before " + in.describeNext() + ")");
        }
        if (objective == null) {
            throw in.error("missing 'values: reward|cost' in the preamble (before " + in.describeNext() + ")");
        }
        if ((double) numStates * numStates * numActions > (double) (1L << 62)
                || (long) numStates * numActions > Integer.MAX_VALUE - 8) {
            throw in.error(numStates + " states and " + numActions + " actions are too many for this reader"
                    + " (at most " + (Integer.MAX_VALUE - 8) + " state-action pairs)");
        }
    }

    private int countOrNames(String what, Object2IntOpenHashMap<String> index, List<String> names)
            throws IOException {
        if (index.size() > 0) {
            throw in.error("duplicate '" + what + ":'");
        }
        if (in.nextIsNumber()) {
            long n = in.integer("number of " + what);
            if (n < 1 || n > Integer.MAX_VALUE - 8) {
                throw in.error("number of " + what + " must be in 1.." + (Integer.MAX_VALUE - 8) + ", got " + n);
            }
            return (int) n;
        }
        while (in.nextIsName() && !isPreambleKeyword(peekWordLower()) && !isStatementStart()) {
            String name = in.word("a name");
            if (index.containsKey(name)) {
                throw in.error("duplicate name '" + name + "' in '" + what + ":'");
            }
            index.put(name, index.size());
            if (names != null) {
                names.add(name);
            }
        }
        if (index.isEmpty()) {
            throw in.error("'" + what + ":' must be followed by a count or a list of names, found " + in.describeNext());
        }
        return index.size();
    }

    private String peekWordLower() throws IOException {
        return in.peekWord();
    }

    private boolean isStatementStart() throws IOException {
        String w = peekWordLower();
        return w.equals("T") || w.equals("O") || w.equals("R") || w.equals("start");
    }

    private void parseStart() throws IOException {
        if (!in.tryKeyword("start")) {
            initialStates = allStates();
            return;
        }
        if (in.tryKeyword("include")) {
            in.expectColon("'start include'");
            boolean[] in0 = new boolean[numStates];
            readStateList(in0, true);
            initialStates = support(in0);
            return;
        }
        if (in.tryKeyword("exclude")) {
            in.expectColon("'start exclude'");
            boolean[] keep = new boolean[numStates];
            java.util.Arrays.fill(keep, true);
            readStateList(keep, false);
            initialStates = support(keep);
            if (initialStates.length == 0) {
                throw in.error("'start exclude:' excludes every state");
            }
            return;
        }
        in.expectColon("'start'");
        if (in.tryKeyword("uniform")) {
            initialStates = allStates();
        } else if (in.nextIsName()) {
            initialStates = new int[] {state("start state", false)};
        } else {
            long line = in.lineNumber();
            double first = in.number("start state or probability");
            if (!in.nextIsNumber()) { // a single number: the start state of an MDP
                if (numStates == 1 && first == 1.0) {
                    first = 0;
                }
                if (first != Math.rint(first) || first < 0 || first >= numStates) {
                    throw in.error("start state " + first + " is not a state number in 0.." + (numStates - 1));
                }
                initialStates = new int[] {(int) first};
                return;
            }
            boolean[] positive = new boolean[numStates];
            double sum = checkStartProbability(first, line);
            positive[0] = first > 0;
            for (int s = 1; s < numStates; s++) {
                double p = in.probability("start probability of state " + s);
                positive[s] = p > 0;
                sum += p;
            }
            if (Math.abs(sum - 1.0) > CassandraReader.ROW_TOLERANCE) {
                throw in.error("the start distribution sums to " + sum + ", not 1");
            }
            initialStates = support(positive);
        }
    }

    private double checkStartProbability(double p, long line) throws ModelFormatException {
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new ModelFormatException(source, line, "start probability " + p + " is not in [0, 1]");
        }
        return p;
    }

    private void readStateList(boolean[] mark, boolean value) throws IOException {
        int n = 0;
        while (in.hasNext() && !isStatementStart() && (in.nextIsNumber() || in.nextIsName())) {
            mark[state("state", false)] = value;
            n++;
        }
        if (n == 0) {
            throw in.error("expected a list of states, found " + in.describeNext());
        }
    }

    private int[] allStates() {
        int[] all = new int[numStates];
        for (int s = 0; s < numStates; s++) {
            all[s] = s;
        }
        return all;
    }

    private static int[] support(boolean[] mark) {
        int n = 0;
        for (boolean b : mark) {
            n += b ? 1 : 0;
        }
        int[] out = new int[n];
        n = 0;
        for (int s = 0; s < mark.length; s++) {
            if (mark[s]) {
                out[n++] = s;
            }
        }
        return out;
    }


    int action() throws IOException {
        return reference("action", numActions, actionNames, true);
    }

    int state(String what, boolean wildcard) throws IOException {
        return reference(what, numStates, stateNames, wildcard);
    }

    int observation() throws IOException {
        return reference("observation", numObservations, observationNames, true);
    }

    private int reference(String what, int count, Object2IntOpenHashMap<String> names, boolean wildcard)
            throws IOException {
        int c = in.peekChar(); // one look decides between '*', a number and a name
        if (c == '*') {
            in.tryChar('*');
            if (!wildcard) {
                throw in.error("'*' is not allowed as " + what + " here");
            }
            return RewardTable.ANY;
        }
        if (CassandraTokens.isNumberStart(c)) {
            long v = in.integer(what);
            if (v < 0 || v >= count) {
                throw in.error(what + " " + v + " out of range 0.." + (count - 1));
            }
            return (int) v;
        }
        String name = in.name(what);
        int v = names.getInt(name);
        if (v < 0) {
            throw in.error("unknown " + what + " '" + name + "'");
        }
        return v;
    }
}
