package org.sparsemdp.generate;

import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;

/**
 * Slippery grid worlds in the style of Russell &amp; Norvig, <i>Artificial Intelligence: A Modern
 * Approach</i> (3rd ed., §17.1, the 4×3 world), of any size.
 *
 * <p>States are the non-wall cells of a {@link GridLayout}, numbered in row-major order (walls
 * skipped). Goal and trap cells are terminal (no choices). Every free cell has four actions, in
 * the order {@code N}, {@code E}, {@code S}, {@code W}: the agent moves in the intended direction
 * with probability 1 − slip and in each of the two perpendicular directions with probability
 * slip/2; a move into a wall or off the grid leaves it where it is (duplicate successors are
 * merged). The reward of a choice is the expected one: −stepCost plus, for each successor that
 * is a goal (trap) cell, its probability times the goal (trap) reward. Maximise; the initial
 * state is the start cell. With slip = 0.2, step cost 0.04, goal +1, trap −1 and γ = 1 this is
 * the book's 4×3 world, whose utilities it tabulates (Figure 17.3).
 *
 * <p>When γ = 1 every free cell must be able to reach a terminal cell (checked, because otherwise
 * its value is unbounded below); {@link GridLayout#random} layouts always satisfy this.
 *
 * <p>Generation streams at most 12 transitions per state into an {@link MdpBuilder} in state
 * order; besides the model it allocates one int per cell (the state index), so a 10^7-cell world
 * takes about 40 MB beyond the model itself. Time is linear in the number of cells.
 */
public final class GridWorldGenerator {
    /** Default slip probability (Russell &amp; Norvig's 0.8 / 0.1 / 0.1). */
    public static final double DEFAULT_SLIP = 0.2;
    /** Default cost of a step (Russell &amp; Norvig's reward −0.04 per non-terminal state). */
    public static final double DEFAULT_STEP_COST = 0.04;
    /** Default reward for entering a goal. */
    public static final double DEFAULT_GOAL_REWARD = 1.0;
    /** Default reward for entering a trap. */
    public static final double DEFAULT_TRAP_REWARD = -1.0;
    /** Default discount. */
    public static final double DEFAULT_DISCOUNT = 0.99;

    private static final String[] LABELS = {"N", "E", "S", "W"};
    private static final int[] DROW = {-1, 0, 1, 0};
    private static final int[] DCOL = {0, 1, 0, -1};

    private final GridLayout layout;
    private final double slip;
    private final double stepCost;
    private final double goalReward;
    private final double trapReward;
    private final double discount;

    /**
     * @param layout     the map
     * @param slip       probability in [0, 1) of slipping to one of the two perpendicular directions
     * @param stepCost   cost of every move, finite
     * @param goalReward reward for entering a goal cell, finite
     * @param trapReward reward for entering a trap cell, finite (usually negative)
     * @param discount   0 &lt; γ ≤ 1
     * @throws IllegalArgumentException on a parameter out of range, or when γ = 1 and a free cell
     *                                  cannot reach a terminal cell
     */
    public GridWorldGenerator(GridLayout layout, double slip, double stepCost, double goalReward, double trapReward,
                              double discount) {
        if (layout == null) {
            throw new IllegalArgumentException("grid: layout must be given");
        }
        if (!(slip >= 0 && slip < 1)) {
            throw new IllegalArgumentException("grid: slip probability must be in [0, 1), got " + slip);
        }
        if (!Double.isFinite(stepCost) || !Double.isFinite(goalReward) || !Double.isFinite(trapReward)) {
            throw new IllegalArgumentException("grid: costs and rewards must be finite");
        }
        if (!(discount > 0 && discount <= 1)) {
            throw new IllegalArgumentException("grid: the discount must be in (0, 1], got " + discount);
        }
        if (discount == 1.0) {
            boolean[] reaches = layout.reachesTerminal();
            for (int cell = 0; cell < reaches.length; cell++) {
                if (layout.cellAt(cell) == GridLayout.FREE && !reaches[cell]) {
                    throw new IllegalArgumentException("grid: with discount 1 every free cell must reach a goal or"
                            + " trap, but the cell at row " + (cell / layout.width() + 1) + ", column "
                            + (cell % layout.width() + 1) + " cannot");
                }
            }
        }
        this.layout = layout;
        this.slip = slip;
        this.stepCost = stepCost;
        this.goalReward = goalReward;
        this.trapReward = trapReward;
        this.discount = discount;
    }

    /** A generator with the default slip, costs, rewards and discount. */
    public static GridWorldGenerator withDefaults(GridLayout layout) {
        return new GridWorldGenerator(layout, DEFAULT_SLIP, DEFAULT_STEP_COST, DEFAULT_GOAL_REWARD,
                DEFAULT_TRAP_REWARD, DEFAULT_DISCOUNT);
    }

    /** The map. */
    public GridLayout layout() {
        return layout;
    }

    /** Builds the model. */
    public Mdp generate() {
        int width = layout.width();
        int height = layout.height();
        int cells = width * height;
        int[] stateOf = new int[cells];
        int numStates = 0;
        for (int cell = 0; cell < cells; cell++) {
            stateOf[cell] = layout.cellAt(cell) == GridLayout.WALL ? -1 : numStates++;
        }
        double straight = 1 - slip;
        double side = slip / 2;
        MdpBuilder b = new MdpBuilder(numStates).objective(Objective.MAXIMIZE).discount(discount)
                .initialStates(stateOf[layout.startCell()]);
        long freeCells = 0;
        long transitions = 0;
        int[] succ = new int[3];
        double[] prob = new double[3];
        for (int cell = 0; cell < cells; cell++) {
            if (layout.cellAt(cell) == GridLayout.FREE) {
                freeCells++;
                int row = cell / width;
                int col = cell - row * width;
                for (int a = 0; a < 4; a++) {
                    transitions += successors(cell, row, col, a, straight, side, succ, prob);
                }
            }
        }
        b.ensureCapacity(4 * freeCells, transitions); // exact sizes: the arrays never grow nor get trimmed
        for (int cell = 0; cell < cells; cell++) {
            if (layout.cellAt(cell) != GridLayout.FREE) {
                continue;
            }
            int row = cell / width;
            int col = cell - row * width;
            int state = stateOf[cell];
            for (int a = 0; a < 4; a++) {
                int ahead = target(cell, row, col, a);
                int left = target(cell, row, col, (a + 3) & 3);
                int right = target(cell, row, col, (a + 1) & 3);
                double r = -stepCost + straight * entryReward(ahead) + side * (entryReward(left) + entryReward(right));
                b.startChoice(state, LABELS[a], r);
                int m = successors(cell, row, col, a, straight, side, succ, prob);
                for (int i = 0; i < m; i++) {
                    b.addTransition(stateOf[succ[i]], prob[i]);
                }
                b.finishChoice();
            }
        }
        return b.build();
    }

    /**
     * The distinct cells reached by moving in direction {@code a} with their probabilities (zero
     * probabilities left out, duplicates merged), written into {@code succ}/{@code prob}; returns
     * their number. Adding them merged keeps the builder's arrays at their exact final size.
     */
    private int successors(int cell, int row, int col, int a, double straight, double side, int[] succ,
                           double[] prob) {
        succ[0] = target(cell, row, col, a);
        prob[0] = straight;
        int m = 1;
        if (side > 0) {
            m = merge(target(cell, row, col, (a + 3) & 3), side, succ, prob, m);
            m = merge(target(cell, row, col, (a + 1) & 3), side, succ, prob, m);
        }
        return m;
    }

    private static int merge(int t, double p, int[] succ, double[] prob, int m) {
        for (int i = 0; i < m; i++) {
            if (succ[i] == t) {
                prob[i] += p;
                return m;
            }
        }
        succ[m] = t;
        prob[m] = p;
        return m + 1;
    }

    /** The cell reached from {@code cell} by moving in direction {@code d}, or {@code cell} on a bump. */
    private int target(int cell, int row, int col, int d) {
        int r = row + DROW[d];
        int c = col + DCOL[d];
        if (r < 0 || r >= layout.height() || c < 0 || c >= layout.width()) {
            return cell;
        }
        int t = r * layout.width() + c;
        return layout.cellAt(t) == GridLayout.WALL ? cell : t;
    }

    private double entryReward(int cell) {
        byte type = layout.cellAt(cell);
        return type == GridLayout.GOAL ? goalReward : type == GridLayout.TRAP ? trapReward : 0.0;
    }
}
