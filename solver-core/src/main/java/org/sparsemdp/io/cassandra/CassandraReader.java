package org.sparsemdp.io.cassandra;

import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sparsemdp.io.Compression;
import org.sparsemdp.io.LineScanner;
import org.sparsemdp.io.ModelFormatException;
import org.sparsemdp.model.InvalidModelException;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;

/**
 * Reads Cassandra's MDP/POMDP text format, the input format of pomdp-solve (A. R. Cassandra,
 * "POMDP file format", pomdp.org/code/pomdp-file-spec.html, and the grammar {@code parser.y} of
 * pomdp-solve), as an {@link Mdp}.
 *
 * <p>Supported: the preamble {@code discount:}, {@code values: reward|cost}, {@code states:},
 * {@code actions:} (a count or a list of names), {@code observations:}; {@code start:} as a
 * distribution, {@code uniform}, a state number or name, {@code start include:} and
 * {@code start exclude:} lists; {@code T:} entries, rows ({@code uniform}, {@code reset}, or S
 * probabilities) and matrices ({@code uniform}, {@code identity}, or S×S probabilities) with
 * {@code *} wildcards; {@code R:} in its MDP forms ({@code R: a : s : s' r}, a row of S values,
 * a matrix of S×S values) and its POMDP forms ({@code R: a : s : s' : o r} and the vector and
 * matrix forms over observations). Tokens may be split over lines freely; {@code #} starts a
 * comment.
 *
 * <p>Semantics, as in pomdp-solve: later entries overwrite earlier ones (the model is defined only
 * by the whole file, so entries are buffered sparsely — see {@link TransitionTable} and
 * {@link RewardTable}); every state-action row must sum to 1 within {@value #ROW_TOLERANCE} and
 * is then renormalised; r(s, a) = Σ<sub>s'</sub> T(s, a, s')·R(a, s, s'); {@code values: cost}
 * gives {@link Objective#MINIMIZE} and {@code reward} {@link Objective#MAXIMIZE}; the discount
 * becomes the model's discount (it must be in (0, 1]). Every state has every action. The initial
 * states are the support of the start distribution (all states when {@code start:} is absent).
 *
 * <p>A POMDP file ({@code observations:} in the preamble) is read as its underlying MDP only when
 * the caller asks for it ({@code underlyingMdpOfPomdp}); its {@code O:} statements are then
 * checked for syntax and discarded. Rewards that depend on the observation cannot be folded
 * without the observation model and are rejected.
 */
public final class CassandraReader {
    /** Tolerance on |Σ p − 1| of a row, the EPSILON of pomdp-solve. */
    public static final double ROW_TOLERANCE = 1e-5;

    private final CassandraTokens in;
    private final String source;
    private final boolean allowPomdp;

    private double discount = Double.NaN;
    private Objective objective;
    private int numStates = -1;
    private int numActions = -1;
    private int numObservations = -1;
    private final Object2IntOpenHashMap<String> stateNames = new Object2IntOpenHashMap<>();
    private final Object2IntOpenHashMap<String> actionNames = new Object2IntOpenHashMap<>();
    private final Object2IntOpenHashMap<String> observationNames = new Object2IntOpenHashMap<>();
    private List<String> actionLabels = List.of();
    private int[] initialStates;
    private TransitionTable trans;
    private RewardTable rewards;
    private int seq;
    private long reservedUpTo;
    private static final long RESERVE_BLOCK = 1 << 16;

    private CassandraReader(InputStream stream, String source, boolean allowPomdp) {
        this.in = new CassandraTokens(new LineScanner(stream, source).commentChar('#').separators(":"));
        this.source = source;
        this.allowPomdp = allowPomdp;
        stateNames.defaultReturnValue(-1);
        actionNames.defaultReturnValue(-1);
        observationNames.defaultReturnValue(-1);
    }

    /** Reads an MDP file (gzip/xz detected); a POMDP file is an error. */
    public static Mdp read(Path path) throws IOException {
        return read(path, false);
    }

    /**
     * Reads {@code path}.
     *
     * @param underlyingMdpOfPomdp whether a POMDP file may be read as its underlying MDP
     */
    public static Mdp read(Path path, boolean underlyingMdpOfPomdp) throws IOException {
        try (InputStream stream = Compression.open(path)) {
            return read(stream, path.toString(), underlyingMdpOfPomdp);
        }
    }

    /** Reads from {@code stream} ({@code source} names it in errors); does not close it. */
    public static Mdp read(InputStream stream, String source, boolean underlyingMdpOfPomdp) throws IOException {
        return new CassandraReader(stream, source, underlyingMdpOfPomdp).parse();
    }

    private Mdp parse() throws IOException {
        try {
            parsePreamble();
            parseStart();
            while (in.hasNext()) {
                parseStatement();
            }
            CassandraModelBuilder builder = new CassandraModelBuilder(source, numStates, numActions, trans, rewards);
            trans = null; // owned by the builder now, which releases them as soon as it can
            rewards = null;
            return builder.build(objective, discount, initialStates, actionLabels);
        } catch (InvalidModelException e) {
            throw in.error(e.getMessage());
        }
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
        if ((double) numStates * numStates * numActions > (double) (1L << 62)) {
            throw in.error(numStates + " states and " + numActions + " actions are too many for this reader");
        }
        trans = new TransitionTable(numStates, numActions);
        rewards = new RewardTable(numStates, numActions);
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
            if (Math.abs(sum - 1.0) > ROW_TOLERANCE) {
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

    private void parseStatement() throws IOException {
        if (seq == Integer.MAX_VALUE) {
            throw in.error("too many statements");
        }
        seq++;
        if (in.tryKeyword("T")) {
            in.expectColon("'T'");
            parseTransition();
        } else if (in.tryKeyword("R")) {
            in.expectColon("'R'");
            parseReward();
        } else if (in.tryKeyword("O")) {
            in.expectColon("'O'");
            parseObservation();
        } else {
            throw in.error("expected 'T:', 'R:' or 'O:', found " + in.describeNext());
        }
    }

    // ---- T ----

    private void parseTransition() throws IOException {
        int a = action();
        if (!in.tryChar(':')) {
            parseTransitionMatrix(a);
            return;
        }
        int s = state("start state", true);
        if (in.tryChar(':')) {
            int t = state("end state", true);
            double p = in.probability("probability");
            reserve((long) span(a, numActions) * span(s, numStates) * span(t, numStates));
            for (int ai = lo(a); ai <= hi(a, numActions); ai++) {
                for (int si = lo(s); si <= hi(s, numStates); si++) {
                    for (int ti = lo(t); ti <= hi(t, numStates); ti++) {
                        trans.put(si, ai, ti, p);
                    }
                }
            }
            return;
        }
        long rows = (long) span(a, numActions) * span(s, numStates);
        if (in.tryKeyword("uniform")) {
            reserve(rows * numStates);
            double p = 1.0 / numStates;
            forRows(a, s, (si, ai) -> {
                trans.defineRow(si, ai);
                for (int t = 0; t < numStates; t++) {
                    trans.put(si, ai, t, p);
                }
            });
        } else if (in.tryKeyword("reset")) {
            reserve(rows * initialStates.length);
            double p = 1.0 / initialStates.length;
            forRows(a, s, (si, ai) -> {
                trans.defineRow(si, ai);
                for (int t : initialStates) {
                    trans.put(si, ai, t, p);
                }
            });
        } else {
            forRows(a, s, (si, ai) -> trans.defineRow(si, ai));
            for (int t = 0; t < numStates; t++) {
                double p = in.probability("probability of end state " + t);
                if (p != 0.0) {
                    reserve(rows);
                    int tt = t;
                    forRows(a, s, (si, ai) -> trans.put(si, ai, tt, p));
                }
            }
        }
    }

    private void parseTransitionMatrix(int a) throws IOException {
        long rows = (long) span(a, numActions) * numStates;
        if (in.tryKeyword("uniform")) {
            reserve(rows * numStates);
            double p = 1.0 / numStates;
            forRows(a, RewardTable.ANY, (si, ai) -> {
                trans.defineRow(si, ai);
                for (int t = 0; t < numStates; t++) {
                    trans.put(si, ai, t, p);
                }
            });
            return;
        }
        if (in.tryKeyword("identity")) {
            reserve(rows);
            forRows(a, RewardTable.ANY, (si, ai) -> {
                trans.defineRow(si, ai);
                trans.put(si, ai, si, 1.0);
            });
            return;
        }
        forRows(a, RewardTable.ANY, (si, ai) -> trans.defineRow(si, ai));
        for (int s = 0; s < numStates; s++) {
            for (int t = 0; t < numStates; t++) {
                double p = in.probability("probability of row " + s + ", column " + t);
                if (p != 0.0) {
                    reserve(span(a, numActions));
                    for (int ai = lo(a); ai <= hi(a, numActions); ai++) {
                        trans.put(s, ai, t, p);
                    }
                }
            }
        }
    }

    // ---- R ----

    private void parseReward() throws IOException {
        int a = action();
        boolean pomdp = numObservations > 0;
        if (!in.tryChar(':')) {
            if (pomdp) {
                throw in.error("'R: action <matrix>' is the MDP-only form; a POMDP needs 'R: action : state ...'");
            }
            for (int s = 0; s < numStates; s++) {
                for (int t = 0; t < numStates; t++) {
                    rewards.put(a, s, t, in.number("reward of row " + s + ", column " + t), seq);
                }
            }
            return;
        }
        int s = state("start state", true);
        if (!in.tryChar(':')) {
            for (int t = 0; t < numStates; t++) {
                rewards.put(a, s, t, pomdp ? observationIndependent(t) : in.number("reward of end state " + t), seq);
            }
            return;
        }
        int t = state("end state", true);
        if (in.tryChar(':')) {
            if (!pomdp) {
                throw in.error("'R: a : s : s' : o r' names an observation, but this is an MDP file"
                        + " (no 'observations:'); use 'R: a : s : s' r'");
            }
            int o = observation();
            double r = in.number("reward");
            if (o != RewardTable.ANY) {
                throw in.error("the reward depends on the observation, which the underlying MDP cannot express"
                        + " (only '*' is accepted as the observation of an R: entry)");
            }
            rewards.put(a, s, t, r, seq);
            return;
        }
        rewards.put(a, s, t, pomdp ? observationIndependent(t) : in.number("reward"), seq);
    }

    /** Reads one value per observation and returns it if they are all equal. */
    private double observationIndependent(int t) throws IOException {
        double first = in.number("reward");
        for (int o = 1; o < numObservations; o++) {
            double r = in.number("reward for observation " + o);
            if (r != first) {
                throw in.error("the reward for end state " + t + " depends on the observation, which the"
                        + " underlying MDP cannot express");
            }
        }
        return first;
    }

    // ---- O (syntax only) ----

    private void parseObservation() throws IOException {
        if (numObservations <= 0) {
            throw in.error("'O:' in a file without 'observations:'");
        }
        action();
        if (!in.tryChar(':')) {
            if (!in.tryKeyword("uniform") && !in.tryKeyword("reset")) {
                skipProbabilities((long) numStates * numObservations);
            }
            return;
        }
        state("end state", true);
        if (in.tryChar(':')) {
            observation();
            in.probability("observation probability");
            return;
        }
        if (!in.tryKeyword("uniform") && !in.tryKeyword("reset")) {
            skipProbabilities(numObservations);
        }
    }

    private void skipProbabilities(long n) throws IOException {
        for (long i = 0; i < n; i++) {
            in.probability("observation probability");
        }
    }

    // ---- references ----

    private int action() throws IOException {
        return reference("action", numActions, actionNames, true);
    }

    private int state(String what, boolean wildcard) throws IOException {
        return reference(what, numStates, stateNames, wildcard);
    }

    private int observation() throws IOException {
        return reference("observation", numObservations, observationNames, true);
    }

    private int reference(String what, int count, Object2IntOpenHashMap<String> names, boolean wildcard)
            throws IOException {
        if (in.tryChar('*')) {
            if (!wildcard) {
                throw in.error("'*' is not allowed as " + what + " here");
            }
            return RewardTable.ANY;
        }
        if (in.nextIsNumber()) {
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

    // ---- helpers ----

    private interface RowAction {
        void apply(int s, int a);
    }

    private void forRows(int a, int s, RowAction f) {
        for (int ai = lo(a); ai <= hi(a, numActions); ai++) {
            for (int si = lo(s); si <= hi(s, numStates); si++) {
                f.apply(si, ai);
            }
        }
    }

    private static int lo(int x) {
        return x == RewardTable.ANY ? 0 : x;
    }

    private static int hi(int x, int n) {
        return x == RewardTable.ANY ? n - 1 : x;
    }

    private static int span(int x, int n) {
        return x == RewardTable.ANY ? n : 1;
    }

    /**
     * Checks, before entries are added, that they fit: in the int range and (amortised over
     * blocks of {@value #RESERVE_BLOCK} entries) in the free heap.
     */
    private void reserve(long entries) throws ModelFormatException {
        long total = trans.size() + entries;
        if (entries < 0 || total > Integer.MAX_VALUE - 8) {
            throw in.error("this statement would make more than " + (Integer.MAX_VALUE - 8) + " transition entries");
        }
        if (total <= reservedUpTo) {
            return;
        }
        long block = Math.max(entries, RESERVE_BLOCK);
        try {
            trans.reserve(block, "this statement's " + entries + " transition entries");
        } catch (InvalidModelException e) {
            throw in.error(e.getMessage());
        }
        reservedUpTo = trans.size() + block;
    }
}
