package org.sparsemdp.solve.undiscounted;

import java.util.BitSet;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.model.Objective;
import org.sparsemdp.result.Solution;
import org.sparsemdp.solve.SolverOptions;

/**
 * Expected total (cumulative) reward over the whole run, γ = 1, without a target: PRISM's and
 * Storm's {@code R[C]} ("R=? [ C ]"), with certified bounds. Rewards are per choice and must be
 * non-negative, so every policy's value lies in [0, +∞]; a run that reaches a terminal state
 * (no choices) collects nothing more.
 *
 * <p><b>Minimum</b> (Storm's reduction, {@code SparseMdpPrctlHelper::computeTotalRewards}; Baier,
 * Bertrand, Dubslaff, Gburek, Sankur, "Stochastic shortest paths and weight-bounded properties
 * in Markov decision processes", LICS 2018, §3). Let Z be the terminal states and the states of
 * the maximal end components built from zero-reward choices only. A policy with finite total
 * reward takes positive-reward choices only finitely often almost surely, so it ends in an end
 * component of zero-reward choices, i.e. reaches Z almost surely; and once in Z it can collect 0
 * forever. Hence Rmin[C] = Rmin[F Z], solved by {@link Reachability#reward} (+∞ where no policy
 * reaches Z almost surely).
 *
 * <p><b>Maximum.</b> Rmax[C](s) = +∞ iff s has a path to a maximal end component that contains
 * a positive-reward choice (cycling through it collects that reward infinitely often);
 * otherwise every end component reachable from s has only zero-reward internal choices and the
 * value is finite. States with no path to a positive-reward choice have value 0. On the rest,
 * the maximal end components are merged into single states whose choices are the members'
 * choices leaving the component (staying forever is worth 0 and is dominated by any exit, as
 * values are non-negative; a component without exit has no path to a reward and so value 0).
 * The quotient has no end components, every policy leaves it almost surely, and the Bellman
 * operator has a unique fixed point (Haddad &amp; Monmege 2018, §4; de Alfaro 1999, "Computing
 * minimum and maximum reachability times in probabilistic systems"), solved by interval
 * iteration from 0 and the {@link StepBoundedUpperBound} over all policies.
 *
 * <p>Stopping rule, bounds and reported fields as in {@link Reachability}. Sequential:
 * {@link SolverOptions#threads()} &gt; 1 is rejected ({@link org.sparsemdp.solve.ThreadsRefusedException}).
 */
public final class CumulativeReward {
    private CumulativeReward() {
    }

    /**
     * The minimal or maximal (per {@code direction}) expected total reward, one non-negative
     * reward per choice.
     *
     * @throws IllegalArgumentException if a reward is negative or not finite
     */
    public static Solution solve(Mdp mdp, double[] reward, Objective direction, SolverOptions options,
                                 boolean relative, IterationOrder order) {
        options.requireSequential(order.methodName());
        Reachability.requireNonNegative(mdp, reward, "cumulative");
        Solution s = bounds(mdp, reward, direction, options, relative, order);
        if (!Double.isNaN(s.policyBound())) {
            return s; // certified by the run itself (exit-rate bounds)
        }
        SolverOptions rest = PolicyCertificate.remaining(options, s);
        return PolicyCertificate.certify(mdp, reward, s, direction == Objective.MAXIMIZE,
                chain -> bounds(chain, chain.rewardArray(), direction, rest, relative, IterationOrder.GLOBAL));
    }

    private static Solution bounds(Mdp mdp, double[] reward, Objective direction, SolverOptions options,
                                   boolean relative, IterationOrder order) {
        return direction == Objective.MINIMIZE ? minimum(mdp, reward, options, relative, order)
                : maximum(mdp, reward, options, relative, order);
    }

    private static Solution minimum(Mdp mdp, double[] reward, SolverOptions options, boolean relative,
                                    IterationOrder order) {
        int n = mdp.numStates();
        BitSet all = new BitSet(n);
        all.set(0, n);
        BitSet zeroChoices = zeroRewardChoices(reward);
        EndComponents zeroEcs = EndComponents.maximal(mdp, all, zeroChoices);
        BitSet z = new BitSet(n);
        for (int s = 0; s < n; s++) {
            if (mdp.isTerminal(s) || zeroEcs.componentOf(s) >= 0) {
                z.set(s);
            }
        }
        Solution s = Reachability.rewardBounds(mdp, reward, z, Objective.MINIMIZE, options, relative, order,
                "cumulative-");
        // In Z: stay in the zero-reward end component forever.
        int[] policy = s.policy();
        int[] cs = mdp.choiceStartArray();
        for (int st = 0; st < n; st++) {
            if (zeroEcs.componentOf(st) >= 0) {
                for (int c = cs[st]; c < cs[st + 1]; c++) {
                    if (zeroEcs.isInternal(c)) {
                        policy[st] = c;
                        break;
                    }
                }
            }
        }
        return s;
    }

    private static Solution maximum(Mdp mdp, double[] reward, SolverOptions options, boolean relative,
                                    IterationOrder order) {
        long start = System.nanoTime();
        int n = mdp.numStates();
        int[] cs = mdp.choiceStartArray();
        GraphAnalysis g = new GraphAnalysis(mdp);
        BitSet all = new BitSet(n);
        all.set(0, n);
        EndComponents mecs = EndComponents.maximal(mdp, all, null);
        BitSet positiveEc = new BitSet(n);
        BitSet ownsPositive = new BitSet(n);
        for (int s = 0; s < n; s++) {
            for (int c = cs[s]; c < cs[s + 1]; c++) {
                if (reward[c] > 0) {
                    ownsPositive.set(s);
                    if (mecs.isInternal(c)) {
                        positiveEc.set(s);
                    }
                }
            }
        }
        // every state of a MEC holding a positive internal choice reaches that choice
        BitSet infinite = g.existsPathTo(positiveEc, null);
        BitSet zero = g.existsPathTo(ownsPositive, null);
        zero.flip(0, n);
        double[] known = new double[n];
        BitSet maybe = new BitSet(n);
        for (int s = 0; s < n; s++) {
            if (infinite.get(s)) {
                known[s] = Double.POSITIVE_INFINITY;
            } else if (!zero.get(s)) {
                maybe.set(s);
            }
        }
        int[] policy = Reachability.firstChoices(mdp);
        unboundedPolicy(mdp, g, mecs, reward, infinite, policy);
        EndComponents merged = EndComponents.maximal(mdp, maybe, null);
        ReducedSystem sys = ReducedSystem.build(mdp, maybe, known, null, merged, reward);
        double[] lower = new double[sys.numStates];
        IterationOrder run = Reachability.rewardOrder(order, sys);
        double[] upper = Reachability.initialUpper(sys, null, run, options, start);
        IntervalIteration.Result r = Reachability.iterate(run, sys, true, lower, upper, options, relative, start);
        return Reachability.finish(mdp, g, sys, merged, true, known, lower, upper, r, start,
                Reachability.name(order, "cumulative-max", relative), policy);
    }

    /**
     * A policy with infinite total reward on {@code infinite}: in a MEC with a positive internal
     * choice, that choice at its owner and a walk to an owner by internal choices elsewhere (so
     * the run stays in the MEC and takes the positive choice infinitely often, almost surely);
     * outside, the attractor towards those MECs (reached with positive probability).
     */
    private static void unboundedPolicy(Mdp mdp, GraphAnalysis g, EndComponents mecs, double[] reward,
                                        BitSet infinite, int[] policy) {
        int n = mdp.numStates();
        int[] cs = mdp.choiceStartArray();
        boolean[] positiveComponent = new boolean[mecs.count()];
        BitSet owners = new BitSet(n);
        for (int s = infinite.nextSetBit(0); s >= 0; s = infinite.nextSetBit(s + 1)) {
            for (int c = cs[s]; c < cs[s + 1]; c++) {
                if (reward[c] > 0 && mecs.isInternal(c)) {
                    policy[s] = c;
                    owners.set(s);
                    positiveComponent[mecs.componentOf(s)] = true;
                    break;
                }
            }
        }
        BitSet inPositive = new BitSet(n);
        for (int s = infinite.nextSetBit(0); s >= 0; s = infinite.nextSetBit(s + 1)) {
            if (mecs.componentOf(s) >= 0 && positiveComponent[mecs.componentOf(s)]) {
                inPositive.set(s);
            }
        }
        g.attract(owners, inPositive, mecs.internalChoices(), policy);
        BitSet any = new BitSet(mdp.numChoices());
        any.set(0, mdp.numChoices());
        g.attract(owners, infinite, any, policy);
    }

    private static BitSet zeroRewardChoices(double[] reward) {
        BitSet z = new BitSet(reward.length);
        for (int c = 0; c < reward.length; c++) {
            if (reward[c] == 0.0) {
                z.set(c);
            }
        }
        return z;
    }
}
