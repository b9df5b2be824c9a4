package org.sparsemdp.model;

import java.util.Arrays;
import java.util.List;

/**
 * Builds an {@link Mdp} from raw CSR arrays whose rows may still be unsorted, contain duplicate
 * successors or zero probabilities, or sum to 1 only within a tolerance — the form binary and
 * buffered readers produce. One pass over every choice, in place: successors are range-checked,
 * probabilities checked to lie in [0, 1], a row that is not already strictly increasing with
 * positive probabilities is sorted by successor (insertion sort for short rows, quicksort
 * otherwise), duplicates are merged and zeros dropped, the sum is checked against the tolerance
 * and the row renormalised when it is off by more than {@value MdpBuilder#RENORMALISE_THRESHOLD}
 * — the rules of {@link MdpBuilder}, which shares the per-row sort. Because every invariant of
 * {@link Mdp} is established here, the arrays are then wrapped without the second validation pass
 * of {@link Mdp#fromArrays}, and without a copy unless merging shortened the branch arrays (a
 * single trimming copy).
 */
public final class CanonicalRows {
    private static final int INSERTION_SORT_MAX = 24;

    private CanonicalRows() {
    }

    /**
     * Canonicalises every choice in place (see the class comment) and returns the model, taking
     * ownership of the arrays; {@code transStart} is rewritten when rows shrink.
     *
     * @param tolerance accepted |Σ p − 1| of a choice
     * @throws InvalidModelException naming the first offending state and choice
     */
    public static Mdp toMdp(int numStates, int[] choiceStart, int[] transStart, int[] successor,
                            double[] probability, double[] reward, int[] actionIndex, List<String> actionLabels,
                            Objective objective, double discount, int[] initialStates, double tolerance) {
        ModelChecks.checkDiscount(discount);
        if (objective == null) {
            throw new InvalidModelException("objective must be given");
        }
        ModelChecks.checkInitialStates(initialStates, numStates);
        checkShape(numStates, choiceStart, transStart, successor, probability, reward, actionIndex);
        int numLabels = actionLabels.size();
        int w = 0;
        for (int s = 0; s < numStates; s++) {
            int firstChoice = choiceStart[s];
            int endChoice = choiceStart[s + 1];
            if (endChoice < firstChoice) {
                throw new InvalidModelException("state " + s + ": choiceStart is decreasing");
            }
            for (int c = firstChoice; c < endChoice; c++) {
                int begin = transStart[c];
                int end = transStart[c + 1];
                if (end < begin) {
                    throw new InvalidModelException(ModelChecks.where(s, c) + "transStart is decreasing");
                }
                if (!Double.isFinite(reward[c])) {
                    throw new InvalidModelException(ModelChecks.where(s, c) + "reward " + reward[c] + " is not finite");
                }
                if (actionIndex[c] < -1 || actionIndex[c] >= numLabels) {
                    throw new InvalidModelException(ModelChecks.where(s, c) + "action index " + actionIndex[c]
                            + " out of range");
                }
                transStart[c] = w;
                w = canonicalRow(s, c, numStates, successor, probability, begin, end, w, tolerance);
            }
        }
        transStart[transStart.length - 1] = w;
        int[] succ = successor;
        double[] prob = probability;
        if (w < successor.length) {
            succ = Arrays.copyOf(successor, w);
            prob = Arrays.copyOf(probability, w);
        }
        return Mdp.trusted(numStates, choiceStart, transStart, succ, prob, reward, actionIndex, actionLabels,
                objective, discount, initialStates);
    }

    private static void checkShape(int numStates, int[] choiceStart, int[] transStart, int[] successor,
                                   double[] probability, double[] reward, int[] actionIndex) {
        if (numStates <= 0) {
            throw new InvalidModelException("a model needs at least one state, got " + numStates);
        }
        int numChoices = transStart.length - 1;
        if (choiceStart.length != numStates + 1 || choiceStart[0] != 0 || choiceStart[numStates] != numChoices) {
            throw new InvalidModelException("choiceStart must have length S+1 = " + (numStates + 1)
                    + ", start at 0 and end at the number of choices " + numChoices);
        }
        if (numChoices < 0 || transStart[0] != 0) {
            throw new InvalidModelException("transStart must start at 0");
        }
        if (reward.length != numChoices || actionIndex.length != numChoices) {
            throw new InvalidModelException("reward and actionIndex must have one entry per choice");
        }
        if (successor.length != probability.length || transStart[numChoices] != successor.length) {
            throw new InvalidModelException("transStart[C] must equal the number of transitions");
        }
    }

    /**
     * Canonicalises the row [begin, end) and moves it to start at {@code w} (≤ begin); returns
     * the new end. The common case — successors strictly increasing and in range, probabilities
     * in (0, 1] — is recognised by one branch-free loop that also sums the row.
     */
    private static int canonicalRow(int s, int c, int numStates, int[] succ, double[] prob, int begin, int end,
                                    int w, double tolerance) {
        boolean canonical = true;
        int previous = -1;
        double sum = 0;
        for (int k = begin; k < end; k++) {
            int t = succ[k];
            double p = prob[k];
            canonical &= (t > previous) & (t < numStates) & (p > 0.0) & (p <= 1.0);
            previous = t;
            sum += p;
        }
        int rowStart = w;
        if (canonical && end > begin) {
            if (w != begin) {
                System.arraycopy(succ, begin, succ, w, end - begin);
                System.arraycopy(prob, begin, prob, w, end - begin);
            }
            w += end - begin;
        } else {
            checkEntries(s, c, numStates, succ, prob, begin, end);
            sortBySuccessor(succ, prob, begin, end);
            sum = 0;
            for (int k = begin; k < end; k++) {
                double p = prob[k];
                if (p == 0.0) {
                    continue;
                }
                if (w > rowStart && succ[w - 1] == succ[k]) {
                    prob[w - 1] += p;
                } else {
                    succ[w] = succ[k];
                    prob[w] = p;
                    w++;
                }
                sum += p;
            }
            if (w == rowStart) {
                throw new InvalidModelException(ModelChecks.where(s, c) + "a choice needs at least one transition"
                        + " with positive probability");
            }
        }
        if (Math.abs(sum - 1.0) > tolerance) {
            throw new InvalidModelException(ModelChecks.where(s, c) + "probabilities sum to " + sum
                    + ", not 1 (tolerance " + tolerance + ")");
        }
        if (Math.abs(sum - 1.0) > MdpBuilder.RENORMALISE_THRESHOLD) {
            for (int k = rowStart; k < w; k++) {
                prob[k] /= sum;
            }
        }
        return w;
    }

    /** The slow path's range checks: successors in range, probabilities in [0, 1]. */
    private static void checkEntries(int s, int c, int numStates, int[] succ, double[] prob, int begin, int end) {
        for (int k = begin; k < end; k++) {
            int t = succ[k];
            double p = prob[k];
            if (t < 0 || t >= numStates) {
                throw new InvalidModelException(ModelChecks.where(s, c) + "successor " + t + " out of range 0.."
                        + (numStates - 1));
            }
            if (!(p >= 0.0 && p <= 1.0)) {
                throw new InvalidModelException(ModelChecks.where(s, c) + "probability " + p + " of successor " + t
                        + " is not in [0, 1]");
            }
        }
    }

    /**
     * Sorts the transitions [from, to) of the parallel arrays by successor (insertion sort, stable,
     * for short rows; fastutil's quicksort for long ones); probabilities move along. For code that
     * produces CSR rows without a builder and must store them exactly as the builder would (e.g. a
     * generator writing one block of states into raw arrays).
     */
    public static void sortBySuccessor(int[] succ, double[] prob, int from, int to) {
        if (to - from <= INSERTION_SORT_MAX) {
            for (int i = from + 1; i < to; i++) {
                int t = succ[i];
                double p = prob[i];
                int j = i - 1;
                while (j >= from && succ[j] > t) {
                    succ[j + 1] = succ[j];
                    prob[j + 1] = prob[j];
                    j--;
                }
                succ[j + 1] = t;
                prob[j + 1] = p;
            }
            return;
        }
        it.unimi.dsi.fastutil.Arrays.quickSort(from, to, (i, j) -> Integer.compare(succ[i], succ[j]), (i, j) -> {
            int t = succ[i];
            succ[i] = succ[j];
            succ[j] = t;
            double p = prob[i];
            prob[i] = prob[j];
            prob[j] = p;
        });
    }
}
