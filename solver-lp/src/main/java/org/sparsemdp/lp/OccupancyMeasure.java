package org.sparsemdp.lp;

import org.sparsemdp.model.Mdp;

/**
 * A discounted occupancy measure x(s,a) = Σ_t γ^t Pr(S_t = s, A_t = a) from the initial
 * distribution ρ0, and the stationary randomised policy it induces,
 * π(a|s) = x(s,a) / Σ_a' x(s,a') (Puterman 1994, Theorem 6.9.1; Altman 1999, ch. 3). In a state
 * with (numerically) zero occupancy, π puts all mass on the choice whose LP reduced cost is the
 * tightest, which for an unconstrained MDP is the greedy choice.
 *
 * <p>Both arrays are indexed by global choice index and returned without copying; an instance
 * is owned by its caller.
 */
public final class OccupancyMeasure {
    private final double[] occupancy;
    private final double[] policy;

    OccupancyMeasure(double[] occupancy, double[] policy) {
        this.occupancy = occupancy;
        this.policy = policy;
    }

    /** x(c) per choice (clipped at 0: first-order backends may return tiny negatives). */
    public double[] occupancy() {
        return occupancy;
    }

    /** π(c) per choice; sums to one over the choices of every non-terminal state. */
    public double[] policy() {
        return policy;
    }

    /** Σ_a x(s,a): the expected discounted number of visits to state s. */
    public double stateOccupancy(Mdp mdp, int s) {
        double sum = 0;
        for (int c = mdp.choiceStart(s); c < mdp.choiceEnd(s); c++) {
            sum += occupancy[c];
        }
        return sum;
    }

    /**
     * Builds x and π from an LP solution.
     *
     * @param x             LP values of the occupancy variables (one per choice)
     * @param reducedCosts  reduced costs of those variables, for the fallback choice
     * @param minimize      whether the LP minimises (then the tightest choice has the smallest
     *                      reduced cost, else the largest)
     */
    static OccupancyMeasure of(Mdp mdp, double[] x, double[] reducedCosts, boolean minimize) {
        int numChoices = mdp.numChoices();
        double[] occ = new double[numChoices];
        double total = 0;
        for (int c = 0; c < numChoices; c++) {
            occ[c] = Math.max(0.0, x[c]);
            total += occ[c];
        }
        double zero = 1e-9 * total / Math.max(1, mdp.numStates());
        double[] pi = new double[numChoices];
        for (int s = 0, n = mdp.numStates(); s < n; s++) {
            int begin = mdp.choiceStart(s);
            int end = mdp.choiceEnd(s);
            if (begin == end) {
                continue;
            }
            double sum = 0;
            for (int c = begin; c < end; c++) {
                sum += occ[c];
            }
            if (sum > zero) {
                for (int c = begin; c < end; c++) {
                    pi[c] = occ[c] / sum;
                }
            } else {
                int best = begin;
                for (int c = begin + 1; c < end; c++) {
                    if (minimize ? reducedCosts[c] < reducedCosts[best] : reducedCosts[c] > reducedCosts[best]) {
                        best = c;
                    }
                }
                pi[best] = 1.0;
            }
        }
        return new OccupancyMeasure(occ, pi);
    }
}
