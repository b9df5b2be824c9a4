package org.sparsemdp.io.cassandra;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.sparsemdp.io.ModelFormatException;
import org.sparsemdp.model.HeapCheck;
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
    /**
     * The states the start line names, sorted and distinct: the initial states, or with
     * {@link #startExcludes} the states excluded; null for every state (no start line, or
     * {@code start: uniform}). Nothing here is proportional to the declared number of states
     * rather than to the file: a header's count is only trusted once the transitions are read.
     */
    private int[] startStates;
    private boolean startExcludes;
    private int[] initialStates;

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
            return; // every state
        }
        if (in.tryKeyword("include")) {
            in.expectColon("'start include'");
            startStates = readStateList();
            return;
        }
        if (in.tryKeyword("exclude")) {
            long line = in.lineNumber();
            in.expectColon("'start exclude'");
            startStates = readStateList();
            startExcludes = true;
            if (startStates.length == numStates) {
                throw new ModelFormatException(source, line, "'start exclude:' excludes every state");
            }
            return;
        }
        in.expectColon("'start'");
        if (in.tryKeyword("uniform")) {
            return; // every state
        } else if (in.nextIsName()) {
            startStates = new int[] {state("start state", false)};
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
                startStates = new int[] {(int) first};
                return;
            }
            IntArrayList positive = new IntArrayList(); // grows with the file, not with the header
            double sum = checkStartProbability(first, line);
            if (first > 0) {
                positive.add(0);
            }
            for (int s = 1; s < numStates; s++) {
                double p = in.probability("start probability of state " + s);
                if (p > 0) {
                    positive.add(s);
                }
                sum += p;
            }
            if (Math.abs(sum - 1.0) > CassandraReader.ROW_TOLERANCE) {
                throw in.error("the start distribution sums to " + sum + ", not 1");
            }
            startStates = positive.toIntArray();
        }
    }

    /** Number of initial states (without listing them). */
    long initialStateCount() {
        if (startStates == null) {
            return numStates;
        }
        return startExcludes ? numStates - startStates.length : startStates.length;
    }

    /**
     * The initial states, sorted: listed once the transitions have been read, since "every state"
     * or "every state but these" takes an array of the declared number of states.
     *
     * @throws org.sparsemdp.model.InvalidModelException if that array does not fit in the free heap
     */
    int[] initialStates() {
        if (initialStates != null) {
            return initialStates;
        }
        if (startStates != null && !startExcludes) {
            initialStates = startStates;
            return initialStates;
        }
        HeapCheck.ensureFree(4L * initialStateCount(), "the list of initial states");
        int[] out = new int[(int) initialStateCount()];
        int n = 0;
        int skip = 0; // next excluded state in startStates
        for (int s = 0; s < numStates; s++) {
            if (startExcludes && skip < startStates.length && startStates[skip] == s) {
                skip++;
                continue;
            }
            out[n++] = s;
        }
        initialStates = out;
        return out;
    }

    private double checkStartProbability(double p, long line) throws ModelFormatException {
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new ModelFormatException(source, line, "start probability " + p + " is not in [0, 1]");
        }
        return p;
    }

    /** A list of states (numbers or names), sorted and without repetitions. */
    private int[] readStateList() throws IOException {
        IntArrayList states = new IntArrayList();
        while (in.hasNext() && !isStatementStart() && (in.nextIsNumber() || in.nextIsName())) {
            states.add(state("state", false));
        }
        if (states.isEmpty()) {
            throw in.error("expected a list of states, found " + in.describeNext());
        }
        int[] sorted = states.toIntArray();
        java.util.Arrays.sort(sorted);
        int n = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (n == 0 || sorted[i] != sorted[n - 1]) {
                sorted[n++] = sorted[i];
            }
        }
        return java.util.Arrays.copyOf(sorted, n);
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
