package org.sparsemdp.solve.undiscounted;

import java.time.Duration;
import java.util.List;
import org.sparsemdp.solve.SolverOptions;
import java.util.function.Function;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.result.Solution;

/**
 * Certifies the policy of an undiscounted solution by evaluating it soundly: the Markov chain
 * the policy induces (the model with only the chosen choice in each state) is solved for the
 * same objective by the same graph analysis and interval iteration, which give certified bounds
 * [l<sup>π</sup>, u<sup>π</sup>] on the policy's values. With the optimum's bounds [l*, u*],
 * the loss of the policy is at most u* − l<sup>π</sup> (max) or u<sup>π</sup> − l* (min) in every
 * state, and {@link Solution#policyBound()} is the largest of these (∞ − ∞ counts as 0: both the
 * optimum and the policy are certified infinite). This is the evaluation step of policy
 * iteration for these objectives (Baier, Klein, Leuschner, Parker, Wunderlich, CAV 2017, §5),
 * used here as a proof rather than an improvement step; it roughly doubles the solve time.
 */
final class PolicyCertificate {
    private PolicyCertificate() {
    }

    /**
     * The solution with its policy bound set from {@code evaluate} applied to the policy's chain.
     *
     * @param reward the per-choice reward of the objective (carried into the chain)
     * @param max    whether the objective is maximised
     */
    static Solution certify(Mdp mdp, double[] reward, Solution optimal, boolean max,
                            Function<Mdp, Solution> evaluate) {
        Solution ofPolicy = evaluate.apply(chain(mdp, optimal.policy(), reward));
        double[] lo = optimal.lower();
        double[] hi = optimal.upper();
        double[] pl = ofPolicy.lower();
        double[] pu = ofPolicy.upper();
        double bound = 0;
        for (int s = 0; s < lo.length; s++) {
            bound = Math.max(bound, max ? loss(hi[s], pl[s]) : loss(pu[s], lo[s]));
        }
        return Solution.builder().method(optimal.method()).status(optimal.status()).accuracy(optimal.accuracy())
                .values(optimal.values()).bounds(lo, hi).policy(optimal.policy()).iterations(optimal.iterations())
                .residual(optimal.residual()).errorBound(optimal.errorBound()).policyBound(bound)
                .seconds(optimal.seconds() + ofPolicy.seconds()).build();
    }

    /**
     * The options for the certificate's solve: the same, with the time limit reduced by the time
     * the optimal solve took (at least 1 ns), so that solve and certificate together honour it; a
     * certificate stopped by the limit still gives a valid (wider) policy bound.
     */
    static SolverOptions remaining(SolverOptions options, Solution optimal) {
        if (options.timeLimit() == null) {
            return options;
        }
        long left = options.timeLimit().toNanos() - (long) (optimal.seconds() * 1e9);
        return options.toBuilder().timeLimit(Duration.ofNanos(Math.max(1, left))).build();
    }

    /** a − b, at least 0, with ∞ − ∞ = 0. */
    private static double loss(double a, double b) {
        return a == b ? 0.0 : Math.max(0.0, a - b);
    }

    /**
     * The Markov chain of a deterministic policy as a one-choice-per-state model with the given
     * per-choice rewards (terminal states stay terminal; the objective, discount and initial
     * states are kept).
     */
    static Mdp chain(Mdp mdp, int[] policy, double[] rew) {
        int n = mdp.numStates();
        int[] ts = mdp.transitionStartArray();
        int[] succ = mdp.successorArray();
        double[] prob = mdp.probabilityArray();
        int[] choiceStart = new int[n + 1];
        int choices = 0;
        long transitions = 0;
        for (int s = 0; s < n; s++) {
            choiceStart[s] = choices;
            if (policy[s] >= 0) {
                choices++;
                transitions += ts[policy[s] + 1] - ts[policy[s]];
            }
        }
        choiceStart[n] = choices;
        int[] transStart = new int[choices + 1];
        int[] successor = new int[(int) transitions];
        double[] probability = new double[(int) transitions];
        double[] reward = new double[choices];
        int[] actionIndex = new int[choices];
        int c = 0;
        int w = 0;
        for (int s = 0; s < n; s++) {
            int a = policy[s];
            if (a < 0) {
                continue;
            }
            reward[c] = rew[a];
            actionIndex[c] = -1;
            for (int k = ts[a]; k < ts[a + 1]; k++) {
                successor[w] = succ[k];
                // MdpBuilder may keep a merged duplicate at 1 + 1 ulp; fromArrays wants (0, 1]
                probability[w++] = Math.min(prob[k], 1.0);
            }
            transStart[++c] = w;
        }
        return Mdp.fromArrays(n, choiceStart, transStart, successor, probability, reward, actionIndex, List.of(),
                mdp.objective(), mdp.discount(), mdp.initialStates());
    }
}
