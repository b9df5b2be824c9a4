package org.sparsemdp.model;

import java.util.List;

/** Invariant checks shared by {@link Mdp#fromArrays} and {@link MdpBuilder}. */
final class ModelChecks {
    private ModelChecks() {
    }

    static void checkDiscount(double gamma) {
        if (!(gamma > 0.0 && gamma <= 1.0)) {
            throw new InvalidModelException("discount must satisfy 0 < discount <= 1, got " + gamma);
        }
    }

    static void checkInitialStates(int[] initial, int numStates) {
        if (initial == null || initial.length == 0) {
            throw new InvalidModelException("at least one initial state is required");
        }
        for (int s : initial) {
            if (s < 0 || s >= numStates) {
                throw new InvalidModelException("initial state " + s + " out of range 0.." + (numStates - 1));
            }
        }
    }

    static void checkStructure(int numStates, int[] choiceStart, int[] transStart, int[] successor,
                               double[] probability, double[] reward, int[] actionIndex, int numLabels) {
        if (numStates <= 0) {
            throw new InvalidModelException("a model needs at least one state, got " + numStates);
        }
        if (choiceStart.length != numStates + 1 || choiceStart[0] != 0) {
            throw new InvalidModelException("choiceStart must have length S+1 = " + (numStates + 1)
                    + " and start at 0");
        }
        int numChoices = transStart.length - 1;
        if (numChoices < 0 || transStart[0] != 0 || choiceStart[numStates] != numChoices) {
            throw new InvalidModelException("choiceStart[S] must equal the number of choices " + numChoices);
        }
        if (reward.length != numChoices || actionIndex.length != numChoices) {
            throw new InvalidModelException("reward and actionIndex must have one entry per choice");
        }
        if (successor.length != probability.length || transStart[numChoices] != successor.length) {
            throw new InvalidModelException("transStart[C] must equal the number of transitions");
        }
        for (int s = 0; s < numStates; s++) {
            if (choiceStart[s + 1] < choiceStart[s]) {
                throw new InvalidModelException("state " + s + ": choiceStart is decreasing");
            }
            for (int c = choiceStart[s]; c < choiceStart[s + 1]; c++) {
                checkChoice(s, c, numStates, transStart, successor, probability, reward[c],
                        MdpBuilder.DEFAULT_PROBABILITY_TOLERANCE);
                if (actionIndex[c] < -1 || actionIndex[c] >= numLabels) {
                    throw new InvalidModelException("state " + s + ", choice " + c + ": action index "
                            + actionIndex[c] + " out of range");
                }
            }
        }
    }

    /** Checks one finished choice: successors strictly increasing and in range, probabilities, sum, reward. */
    static void checkChoice(int s, int c, int numStates, int[] transStart, int[] successor,
                            double[] probability, double reward, double tolerance) {
        int begin = transStart[c];
        int end = transStart[c + 1];
        if (end <= begin) {
            throw new InvalidModelException(where(s, c) + "a choice needs at least one transition");
        }
        if (!Double.isFinite(reward)) {
            throw new InvalidModelException(where(s, c) + "reward " + reward + " is not finite");
        }
        double sum = 0;
        int previous = -1;
        for (int k = begin; k < end; k++) {
            int t = successor[k];
            if (t < 0 || t >= numStates) {
                throw new InvalidModelException(where(s, c) + "successor " + t + " out of range 0.." + (numStates - 1));
            }
            if (t <= previous) {
                throw new InvalidModelException(where(s, c) + "successors must be strictly increasing");
            }
            previous = t;
            double p = probability[k];
            if (!(p > 0.0 && p <= 1.0)) {
                throw new InvalidModelException(where(s, c) + "probability " + p + " of successor " + t
                        + " is not in (0, 1]");
            }
            sum += p;
        }
        if (Math.abs(sum - 1.0) > tolerance) {
            throw new InvalidModelException(where(s, c) + "probabilities sum to " + sum + ", not 1 (tolerance "
                    + tolerance + ")");
        }
    }

    static String where(int s, int c) {
        return "state " + s + ", choice " + c + ": ";
    }

    static List<String> copyLabels(List<String> labels) {
        return List.copyOf(labels);
    }
}
