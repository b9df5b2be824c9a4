package org.sparsemdp.generate;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;

/**
 * Fault location and service restoration on a radial network (a tree): the seed problem
 * {@code shared/seeds/substation-restoration.md} with the forks its "topological assumption"
 * leaves open. A path-shaped network gives exactly the model of
 * {@link SubstationRestorationGenerator} (same states, choices, labels, costs, transitions).
 *
 * <p><b>The network.</b> A {@link RadialNetwork}: the source (location 0, energised, where the
 * crew starts) feeds the feeder head, and substations 1..N form a tree below it; substation i
 * has u_i users, the fault lies at one substation f with prior q_f, travel times d(i, j) are any
 * non-negative matrix over locations 0..N (by default distances along the tree). Every end of
 * the feeder (leaf) has a normally open tie to another energised feeder, as the line's right end
 * is a remotely controlled substation: so a fault-free part cut off from the source can be
 * re-energised from below.
 *
 * <p><b>State.</b> (f, k, C): the hidden fault f, the crew's location k and the fault candidates
 * C, a connected set of substations holding f. Everything outside C is energised, with the
 * switches facing C open; everything in C is disconnected. Initially C = all substations and
 * k = 0. The process ends (state {@code DONE}) when only the faulty substation is left out.
 *
 * <p><b>Test and switching.</b> The crew travels from k to a substation a ∈ C (action
 * {@code Integer.toString(a)}, cost d(k, a) · Σ<sub>i∈C</sub> u_i) and tests it, which tells
 * in which part of C the fault lies:
 * <ul>
 *   <li>f = a: the crew isolates a (opens all its switches); the rest of C is re-energised, from
 *       above and from below: the process ends;</li>
 *   <li>f above a (in C minus the subtree of a): the crew opens the switch above a, and the
 *       subtree part C ∩ sub(a) is re-energised from below (from an energised neighbour or a
 *       leaf's tie); C becomes C \ sub(a) and the crew is at a (just below C);</li>
 *   <li>f in the branch of a child c of a (C ∩ sub(c)): the crew opens the switch between a and
 *       c; the rest of C (a, the part above it and a's other branches) is re-energised; C becomes
 *       C ∩ sub(c) and the crew is at a (just above C).</li>
 * </ul>
 * A fork with m branches inside C thus splits C into up to m + 2 outcomes. When C shrinks to one
 * substation it is already isolated: the process ends. Re-energising is instantaneous. On a path
 * the outcomes are the line's "left of a", "at a", "right of a".
 *
 * <p><b>Numbering.</b> The observation (C, k) — everything but f — is a <em>block</em>. The
 * blocks are those reachable from (all, 0) with |C| ≥ 2, ordered by C's ascending member list
 * (lexicographically, a prefix first) and then k; state 0 is {@code START}, then each block's
 * states with f ascending, then {@code DONE}. Choices are in ascending a. {@code START}'s only
 * action {@code start} (cost 0) draws f from the prior. Reachable blocks: every connected C with
 * |C| ≥ 2, with the crew at the parent of C's top node (only for C = all when that parent is the
 * source) or at any child, outside C, of a node of C. So the number of states is
 * 2 + Σ<sub>C</sub> |C| · (#children outside C + [C = all or top(C) is not the feeder head]), which
 * for a path is the line's O(N³) and for a star grows like 2<sup>N</sup>: the constructor refuses
 * more than {@code maxStates} states.
 *
 * <p><b>Two models.</b> {@link #generate()}: the fault is part of the state, as in the line
 * generator (an MDP solver then sees it: the clairvoyant bound; policies over
 * {@link #observations()} are the seed's). {@link #generateBeliefModel()}: one state per block,
 * the fault averaged out: since tests are exact, the fault's posterior in block (C, k) is the prior
 * restricted to C, so testing a leads to each outcome with probability q(outcome)/q(C). Every
 * policy over observations has the same expected cost in both models, and the belief model's
 * optimum is the best observation-based cost — exactly, by backward induction — on networks far
 * larger than the fault-explicit model allows.
 *
 * <p>Generation is linear in the number of transitions after the blocks are enumerated (a
 * hash map over candidate sets). Reference: the seed document above.
 */
public final class SubstationTreeGenerator {
    /** Default cap on the number of states of {@link #generate()}. */
    public static final long DEFAULT_MAX_STATES = 5_000_000L;

    private final RadialNetwork network;
    private final int n;
    private final double[] users;           // index i - 1
    private final double[][] travel;
    private final double[] faultProbability; // index i - 1
    private final long[][] subtreeBits;     // sub(a) as a bit set, a = 0..n
    private final int words;
    private final CandidateBlock[] blocks;  // in model order
    private final Map<CandidateBlock, CandidateBlock> byKey;
    private final int numStates;

    /**
     * @param network          the tree
     * @param users            u_1..u_N (index i − 1), finite, non-negative
     * @param travel           d over locations 0..N ((N+1) × (N+1)), finite, non-negative
     * @param faultProbability q_1..q_N (index i − 1), non-negative, summing to 1 within 1e-9
     * @param maxStates        cap on the number of states of the fault-explicit model
     * @throws IllegalArgumentException on sizes or values out of range, or more than
     *                                  {@code maxStates} states
     */
    public SubstationTreeGenerator(RadialNetwork network, double[] users, double[][] travel,
                                   double[] faultProbability, long maxStates) {
        this.network = network;
        this.n = network.numSubstations();
        if (users.length != n || faultProbability.length != n || travel.length != n + 1) {
            throw new IllegalArgumentException("substation: " + n + " substations need " + n + " users, " + n
                    + " fault probabilities and a " + (n + 1) + "x" + (n + 1) + " travel-time matrix");
        }
        this.travel = SubstationRestorationGenerator.checkedData(users, travel, faultProbability);
        this.users = users.clone();
        this.faultProbability = faultProbability.clone();
        this.words = (n >>> 6) + 1;
        this.subtreeBits = new long[n + 1][words];
        for (int a = 0; a <= n; a++) {
            for (int x = 1; x <= n; x++) {
                if (network.inSubtree(x, a)) {
                    subtreeBits[a][x >>> 6] |= 1L << x;
                }
            }
        }
        this.byKey = new HashMap<>();
        this.blocks = enumerateBlocks(maxStates);
        int next = 1;
        for (int i = 0; i < blocks.length; i++) {
            blocks[i].index = i;
            blocks[i].base = next;
            next += blocks[i].size();
        }
        this.numStates = next + 1;
    }

    /** Distances along the tree as travel times, with the default state cap. */
    public static SubstationTreeGenerator of(RadialNetwork network, double[] users, double[] faultProbability) {
        return new SubstationTreeGenerator(network, users, network.travelTimes(), faultProbability,
                DEFAULT_MAX_STATES);
    }

    /**
     * A random instance from {@code seed}: a random feeder with {@code branches} laterals
     * ({@link RadialNetwork#randomFeederParents}), then per substation a distance from its parent
     * uniform in {1.0, 1.1, …, 3.0} and users uniform in 1..100, uniform fault prior. With no
     * laterals this draws exactly what {@link SubstationRestorationGenerator#random} draws, so it
     * gives the same model.
     */
    public static SubstationTreeGenerator random(int n, int branches, long seed, long maxStates) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] parents = RadialNetwork.randomFeederParents(n, branches, rng);
        double[] gaps = new double[n];
        double[] users = new double[n];
        for (int i = 0; i < n; i++) {
            gaps[i] = (10 + rng.nextInt(21)) / 10.0;
            users[i] = 1 + rng.nextInt(100);
        }
        double[] q = new double[n];
        Arrays.fill(q, 1.0 / n);
        RadialNetwork network = new RadialNetwork(parents, gaps);
        return new SubstationTreeGenerator(network, users, network.travelTimes(), q, maxStates);
    }

    private CandidateBlock[] enumerateBlocks(long maxStates) {
        List<CandidateBlock> found = new ArrayList<>();
        if (n >= 2) {
            long[] all = subtreeBits[0].clone();
            all[0] &= ~1L; // the source is not a substation
            ArrayDeque<CandidateBlock> work = new ArrayDeque<>();
            long states = 2;
            work.add(register(all, 0, found));
            states += n;
            while (!work.isEmpty()) {
                CandidateBlock b = work.poll();
                for (int a : b.members()) {
                    int before = found.size();
                    forEachOutcome(b, a, (part, size) -> {
                        if (size >= 2) {
                            register(part, a, found);
                        }
                    });
                    for (int i = before; i < found.size(); i++) {
                        work.add(found.get(i));
                        states += found.get(i).size();
                    }
                    if (states > maxStates) {
                        throw new IllegalArgumentException("substation: the network has more than " + maxStates
                                + " states (candidate sets of a tree multiply at forks: a fork with m branches"
                                + " gives about (branch length)^m connected sets); use fewer or shorter branches,"
                                + " or the belief model");
                    }
                }
            }
        }
        Collections.sort(found);
        return found.toArray(new CandidateBlock[0]);
    }

    private CandidateBlock register(long[] bits, int crew, List<CandidateBlock> found) {
        CandidateBlock b = new CandidateBlock(bits, crew);
        CandidateBlock known = byKey.putIfAbsent(b, b);
        if (known != null) {
            return known;
        }
        found.add(b);
        return b;
    }

    /** Receives one outcome of a test: the new candidate set (fresh array) and its size. */
    @FunctionalInterface
    private interface OutcomeSink {
        void accept(long[] part, int size);
    }

    /**
     * The outcomes other than "the fault is at a" of testing a in block b, in a fixed order: the
     * part above a (if not empty), then each child branch of a inside C (if not empty).
     */
    private void forEachOutcome(CandidateBlock b, int a, OutcomeSink sink) {
        long[] sub = subtreeBits[a];
        long[] up = new long[words];
        int upSize = 0;
        for (int w = 0; w < words; w++) {
            up[w] = b.bits[w] & ~sub[w];
            upSize += Long.bitCount(up[w]);
        }
        if (upSize > 0) {
            sink.accept(up, upSize);
        }
        for (int c : network.childrenOf(a)) {
            long[] branch = new long[words];
            int size = 0;
            for (int w = 0; w < words; w++) {
                branch[w] = b.bits[w] & subtreeBits[c][w];
                size += Long.bitCount(branch[w]);
            }
            if (size > 0) {
                sink.accept(branch, size);
            }
        }
    }

    /** The number of substations N. */
    public int numSubstations() {
        return n;
    }

    /** The network. */
    public RadialNetwork network() {
        return network;
    }

    /** The number of states of {@link #generate()}, START and DONE included. */
    public int numStates() {
        return numStates;
    }

    /** The number of blocks (observations other than START and DONE). */
    public int numBlocks() {
        return blocks.length;
    }

    /** The state START. */
    public int startState() {
        return 0;
    }

    /** The terminal state DONE of {@link #generate()}. */
    public int doneState() {
        return numStates - 1;
    }

    /**
     * The state (f, crew, candidates) of {@link #generate()}, or −1 if there is none.
     *
     * @param candidates the candidate substations, in any order
     */
    public int state(int fault, int crew, int... candidates) {
        CandidateBlock b = block(crew, candidates);
        if (b == null || fault < 1 || fault > n || (b.bits[fault >>> 6] & (1L << fault)) == 0) {
            return -1;
        }
        return b.base + b.rank(fault);
    }

    /** The state of block (crew, candidates) in {@link #generateBeliefModel()}, or −1 if there is none. */
    public int beliefState(int crew, int... candidates) {
        CandidateBlock b = block(crew, candidates);
        return b == null ? -1 : 1 + b.index;
    }

    private CandidateBlock block(int crew, int... candidates) {
        long[] bits = new long[words];
        for (int x : candidates) {
            if (x < 1 || x > n) {
                return null;
            }
            bits[x >>> 6] |= 1L << x;
        }
        return byKey.get(new CandidateBlock(bits, crew));
    }

    /** Builds the fault-explicit model (minimise, γ = 1, initial state START): see the class comment. */
    public Mdp generate() {
        long choices = 1;
        for (CandidateBlock b : blocks) {
            choices += (long) b.size() * b.size();
        }
        MdpBuilder builder = new MdpBuilder(numStates).objective(Objective.MINIMIZE).discount(1.0).initialStates(0)
                .ensureCapacity(choices, choices - 1 + startTransitions());
        builder.startChoice(0, "start", 0.0);
        if (n == 1) {
            builder.addTransition(doneState(), 1.0);
        } else {
            CandidateBlock all = initialBlock();
            for (int f = 1; f <= n; f++) {
                builder.addTransition(all.base + all.rank(f), faultProbability[f - 1]);
            }
        }
        builder.finishChoice();
        int[] next = new int[n + 1]; // successor state by fault, for one (block, a)
        for (CandidateBlock b : blocks) {
            double disconnected = disconnectedUsers(b);
            int[] m = b.members();
            // successors of every (a, f) pair: rows a, filled outcome by outcome
            int[][] successor = new int[m.length][];
            for (int ai = 0; ai < m.length; ai++) {
                int a = m[ai];
                Arrays.fill(next, doneState());
                forEachOutcome(b, a, (part, size) -> {
                    if (size >= 2) {
                        CandidateBlock o = byKey.get(new CandidateBlock(part, a));
                        for (int f : o.members()) {
                            next[f] = o.base + o.rank(f);
                        }
                    }
                });
                successor[ai] = new int[m.length];
                for (int fi = 0; fi < m.length; fi++) {
                    successor[ai][fi] = m[fi] == a ? doneState() : next[m[fi]];
                }
            }
            for (int fi = 0; fi < m.length; fi++) {
                int s = b.base + fi;
                for (int ai = 0; ai < m.length; ai++) {
                    builder.startChoice(s, Integer.toString(m[ai]), travel[b.crew][m[ai]] * disconnected);
                    builder.addTransition(successor[ai][fi], 1.0);
                    builder.finishChoice();
                }
            }
        }
        return builder.build();
    }

    /**
     * Builds the belief model: one state per block (0 = START, 1 + i = the i-th block, the last =
     * DONE), the fault averaged out (see the class comment). Minimise, γ = 1, initial state START.
     * In a block whose candidates all have prior 0 (unreachable from START) the outcomes are
     * weighted by their number of candidates instead.
     */
    public Mdp generateBeliefModel() {
        int done = blocks.length + 1;
        MdpBuilder builder = new MdpBuilder(blocks.length + 2).objective(Objective.MINIMIZE).discount(1.0)
                .initialStates(0);
        builder.startChoice(0, "start", 0.0);
        builder.addTransition(n == 1 ? done : 1 + initialBlock().index, 1.0);
        builder.finishChoice();
        for (CandidateBlock b : blocks) {
            double disconnected = disconnectedUsers(b);
            double mass = prior(b.members());
            boolean byCount = !(mass > 0);
            double total = byCount ? b.size() : mass;
            for (int a : b.members()) {
                builder.startChoice(1 + b.index, Integer.toString(a), travel[b.crew][a] * disconnected);
                double[] doneMass = {byCount ? 1 : faultProbability[a - 1]};
                forEachOutcome(b, a, (part, size) -> {
                    double w = byCount ? size : prior(part);
                    if (size == 1) {
                        doneMass[0] += w;
                    } else {
                        builder.addTransition(1 + byKey.get(new CandidateBlock(part, a)).index, w / total);
                    }
                });
                builder.addTransition(done, doneMass[0] / total);
                builder.finishChoice();
            }
        }
        return builder.build();
    }

    private CandidateBlock initialBlock() {
        long[] all = subtreeBits[0].clone();
        all[0] &= ~1L;
        return byKey.get(new CandidateBlock(all, 0));
    }

    private double disconnectedUsers(CandidateBlock b) {
        double u = 0;
        for (int i : b.members()) {
            u += users[i - 1];
        }
        return u;
    }

    private double prior(int[] members) {
        double q = 0;
        for (int i : members) {
            q += faultProbability[i - 1];
        }
        return q;
    }

    private double prior(long[] bits) {
        double q = 0;
        for (int w = 0; w < bits.length; w++) {
            for (long x = bits[w]; x != 0; x &= x - 1) {
                q += faultProbability[(w << 6) + Long.numberOfTrailingZeros(x) - 1];
            }
        }
        return q;
    }

    private int startTransitions() {
        if (n == 1) {
            return 1;
        }
        int count = 0;
        for (double q : faultProbability) {
            count += q > 0 ? 1 : 0;
        }
        return count;
    }

    /**
     * The observation of every state of {@link #generate()}: everything but the fault.
     * Observation 0 is START, 1 + i the i-th block, the last DONE; so the observation of a state
     * is its state number in {@link #generateBeliefModel()}. States with the same observation have
     * the same actions at the same costs.
     *
     * @return an array indexed by state
     */
    public int[] observations() {
        int[] obs = new int[numStates];
        for (CandidateBlock b : blocks) {
            Arrays.fill(obs, b.base, b.base + b.size(), 1 + b.index);
        }
        obs[doneState()] = blocks.length + 1;
        return obs;
    }

    /** The number of distinct observations: START, one per block, DONE. */
    public int numObservations() {
        return blocks.length + 2;
    }

    /**
     * A readable name of a state of {@link #generate()}, e.g. {@code fault=3,at=1,disconnected=2..5}
     * (candidates as runs of consecutive ids joined by {@code +}), {@code START}, {@code DONE}.
     */
    public String stateName(int s) {
        if (s == 0) {
            return "START";
        }
        if (s == doneState()) {
            return "DONE";
        }
        if (s < 0 || s > doneState()) {
            throw new IllegalArgumentException("no state " + s);
        }
        CandidateBlock b = blockOfState(s);
        return "fault=" + b.members()[s - b.base] + "," + blockName(b);
    }

    /** A readable name of a state of {@link #generateBeliefModel()}, e.g. {@code at=1,disconnected=2..5}. */
    public String beliefStateName(int s) {
        if (s == 0) {
            return "START";
        }
        if (s == blocks.length + 1) {
            return "DONE";
        }
        if (s < 0 || s > blocks.length + 1) {
            throw new IllegalArgumentException("no state " + s);
        }
        return blockName(blocks[s - 1]);
    }

    private static String blockName(CandidateBlock b) {
        return "at=" + b.crew + ",disconnected=" + b.describe();
    }

    private CandidateBlock blockOfState(int s) {
        int lo = 0;
        int hi = blocks.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (blocks[mid].base <= s) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return blocks[lo];
    }
}
