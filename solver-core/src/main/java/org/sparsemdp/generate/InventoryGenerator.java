package org.sparsemdp.generate;

import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.MdpBuilder;
import org.sparsemdp.model.Objective;

/**
 * A single-item periodic-review inventory problem with a setup cost, as in the chapter on Markov
 * decision processes of W. L. Winston, <i>Operations Research: Applications and Algorithms</i>;
 * the seed lab {@code shared/seeds/inventory-lab.md} is one instance.
 *
 * <p>State s ∈ {0, …, C} is the inventory at the start of a period (C = capacity). Action x is the
 * number of units produced, labelled {@code Integer.toString(x)}, in increasing order; it is
 * allowed when all demand can be met and the end-of-period inventory never exceeds the capacity:
 * s + x ≥ max demand and s + x − min demand ≤ C. Demand d then occurs with probability q(d) and the
 * next state is s + x − d. The cost of (s, x) is
 * <pre>  (x &gt; 0 ? setup : 0) + unit·x + holding·h(s, x)</pre>
 * where h is the starting inventory s ({@link HoldingBasis#STARTING}, what the lab's numbers use)
 * or the expected ending inventory s + x − E[d] ({@link HoldingBasis#EXPECTED_ENDING}). Minimise
 * the discounted cost; initial state 0.
 *
 * <p>Every state has an action iff max demand − min demand ≤ C (checked). The lab is
 * {@link #lab()}: C = 3, setup 4, unit 1, holding 1 per unit of starting inventory, demand 1 or 2
 * equally likely, β = 0.8, whose optimal values are (1290/49, 1290/49, 1130/49, 1115/49).
 *
 * <p>Generation streams O(C²·|demand values|) transitions into an {@link MdpBuilder} in state
 * order. Deterministic (no randomness).
 */
public final class InventoryGenerator {
    /** Which inventory the holding cost is charged on. */
    public enum HoldingBasis {
        /** The inventory at the start of the period (the seed lab's convention). */
        STARTING,
        /** The expected inventory at the end of the period, s + x − E[d]. */
        EXPECTED_ENDING
    }

    private final int capacity;
    private final double setupCost;
    private final double unitCost;
    private final double holdingCost;
    private final HoldingBasis holdingBasis;
    private final DemandDistribution demand;
    private final double discount;

    /**
     * @param capacity     C ≥ 0, the largest end-of-period inventory
     * @param setupCost    fixed cost of a period with production, finite
     * @param unitCost     cost per unit produced, finite
     * @param holdingCost  cost per unit held, finite
     * @param holdingBasis which inventory is charged
     * @param demand       the per-period demand distribution
     * @param discount     0 &lt; β ≤ 1
     * @throws IllegalArgumentException on a parameter out of range or when max − min demand &gt; C
     */
    public InventoryGenerator(int capacity, double setupCost, double unitCost, double holdingCost,
                              HoldingBasis holdingBasis, DemandDistribution demand, double discount) {
        if (capacity < 0) {
            throw new IllegalArgumentException("inventory: capacity must be non-negative, got " + capacity);
        }
        if (!Double.isFinite(setupCost) || !Double.isFinite(unitCost) || !Double.isFinite(holdingCost)) {
            throw new IllegalArgumentException("inventory: costs must be finite");
        }
        if (holdingBasis == null || demand == null) {
            throw new IllegalArgumentException("inventory: holding basis and demand must be given");
        }
        if (demand.max() - demand.min() > capacity) {
            throw new IllegalArgumentException("inventory: demand ranges over " + demand.min() + ".." + demand.max()
                    + ", wider than the capacity " + capacity + ", so no production meets every demand without"
                    + " exceeding the capacity");
        }
        if (!(discount > 0 && discount <= 1)) {
            throw new IllegalArgumentException("inventory: the discount must be in (0, 1], got " + discount);
        }
        if ((long) capacity + demand.max() > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("inventory: capacity plus demand too large");
        }
        this.capacity = capacity;
        this.setupCost = setupCost;
        this.unitCost = unitCost;
        this.holdingCost = holdingCost;
        this.holdingBasis = holdingBasis;
        this.demand = demand;
        this.discount = discount;
    }

    /** The seed lab's instance (see the class comment). */
    public static InventoryGenerator lab() {
        return new InventoryGenerator(3, 4, 1, 1, HoldingBasis.STARTING,
                new DemandDistribution(new int[] {1, 2}, new double[] {0.5, 0.5}), 0.8);
    }

    /** The number of states, C + 1. */
    public int numStates() {
        return capacity + 1;
    }

    /** Builds the model. */
    public Mdp generate() {
        long choices = 0;
        for (int s = 0; s <= capacity; s++) {
            choices += capacity + demand.min() - s - Math.max(0, demand.max() - s) + 1;
        }
        MdpBuilder b = new MdpBuilder(capacity + 1).objective(Objective.MINIMIZE).discount(discount).initialStates(0)
                .ensureCapacity(choices, choices * demand.size());
        double meanDemand = demand.mean();
        String[] labels = new String[capacity + demand.min() + 1]; // one String per production quantity
        for (int x = 0; x < labels.length; x++) {
            labels[x] = Integer.toString(x);
        }
        for (int s = 0; s <= capacity; s++) {
            for (int x = Math.max(0, demand.max() - s); s + x - demand.min() <= capacity; x++) {
                double held = holdingBasis == HoldingBasis.STARTING ? s : s + x - meanDemand;
                double cost = (x > 0 ? setupCost : 0.0) + unitCost * x + holdingCost * held;
                b.startChoice(s, labels[x], cost);
                for (int i = demand.size() - 1; i >= 0; i--) {
                    b.addTransition(s + x - demand.value(i), demand.probability(i));
                }
                b.finishChoice();
            }
        }
        return b.build();
    }
}
