package org.sparsemdp.generate;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;

/**
 * Fault location and service restoration on a distribution line: the seed problem
 * {@code shared/seeds/substation-restoration.md}.
 *
 * <p><b>The problem.</b> Substations 1..N (N &lt; 20) lie on a line between two remotely
 * controlled substations (the left and right ends, always energised). A fault at one substation f
 * has tripped both ends, so all N are disconnected; f is unknown (prior probabilities q_f). A
 * crew starts at the left end (location 0) and visits substations; location i has u_i users and
 * travelling from location i to j takes d(i, j) (any non-negative matrix over locations 0..N;
 * {@link #onLine} uses distances along the line). Minimise the expected sum, over the trips, of
 * travel time × users still disconnected during the trip (γ = 1).
 *
 * <p><b>How the instrumental test splits the interval.</b> The disconnected substations always
 * form an interval [l, r] that contains f, and everything outside it is energised with the
 * switches facing the interval open. The crew, at location k, travels to a substation a ∈ [l, r]
 * (the action, labelled {@code Integer.toString(a)}) and tests it, which tells whether the fault
 * is left of a, right of a, or at a:
 * <ul>
 *   <li>f &lt; a: the crew opens the switch on a's left and a..r are re-energised from the right;
 *       the interval becomes [l, a − 1] and the crew is at a = (a − 1) + 1, its right
 *       neighbour;</li>
 *   <li>f &gt; a: symmetrically the interval becomes [a + 1, r], crew at its left neighbour a;</li>
 *   <li>f = a: the crew isolates a (opens both its switches) and both sides [l, a − 1] and
 *       [a + 1, r] are re-energised: the process ends.</li>
 * </ul>
 * When the interval shrinks to the single substation f, that substation is already isolated
 * (both neighbouring switches are open) and everything else is energised: the process ends too.
 * Re-energising by switching is taken as instantaneous. So the process ends exactly when every
 * substation except the (isolated) faulty one is reconnected, and the cost of a trip is
 * d(k, a) · Σ_{i=l..r} u_i (the faulty substation's users count while its interval is open).
 *
 * <p><b>States.</b> Because the crew is always next to the interval, the state (f, k, [l, r]) is
 * (f, side, l, r) with k = l − 1 (side L) or k = r + 1 (side R): O(N³) states, O(N) actions each,
 * one transition per choice. Numbering: state 0 is {@code START}; then, for l = 1..N, r = l+1..N,
 * side L before R, the valid blocks, each holding f = l..r; the last state is {@code DONE}
 * (terminal). Side L with l = 1 exists only for [1, N] (the crew at the left end, before the first
 * trip); side R needs r &lt; N. Intervals of length 1 are not states (they end the process).
 *
 * <p><b>The initial distribution.</b> {@link Mdp} has initial states, not an initial distribution,
 * so the model starts in the single state {@code START}, whose only action {@code start} (cost
 * 0) draws the fault f with probability q_f and moves to (f, L, 1, N). For N = 1 it moves to
 * {@code DONE}. The value of {@code START} under a policy is the expected cost over the prior.
 * Note that an MDP solver sees f, so the optimal MDP value is the clairvoyant lower bound; a
 * policy that may only use the {@link #observations() observation} (everything but f) is what
 * the seed's policy-gradient study optimises.
 *
 * <p>Generation is linear in the number of transitions. Reference: the seed document above
 * (the model there is stated for a line; {@link SubstationTreeGenerator} handles radial networks
 * with forks and gives exactly this model on a path).
 */
public final class SubstationRestorationGenerator {
    /** The largest number of substations (the seed says N &lt; 20). */
    public static final int MAX_SUBSTATIONS = 19;

    private final int n;
    private final double[] users;
    private final double[][] travel;
    private final double[] faultProbability;
    private final int[] blockBase; // (l, r, side) -> first state of its block, or -1
    private final int numStates;

    /**
     * @param users            u_1..u_N (index i − 1), non-negative and finite
     * @param travel           d over locations 0..N ((N+1) × (N+1)), non-negative and finite
     * @param faultProbability q_1..q_N (index i − 1), non-negative, summing to 1 within 1e-9
     * @throws IllegalArgumentException on sizes or values out of range
     */
    public SubstationRestorationGenerator(double[] users, double[][] travel, double[] faultProbability) {
        n = users.length;
        if (n < 1 || n > MAX_SUBSTATIONS) {
            throw new IllegalArgumentException("substation: the number of substations must be in 1.." + MAX_SUBSTATIONS
                    + ", got " + n);
        }
        if (travel.length != n + 1 || faultProbability.length != n) {
            throw new IllegalArgumentException("substation: need a " + (n + 1) + "x" + (n + 1)
                    + " travel-time matrix and " + n + " fault probabilities");
        }
        this.travel = checkedData(users, travel, faultProbability);
        this.users = users.clone();
        this.faultProbability = faultProbability.clone();
        this.blockBase = new int[(n + 2) * (n + 2) * 2];
        Arrays.fill(blockBase, -1);
        int next = 1; // state 0 is START
        for (int l = 1; l <= n; l++) {
            for (int r = l + 1; r <= n; r++) {
                for (int side = 0; side < 2; side++) {
                    if (isValidBlock(l, r, side)) {
                        blockBase[blockIndex(l, r, side)] = next;
                        next += r - l + 1;
                    }
                }
            }
        }
        this.numStates = next + 1; // DONE
    }

    /**
     * Substations on a line: location i at {@code positions[i]} (index 0 the left end, where the
     * crew starts), d(i, j) = |positions[i] − positions[j]|; the fault equally likely anywhere.
     */
    public static SubstationRestorationGenerator onLine(double[] positions, double[] users) {
        int n = users.length;
        if (positions.length != n + 1) {
            throw new IllegalArgumentException("substation: need " + (n + 1) + " positions (the left end and "
                    + n + " substations), got " + positions.length);
        }
        double[][] d = new double[n + 1][n + 1];
        for (int i = 0; i <= n; i++) {
            for (int j = 0; j <= n; j++) {
                d[i][j] = Math.abs(positions[i] - positions[j]);
            }
        }
        double[] q = new double[n];
        Arrays.fill(q, 1.0 / n);
        return new SubstationRestorationGenerator(users, d, q);
    }

    /**
     * A random instance on a line from {@code seed}: gaps between consecutive locations drawn
     * uniformly from {1.0, 1.1, …, 3.0}, users uniformly from 1..100, uniform fault prior.
     */
    public static SubstationRestorationGenerator random(int n, long seed) {
        if (n < 1 || n > MAX_SUBSTATIONS) {
            throw new IllegalArgumentException("substation: the number of substations must be in 1.." + MAX_SUBSTATIONS
                    + ", got " + n);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] positions = new double[n + 1];
        double[] users = new double[n];
        for (int i = 1; i <= n; i++) {
            positions[i] = positions[i - 1] + (10 + rng.nextInt(21)) / 10.0;
            users[i - 1] = 1 + rng.nextInt(100);
        }
        return onLine(positions, users);
    }

    /**
     * Checks the data of N = {@code users.length} substations (sizes already checked): users and
     * fault probabilities finite and non-negative, probabilities summing to 1 within 1e-9, every
     * travel time finite and non-negative in an (N+1) × (N+1) matrix.
     *
     * @return a copy of {@code travel}
     * @throws IllegalArgumentException naming the first value out of range
     */
    static double[][] checkedData(double[] users, double[][] travel, double[] faultProbability) {
        int n = users.length;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            requireNonNegative(users[i], "users of substation " + (i + 1));
            requireNonNegative(faultProbability[i], "fault probability of substation " + (i + 1));
            sum += faultProbability[i];
        }
        if (Math.abs(sum - 1) > 1e-9) {
            throw new IllegalArgumentException("substation: fault probabilities sum to " + sum + ", not 1");
        }
        double[][] copy = new double[n + 1][];
        for (int i = 0; i <= n; i++) {
            if (travel[i].length != n + 1) {
                throw new IllegalArgumentException("substation: travel-time row " + i + " has " + travel[i].length
                        + " entries, need " + (n + 1));
            }
            for (int j = 0; j <= n; j++) {
                requireNonNegative(travel[i][j], "travel time from " + i + " to " + j);
            }
            copy[i] = travel[i].clone();
        }
        return copy;
    }

    static void requireNonNegative(double x, String what) {
        if (!(x >= 0) || !Double.isFinite(x)) {
            throw new IllegalArgumentException("substation: " + what + " must be finite and non-negative, got " + x);
        }
    }

    private boolean isValidBlock(int l, int r, int side) {
        return side == 0 ? (l >= 2 || r == n) : r < n;
    }

    private int blockIndex(int l, int r, int side) {
        return (l * (n + 2) + r) * 2 + side;
    }

    /** The number of substations N. */
    public int numSubstations() {
        return n;
    }

    /** The number of states of the model, START and DONE included. */
    public int numStates() {
        return numStates;
    }

    /** The state START. */
    public int startState() {
        return 0;
    }

    /** The terminal state DONE. */
    public int doneState() {
        return numStates - 1;
    }

    /**
     * The state (f, side, l, r), side 0 = L (crew at l − 1), 1 = R (crew at r + 1), or -1 if there
     * is no such state.
     */
    public int state(int fault, int side, int l, int r) {
        if (l < 1 || r > n || r <= l || fault < l || fault > r || side < 0 || side > 1) {
            return -1;
        }
        int base = blockBase[blockIndex(l, r, side)];
        return base < 0 ? -1 : base + fault - l;
    }

    /** Builds the model (minimise, γ = 1, initial state START). */
    public Mdp generate() {
        long choices = 1;
        for (int l = 1; l <= n; l++) {
            for (int r = l + 1; r <= n; r++) {
                for (int side = 0; side < 2; side++) {
                    if (isValidBlock(l, r, side)) {
                        choices += (long) (r - l + 1) * (r - l + 1);
                    }
                }
            }
        }
        MdpBuilder b = new MdpBuilder(numStates).objective(Objective.MINIMIZE).discount(1.0).initialStates(0)
                .ensureCapacity(choices, choices - 1 + startTransitions()); // exact: no growth, no trim
        b.startChoice(0, "start", 0.0);
        if (n == 1) {
            b.addTransition(doneState(), 1.0);
        } else {
            for (int f = 1; f <= n; f++) {
                b.addTransition(state(f, 0, 1, n), faultProbability[f - 1]);
            }
        }
        b.finishChoice();
        double[] prefixUsers = new double[n + 1];
        for (int i = 1; i <= n; i++) {
            prefixUsers[i] = prefixUsers[i - 1] + users[i - 1];
        }
        for (int l = 1; l <= n; l++) {
            for (int r = l + 1; r <= n; r++) {
                double disconnected = prefixUsers[r] - prefixUsers[l - 1];
                for (int side = 0; side < 2; side++) {
                    if (!isValidBlock(l, r, side)) {
                        continue;
                    }
                    int at = side == 0 ? l - 1 : r + 1;
                    for (int f = l; f <= r; f++) {
                        int s = state(f, side, l, r);
                        for (int a = l; a <= r; a++) {
                            b.startChoice(s, Integer.toString(a), travel[at][a] * disconnected);
                            b.addTransition(next(f, a, l, r), 1.0);
                            b.finishChoice();
                        }
                    }
                }
            }
        }
        return b.build();
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

    /** The state after testing substation a in interval [l, r] with the fault at f. */
    private int next(int f, int a, int l, int r) {
        if (f == a) {
            return doneState();
        }
        if (f < a) {
            return a - 1 == l ? doneState() : state(f, 1, l, a - 1);
        }
        return a + 1 == r ? doneState() : state(f, 0, a + 1, r);
    }

    /**
     * The observation of every state: everything but the fault position. Observation 0 is START,
     * observation 1 + i is the i-th valid block (l, r, side) in the numbering of the class
     * comment (all its states share it), and the last observation is DONE. States with the same
     * observation have the same actions with the same costs.
     *
     * @return an array indexed by state
     */
    public int[] observations() {
        int[] obs = new int[numStates];
        int block = 0;
        for (int l = 1; l <= n; l++) {
            for (int r = l + 1; r <= n; r++) {
                for (int side = 0; side < 2; side++) {
                    if (isValidBlock(l, r, side)) {
                        block++;
                        for (int f = l; f <= r; f++) {
                            obs[state(f, side, l, r)] = block;
                        }
                    }
                }
            }
        }
        obs[doneState()] = block + 1;
        return obs;
    }

    /** The number of distinct observations: START, one per valid block (l, r, side), DONE. */
    public int numObservations() {
        return observations()[doneState()] + 1;
    }

    /** A readable name of a state, e.g. {@code fault=3,at=1,disconnected=2..5}, {@code START}, {@code DONE}. */
    public String stateName(int s) {
        if (s == 0) {
            return "START";
        }
        if (s == doneState()) {
            return "DONE";
        }
        for (int l = 1; l <= n; l++) {
            for (int r = l + 1; r <= n; r++) {
                for (int side = 0; side < 2; side++) {
                    int base = blockBase[blockIndex(l, r, side)];
                    if (base >= 0 && s >= base && s <= base + r - l) {
                        return "fault=" + (l + s - base) + ",at=" + (side == 0 ? l - 1 : r + 1) + ",disconnected="
                                + l + ".." + r;
                    }
                }
            }
        }
        throw new IllegalArgumentException("no state " + s);
    }
}
