package org.sparsemdp.bench.gradient;

import java.util.Arrays;
import org.sparsemdp.generate.SubstationRestorationGenerator;
import org.sparsemdp.model.Mdp;

/**
 * The best observation-based expected cost of a substation-restoration model, by exact dynamic
 * programming over observations. Within one observation (crew side and open interval [l, r]) the
 * fault's posterior is the prior restricted to [l, r] whatever the history, so the observation is
 * a sufficient statistic and the problem is an acyclic MDP over observations: W(o) = min over
 * actions a of cost(o, a) + Σ<sub>s∈o</sub> w(s) W(o(next(s, a))) / Σ<sub>s∈o</sub> w(s), with w(s)
 * the prior of the fault of s and W = 0 at the end. Used only by the study, as a reference.
 */
final class ObservationOptimum {
    private ObservationOptimum() {
    }

    static double of(SubstationRestorationGenerator g, Mdp mdp) {
        int n = g.numSubstations();
        int[] obs = g.observations();
        double[] weight = new double[mdp.numStates()];
        int start = g.startState();
        // the prior, from the START row: q_f is the probability of moving to (f, L, 1, N)
        double[] prior = new double[n + 1];
        for (int k = mdp.transitionStart(0); k < mdp.transitionEnd(0); k++) {
            for (int f = 1; f <= n; f++) {
                if (mdp.successor(k) == g.state(f, 0, 1, n)) {
                    prior[f] = mdp.probability(k);
                }
            }
        }
        for (int f = 1; f <= n; f++) {
            for (int l = 1; l <= f; l++) {
                for (int r = Math.max(f, l + 1); r <= n; r++) {
                    for (int side = 0; side < 2; side++) {
                        int s = g.state(f, side, l, r);
                        if (s >= 0) {
                            weight[s] = prior[f];
                        }
                    }
                }
            }
        }
        int numObs = Arrays.stream(obs).max().orElse(0) + 1;
        double[] w = new double[numObs];
        boolean[] done = new boolean[numObs];
        return n == 1 ? 0 : value(obs[g.state(1, 0, 1, n)], g, mdp, obs, weight, w, done) + 0 * start;
    }

    private static double value(int o, SubstationRestorationGenerator g, Mdp mdp, int[] obs, double[] weight,
                                double[] w, boolean[] done) {
        if (done[o]) {
            return w[o];
        }
        int rep = -1;
        double mass = 0;
        for (int s = 0; s < mdp.numStates(); s++) {
            if (obs[s] == o && !mdp.isTerminal(s)) {
                rep = rep < 0 ? s : rep;
                mass += weight[s];
            }
        }
        double best = 0;
        if (rep >= 0) {
            best = Double.POSITIVE_INFINITY;
            for (int c = mdp.choiceStart(rep); c < mdp.choiceEnd(rep); c++) {
                String label = mdp.actionLabel(c);
                double cost = mdp.reward(c);
                for (int s = 0; s < mdp.numStates(); s++) {
                    if (obs[s] == o && !mdp.isTerminal(s) && weight[s] > 0) {
                        int d = mdp.findChoice(s, label);
                        int next = mdp.successor(mdp.transitionStart(d));
                        if (!mdp.isTerminal(next)) {
                            cost += weight[s] / mass * value(obs[next], g, mdp, obs, weight, w, done);
                        }
                    }
                }
                best = Math.min(best, cost);
            }
        }
        done[o] = true;
        w[o] = best;
        return best;
    }
}
