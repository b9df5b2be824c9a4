package org.sparsemdp.io.prism;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sparsemdp.io.Compression;
import org.sparsemdp.io.DeclaredCapacity;
import org.sparsemdp.io.LineScanner;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.io.ModelFormatException;
import org.sparsemdp.io.RewardStructure;
import org.sparsemdp.model.InvalidModelException;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;

/**
 * Reads MDPs in PRISM's explicit format (PRISM manual, "Explicit model files"; the same files
 * Storm reads with {@code --explicit}):
 * <ul>
 *   <li>{@code .tra}: optional {@code #} header lines; in the current style a count line
 *       {@code states choices transitions}; in the older style a first line {@code mdp} and no
 *       count line; then rows {@code s c t p [action]} sorted by state and choice, the choices of
 *       a state numbered 0, 1, ...</li>
 *   <li>{@code .lab}: PRISM style {@code 0="init" 1="deadlock" 2="goal"} then rows
 *       {@code s: 0 2}; or Storm style {@code #DECLARATION}, the names, {@code #END}, then rows
 *       {@code s name name}.</li>
 *   <li>{@code .srew}: optional {@code #} lines (a line {@code # Reward structure "name"} names
 *       the structure), an optional count line {@code states entries}, rows {@code s r}.</li>
 *   <li>{@code .trew}: likewise, count line {@code states choices entries}, rows {@code s c t r}.</li>
 * </ul>
 * A state reward file and a transition reward file form one reward structure with a state part
 * and a choice part, r(s,a) = srew(s) + Σ<sub>t</sub> p(t|s,a)·trew(s,a,t) (see
 * {@link LoadedModel} and {@link RewardStructure}).
 *
 * <p>Every file is streamed (one line in memory; gzip detected by content) and every problem is
 * reported as {@code file:line: problem}. Counts in the header are checked against the rows
 * actually read, never used to allocate: the model is built by {@link MdpBuilder}.
 */
public final class PrismExplicitReader {
    private PrismExplicitReader() {
    }

    /** The state and transition reward files of one reward structure (either may be null). */
    public static final class RewardFiles {
        final String name;
        final Path stateRewards;
        final Path transitionRewards;

        /**
         * A reward structure named {@code name} (null: the name in the file's
         * {@code # Reward structure "name"} header, else its position 1, 2, ...).
         */
        public RewardFiles(String name, Path stateRewards, Path transitionRewards) {
            if (stateRewards == null && transitionRewards == null) {
                throw new IllegalArgumentException("a reward structure needs a state or a transition reward file");
            }
            this.name = name;
            this.stateRewards = stateRewards;
            this.transitionRewards = transitionRewards;
        }
    }

    /**
     * Reads {@code tra} with the files found beside it: for {@code model.tra}, {@code model.lab},
     * the structure {@code model.srew}/{@code model.trew} and the numbered structures
     * {@code model1.srew}/{@code model1.trew}, {@code model2...}, as PRISM exports them.
     */
    public static LoadedModel read(Path tra) throws IOException {
        return read(tra, labelFilesBeside(tra), rewardFilesBeside(tra));
    }

    /** The label file {@code model.lab} (or {@code .lab.gz}, {@code .lab.xz}) beside {@code model.tra}, if it exists. */
    public static List<Path> labelFilesBeside(Path tra) {
        Path lab = beside(tra.toAbsolutePath().getParent(), stem(tra) + ".lab");
        return lab != null ? List.of(lab) : List.of();
    }

    /** {@code dir/name}, else {@code dir/name.gz}, else {@code dir/name.xz}, whichever is a file first; or null. */
    static Path beside(Path dir, String name) {
        for (String suffix : new String[] {"", ".gz", ".xz"}) {
            Path p = dir.resolve(name + suffix);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    /**
     * The reward structures beside {@code model.tra}: {@code model.srew}/{@code model.trew}, then
     * {@code model1.srew}/{@code model1.trew}, {@code model2...} while they exist.
     */
    public static List<RewardFiles> rewardFilesBeside(Path tra) {
        String base = stem(tra);
        Path dir = tra.toAbsolutePath().getParent();
        List<RewardFiles> rewards = new ArrayList<>();
        addIfPresent(rewards, dir, base);
        for (int i = 1; ; i++) {
            if (!addIfPresent(rewards, dir, base + i)) {
                return rewards;
            }
        }
    }

    /** Reads {@code tra} with the given label files (merged) and reward structures (in order). */
    public static LoadedModel read(Path tra, List<Path> labelFiles, List<RewardFiles> rewardFiles) throws IOException {
        Mdp mdp;
        long plainBytes = Math.max(0, Compression.contentSizeBound(tra)); // 0: size unknown, reserve nothing
        try (InputStream in = Compression.open(tra)) {
            mdp = readTransitions(in, tra.toString(), plainBytes);
        }
        Map<String, BitSet> labels = new LinkedHashMap<>();
        for (Path p : labelFiles) {
            try (InputStream in = Compression.open(p)) {
                readLabels(in, p.toString(), mdp.numStates(), labels);
            }
        }
        List<RewardStructure> rewards = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int index = 0;
        for (RewardFiles rf : rewardFiles) {
            index++;
            double[] state = null;
            double[] choice = null;
            String name = rf.name;
            if (rf.stateRewards != null) {
                state = new double[mdp.numStates()];
                try (InputStream in = Compression.open(rf.stateRewards)) {
                    String n = readStateRewardsByState(in, rf.stateRewards.toString(), mdp.numStates(), state);
                    name = name != null ? name : n;
                }
            }
            if (rf.transitionRewards != null) {
                choice = new double[mdp.numChoices()];
                try (InputStream in = Compression.open(rf.transitionRewards)) {
                    String n = readTransitionRewards(in, rf.transitionRewards.toString(), mdp, choice);
                    name = name != null ? name : n;
                }
            }
            if (name == null || name.isEmpty() || !names.add(name)) {
                name = String.valueOf(index);
                names.add(name);
            }
            rewards.add(new RewardStructure(name, state, choice));
        }
        return LoadedModel.assemble(mdp, labels, rewards);
    }

    /** Reads a {@code .tra} stream (rewards 0, initial state 0). */
    public static Mdp readTransitions(InputStream in, String source) throws IOException {
        return readTransitions(in, source, 0);
    }

    /**
     * Reads a {@code .tra} stream of at most {@code streamBytes} bytes (0: unknown). When the size
     * is known, the counts of the count line reserve the model's arrays up front — each count
     * capped by what that many bytes can hold (a row takes at least {@value #MIN_ROW_BYTES}
     * bytes) and by the free heap — so that they are filled in place and never grown or trimmed:
     * the peak heap is then the model itself.
     */
    public static Mdp readTransitions(InputStream in, String source, long streamBytes) throws IOException {
        LineScanner sc = new LineScanner(in, source).commentChar('#');
        if (!sc.nextContentLine()) {
            throw ModelFormatException.inFile(source, "empty file: expected a count line 'states choices transitions'"
                    + " or 'mdp'");
        }
        if (Character.isLetter(sc.peek())) {
            String word = sc.nextToken("model type");
            if (!word.equals("mdp")) {
                throw sc.error("unsupported model type '" + word + "' (this reader reads MDPs: 'mdp')");
            }
            sc.expectEndOfLine("'mdp'");
            if (!sc.nextContentLine()) {
                throw ModelFormatException.inFile(source, "no transitions after 'mdp'");
            }
        }
        long countLine = -1;
        long declStates = -1;
        long declChoices = -1;
        long declTransitions = -1;
        long a = sc.nextLong("state");
        long b = sc.nextLong("choice");
        long c = sc.nextLong("successor");
        boolean pending = true; // the current line is an unparsed-remainder row
        if (!sc.hasMoreTokens()) {
            countLine = sc.lineNumber();
            declStates = a;
            declChoices = b;
            declTransitions = c;
            if (a <= 0 || a > Integer.MAX_VALUE - 8) {
                throw sc.error("number of states " + a + " is not in 1.." + (Integer.MAX_VALUE - 8));
            }
            if (b < 0 || c < 0) {
                throw sc.error("negative count in the count line");
            }
            pending = false;
        }
        MdpBuilder builder = declStates > 0 ? new MdpBuilder((int) declStates) : new MdpBuilder();
        DeclaredCapacity.reserve(builder, declChoices, declTransitions, streamBytes / MIN_ROW_BYTES,
                streamBytes / MIN_ROW_BYTES, source);
        int curState = -1;
        int curChoice = -1;
        String curLabel = null;
        long choiceLine = 0;
        long rows = 0;
        int maxIndex = -1; // largest state named by a row
        try {
            while (true) {
                int s;
                int ch;
                int t;
                if (pending) {
                    s = toInt(sc, a, "state");
                    ch = toInt(sc, b, "choice");
                    t = toInt(sc, c, "successor");
                    pending = false;
                } else {
                    if (!sc.nextContentLine()) {
                        break;
                    }
                    s = sc.nextInt("state");
                    ch = sc.nextInt("choice");
                    t = sc.nextInt("successor");
                }
                if (s < 0 || ch < 0 || t < 0) { // -1 would also pass for the row before the first
                    throw sc.error("negative index in the row (state " + s + ", choice " + ch + ", successor " + t + ")");
                }
                maxIndex = Math.max(maxIndex, Math.max(s, t));
                double p = sc.nextDouble("probability");
                rows++;
                if (s != curState || ch != curChoice) {
                    if (s < curState || (s == curState && ch != curChoice + 1) || (s > curState && ch != 0)) {
                        throw sc.error("rows must be sorted by state and choice, choices numbered 0, 1, ... per"
                                + " state: found state " + s + " choice " + ch + " after state " + curState
                                + " choice " + curChoice);
                    }
                    if (curState >= 0) {
                        finish(builder, source, choiceLine);
                    }
                    curLabel = sc.hasMoreTokens() ? sc.nextInternedToken("action") : null;
                    curState = s;
                    curChoice = ch;
                    choiceLine = sc.lineNumber();
                    builder.startChoice(s, curLabel, 0.0);
                } else if (sc.hasMoreTokens() ? curLabel == null || !sc.tryKeyword(curLabel) : curLabel != null) {
                    throw sc.error("the rows of state " + s + " choice " + ch + " have different actions");
                }
                sc.expectEndOfLine("the probability");
                builder.addTransition(t, p);
            }
            if (curState < 0) {
                throw ModelFormatException.inFile(source, "no transitions");
            }
            finish(builder, source, choiceLine);
        } catch (InvalidModelException e) {
            throw sc.error(e.getMessage());
        }
        if (countLine > 0 && (builder.numChoices() != declChoices || rows != declTransitions)) {
            throw new ModelFormatException(source, countLine, "the count line declares " + declChoices + " choices and "
                    + declTransitions + " transitions, but the file has " + builder.numChoices() + " and " + rows);
        }
        // Every state is the source or the successor of some row, so R rows name at most 2R states:
        // a larger count (or a larger index without a count line) describes states the file does
        // not contain, and would take their arrays from a few bytes of input.
        long states = countLine > 0 ? declStates : maxIndex + 1L;
        if (states > 2 * rows) {
            String what = countLine > 0 ? "the count line declares " + states + " states" : "state " + maxIndex;
            throw new ModelFormatException(source, countLine > 0 ? countLine : sc.lineNumber(), what + ", but "
                    + rows + " rows can name at most " + 2 * rows + " states (every state needs a row or an incoming"
                    + " transition)");
        }
        try {
            return builder.build();
        } catch (InvalidModelException e) {
            throw ModelFormatException.inFile(source, e.getMessage());
        }
    }

    /** Shortest row "s c t p\n". */
    private static final int MIN_ROW_BYTES = 8;

    private static int toInt(LineScanner sc, long v, String what) throws ModelFormatException {
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw sc.error(what + " " + v + " out of range");
        }
        return (int) v;
    }

    private static void finish(MdpBuilder builder, String source, long line) throws ModelFormatException {
        try {
            builder.finishChoice();
        } catch (InvalidModelException e) {
            throw new ModelFormatException(source, line, e.getMessage());
        }
    }

    /** Reads a {@code .lab} stream (PRISM or Storm style) into {@code labels}, merging same-named labels. */
    public static void readLabels(InputStream in, String source, int numStates, Map<String, BitSet> labels)
            throws IOException {
        LineScanner sc = new LineScanner(in, source).separators("=:");
        boolean storm;
        while (true) {
            if (!sc.nextContentLine()) {
                return;
            }
            storm = sc.tryKeyword("#DECLARATION");
            if (storm || sc.peek() != '#') {
                break; // other '#' lines before the declarations are comments (PRISM's "# Labels")
            }
        }
        List<String> names = new ArrayList<>();
        if (storm) {
            sc.expectEndOfLine("#DECLARATION");
            while (true) {
                if (!sc.nextContentLine()) {
                    throw ModelFormatException.inFile(source, "missing #END after #DECLARATION");
                }
                if (sc.tryKeyword("#END")) {
                    sc.expectEndOfLine("#END");
                    break;
                }
                while (sc.hasMoreTokens()) {
                    names.add(unquote(sc, sc.nextToken("label name")));
                }
            }
        } else {
            while (sc.hasMoreTokens()) {
                int id = sc.nextInt("label index");
                sc.expect('=', "label index " + id);
                if (id != names.size()) {
                    throw sc.error("label indices must be 0, 1, 2, ...: expected " + names.size() + ", found " + id);
                }
                names.add(unquote(sc, sc.nextToken("label name")));
            }
        }
        BitSet[] sets = new BitSet[names.size()];
        for (int i = 0; i < sets.length; i++) {
            sets[i] = labels.computeIfAbsent(names.get(i), k -> new BitSet());
        }
        while (sc.nextContentLine()) {
            if (sc.peek() == '#') {
                continue;
            }
            int s = sc.nextInt("state");
            if (s < 0 || s >= numStates) {
                throw sc.error("state " + s + " out of range 0.." + (numStates - 1));
            }
            if (!storm) {
                sc.expect(':', "state", s);
            }
            while (sc.hasMoreTokens()) {
                int id;
                if (storm) {
                    String name = sc.nextToken("label name");
                    id = names.indexOf(name);
                    if (id < 0) {
                        throw sc.error("label '" + name + "' is not declared");
                    }
                } else {
                    id = sc.nextInt("label index");
                    if (id < 0 || id >= sets.length) {
                        throw sc.error("label index " + id + " is not declared (0.." + (sets.length - 1) + ")");
                    }
                }
                sets[id].set(s);
            }
        }
    }

    private static String unquote(LineScanner sc, String token) throws ModelFormatException {
        if (token.length() >= 2 && token.startsWith("\"") && token.endsWith("\"")) {
            token = token.substring(1, token.length() - 1);
        }
        if (token.isEmpty() || token.indexOf('"') >= 0) {
            throw sc.error("malformed label name '" + token + "'");
        }
        return token;
    }

    /**
     * Adds the state rewards of a {@code .srew} stream to the per-choice rewards {@code r}.
     *
     * @return the structure name from a {@code # Reward structure "name"} line, or null
     */
    public static String readStateRewards(InputStream in, String source, Mdp mdp, double[] r) throws IOException {
        double[] state = new double[mdp.numStates()];
        String name = readStateRewardsByState(in, source, mdp.numStates(), state);
        int[] cs = mdp.choiceStartArray();
        for (int s = 0; s < mdp.numStates(); s++) {
            for (int ch = cs[s]; ch < cs[s + 1]; ch++) {
                r[ch] += state[s];
            }
        }
        return name;
    }

    /**
     * Reads the rows {@code s r} of a {@code .srew} stream into {@code state} (one entry per state;
     * a state without a row keeps its entry).
     *
     * @return the structure name from a {@code # Reward structure "name"} line, or null
     */
    public static String readStateRewardsByState(InputStream in, String source, int n, double[] state)
            throws IOException {
        LineScanner sc = new LineScanner(in, source);
        String[] name = new String[2];
        if (!nextRow(sc, name)) {
            return name[0];
        }
        long a = sc.nextLong("state");
        long countLine = -1;
        long declared = -1;
        boolean pending = true;
        if (a == n || name[1] != null) {
            // A row's state is below n, so this is the count line 'states entries'; PRISM's files,
            // recognisable by their '#' header, always have one.
            if (a != n) {
                throw sc.error("the count line declares " + a + " states, but the model has " + n);
            }
            declared = sc.nextLong("number of entries");
            sc.expectEndOfLine("the count line");
            countLine = sc.lineNumber();
            pending = false;
        }
        BitSet seen = new BitSet();
        long rows = 0;
        while (true) {
            long s;
            if (pending) {
                s = a;
                pending = false;
            } else {
                if (!nextRow(sc, name)) {
                    break;
                }
                s = sc.nextLong("state");
            }
            if (s < 0 || s >= n) {
                throw sc.error("state " + s + " out of range 0.." + (n - 1));
            }
            double v = sc.nextDouble("reward");
            if (!Double.isFinite(v)) {
                throw sc.error("reward " + v + " is not finite");
            }
            sc.expectEndOfLine("the reward");
            if (seen.get((int) s)) {
                throw sc.error("state " + s + " has a second reward");
            }
            seen.set((int) s);
            rows++;
            state[(int) s] += v;
        }
        if (countLine > 0 && rows != declared) {
            throw new ModelFormatException(source, countLine, "the count line declares " + declared + " entries, but"
                    + " the file has " + rows);
        }
        return name[0];
    }

    /**
     * Adds p(t|s,c)·r for every row {@code s c t r} of a {@code .trew} stream to the per-choice
     * rewards {@code r}; a run of consecutive rows that gives every transition of a choice the
     * same reward v (as PRISM writes MDP transition rewards, which are state-action rewards) adds
     * exactly v, which Σ p·v matches only up to rounding.
     *
     * @return the structure name from a {@code # Reward structure "name"} line, or null
     */
    public static String readTransitionRewards(InputStream in, String source, Mdp mdp, double[] r) throws IOException {
        LineScanner sc = new LineScanner(in, source);
        String[] name = new String[2];
        if (!nextRow(sc, name)) {
            return name[0];
        }
        int n = mdp.numStates();
        long a = sc.nextLong("state");
        long b = sc.nextLong("choice");
        long c = sc.nextLong("successor");
        long countLine = -1;
        long declared = -1;
        boolean pending = true;
        if (!sc.hasMoreTokens()) {
            if (a != n) {
                throw sc.error("the count line declares " + a + " states, but the model has " + n);
            }
            countLine = sc.lineNumber();
            declared = c;
            pending = false;
        }
        int[] cs = mdp.choiceStartArray();
        int[] ts = mdp.transitionStartArray();
        int[] succ = mdp.successorArray();
        double[] prob = mdp.probabilityArray();
        long rows = 0;
        int runChoice = -1; // the choice of the current run of rows
        double runSum = 0; // Σ p·v over the run
        double runValue = 0; // v of the run if all its rows agree, else NaN
        int runRows = 0;
        while (true) {
            if (pending) {
                pending = false;
            } else {
                if (!nextRow(sc, name)) {
                    break;
                }
                a = sc.nextLong("state");
                b = sc.nextLong("choice");
                c = sc.nextLong("successor");
            }
            double v = sc.nextDouble("reward");
            if (!Double.isFinite(v)) {
                throw sc.error("reward " + v + " is not finite");
            }
            sc.expectEndOfLine("the reward");
            if (a < 0 || a >= n) {
                throw sc.error("state " + a + " out of range 0.." + (n - 1));
            }
            int s = (int) a;
            if (b < 0 || b >= cs[s + 1] - cs[s]) {
                throw sc.error("state " + s + " has no choice " + b);
            }
            int ch = cs[s] + (int) b;
            int k = c < 0 || c >= n ? -1 : java.util.Arrays.binarySearch(succ, ts[ch], ts[ch + 1], (int) c);
            if (k < 0) {
                throw sc.error("state " + s + " choice " + b + " has no transition to " + c);
            }
            if (ch != runChoice) {
                addRun(r, ts, runChoice, runSum, runValue, runRows);
                runChoice = ch;
                runSum = 0;
                runValue = v;
                runRows = 0;
            }
            runSum += prob[k] * v;
            runValue = runValue == v ? v : Double.NaN;
            runRows++;
            rows++;
        }
        addRun(r, ts, runChoice, runSum, runValue, runRows);
        if (countLine > 0 && rows != declared) {
            throw new ModelFormatException(source, countLine, "the count line declares " + declared + " entries, but"
                    + " the file has " + rows);
        }
        return name[0];
    }

    /** Adds a run of rows of choice {@code ch}: exactly v if they give all its transitions v, else Σ p·v. */
    private static void addRun(double[] r, int[] ts, int ch, double sum, double value, int rows) {
        if (ch >= 0) {
            r[ch] += rows == ts[ch + 1] - ts[ch] && !Double.isNaN(value) ? value : sum;
        }
    }

    /**
     * Advances to the next non-comment row, picking up a structure name from '#' lines into
     * {@code name[0]} and noting in {@code name[1]} that a '#' line was seen.
     */
    private static boolean nextRow(LineScanner sc, String[] name) throws IOException {
        while (sc.nextContentLine()) {
            if (sc.peek() != '#') {
                return true;
            }
            name[1] = "#";
            String line = sc.currentLine().trim();
            String key = "Reward structure";
            int i = line.indexOf(key);
            if (i >= 0 && name[0] == null) {
                String rest = line.substring(i + key.length()).trim();
                if (rest.length() >= 2 && rest.startsWith("\"") && rest.endsWith("\"")) {
                    name[0] = rest.substring(1, rest.length() - 1);
                }
            }
        }
        return false;
    }

    private static boolean addIfPresent(List<RewardFiles> rewards, Path dir, String base) {
        Path srew = beside(dir, base + ".srew");
        Path trew = beside(dir, base + ".trew");
        if (srew != null || trew != null) {
            rewards.add(new RewardFiles(null, srew, trew));
            return true;
        }
        return false;
    }

    /** The file name without {@code .gz} and without its last extension. */
    static String stem(Path file) {
        String name = Compression.stripCompressionSuffix(file.getFileName().toString());
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
