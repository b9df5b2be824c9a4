package org.sparsemdp.property;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.sparsemdp.io.LoadedModel;
import org.sparsemdp.model.Mdp;
import org.sparsemdp.result.Solution;

/**
 * What the query solvers share: the undiscounted view of a model, the reward array and name of a
 * query's reward structure, state sets as vectors, and the transformations of a solution
 * (negated, complemented) by which one objective is answered through another.
 */
final class QueryRewards {
    private QueryRewards() {
    }

    /** {@code model} with discount 1: the objectives are undiscounted ({@code C discount=g} sets its own). */
    static LoadedModel undiscounted(LoadedModel model) {
        return model.mdp().isDiscounted() ? model.withMdp(model.mdp().withDiscount(1.0)) : model;
    }

    /** Throws unless {@code solver} supports {@code query}. */
    static void requireSupported(QuerySolver solver, Query query) {
        if (!solver.supports(query)) {
            throw new IllegalArgumentException("method '" + solver.name() + "' does not answer " + query);
        }
    }

    /** The reward array of the query's structure. */
    static double[] rewards(LoadedModel model, Query query) {
        if (query.rewardStructure() != null) {
            return model.rewards(query.rewardStructure());
        }
        double[] r = model.mdp().rewardArray().clone();
        if (model.rewardStructureNames().isEmpty()) {
            boolean any = false;
            for (double x : r) {
                any |= x != 0.0;
            }
            if (!any) {
                throw new MissingRewardsException("the reward objective " + describe(query));
            }
        }
        return r;
    }

    /** The name of the query's reward structure, or "(model rewards)". */
    static String structureName(LoadedModel model, Query query) {
        if (query.rewardStructure() != null) {
            String rs = query.rewardStructure();
            List<String> names = model.rewardStructureNames();
            if (rs.matches("[0-9]+") && !names.contains(rs)) {
                int i = Integer.parseInt(rs);
                return i >= 1 && i <= names.size() ? names.get(i - 1) : rs;
            }
            return rs;
        }
        double[] current = model.mdp().rewardArray();
        for (String name : model.rewardStructureNames()) {
            if (Arrays.equals(current, model.rewards(name))) {
                return name;
            }
        }
        return "(model rewards)";
    }

    static String describe(Query query) {
        switch (query.kind()) {
            case REACH_REWARD:
                return "R[F target]";
            case TOTAL_REWARD:
                return query.isStepBounded() ? "R[C<=" + query.steps() + "]" : "R[C]";
            case INSTANTANEOUS:
                return "R[I=" + query.steps() + "]";
            case DISCOUNTED_TOTAL:
                return "R[C discount=" + query.discount() + "]";
            default:
                return "the total reward until a terminal state";
        }
    }

    /** Whether the rewards must be negated (all ≤ 0); throws for mixed signs. */
    static boolean requireOneSign(double[] r, Query query) {
        boolean pos = false;
        boolean neg = false;
        for (double x : r) {
            pos |= x > 0;
            neg |= x < 0;
        }
        if (pos && neg) {
            throw new IllegalArgumentException(describe(query) + " needs rewards of one sign, but the rewards are"
                    + " both positive and negative (the total could oscillate); ask R=? [ C<=k ], R=? [ C discount=g ]"
                    + " or give --discount G < 1");
        }
        return neg;
    }

    static BitSet terminalStates(Mdp mdp) {
        BitSet b = new BitSet(mdp.numStates());
        for (int s = 0; s < mdp.numStates(); s++) {
            if (mdp.isTerminal(s)) {
                b.set(s);
            }
        }
        return b;
    }

    static double[] indicator(BitSet set, int n) {
        double[] v = new double[n];
        for (int s = set.nextSetBit(0); s >= 0 && s < n; s = set.nextSetBit(s + 1)) {
            v[s] = 1.0;
        }
        return v;
    }

    static double[] negate(double[] v) {
        if (v == null) {
            return null;
        }
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] == 0.0 ? 0.0 : -v[i];
        }
        return out;
    }

    private static double[] oneMinus(double[] v) {
        if (v == null) {
            return null;
        }
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = 1.0 - v[i];
        }
        return out;
    }

    /** 1 − the probabilities of {@code s} (bounds swapped): P[G φ] from P[F ¬φ]. */
    static Solution complement(Solution s) {
        return s.toBuilder().method(s.method() + "-complement").values(oneMinus(s.values()))
                .bounds(oneMinus(s.upper()), oneMinus(s.lower())).build();
    }

    /** The values of {@code s} negated (bounds swapped). */
    static Solution negated(Solution s) {
        return s.toBuilder().method(s.method() + "-negated").values(negate(s.values()))
                .bounds(negate(s.upper()), negate(s.lower())).build();
    }

    /** The safety query G φ as the reachability of ¬φ in the opposite direction, with the same step bound. */
    static Query unsafeReach(Query safety, int n) {
        BitSet bad = safety.safe();
        bad.flip(0, n);
        return Query.reachProbability(null, bad, safety.steps(), safety.direction().opposite());
    }
}
